/**
 * `--from-cluster`: the objects of a live cluster as a LoadResult, the seam files use too, so
 * resolve, model and plan do not know where their input came from. Loaded by the commands with
 * `await import()` only when the flag is given (test/cli/startup.test.ts).
 */
export { loadCluster, readCluster } from './read.js';
export { ClusterError, isClusterError } from './errors.js';
export type { KubeconfigOptions } from './kubeconfig.js';
