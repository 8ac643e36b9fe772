/**
 * A problem that stops reading the cluster (unreachable, no credentials, CRDs not installed, a
 * Gateway API kind forbidden): the commands print its message as one line and exit 1. Problems
 * with single objects are diagnostics instead, as for files.
 */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';
}

export function isClusterError(err: unknown): err is ClusterError {
  return err instanceof ClusterError;
}
