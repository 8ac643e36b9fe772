/**
 * Which kubeconfig gwlb uses, merged as kubectl merges it (client-go's clientcmd loading rules):
 * `--kubeconfig FILE` alone; else every file of `KUBECONFIG` (`:`-separated, missing files
 * ignored), where the first file that names a cluster, user or context wins and the first file
 * that sets `current-context` sets it; else `~/.kube/config`; else the pod's service account.
 * client-node's own loader throws on a name two files share and on a missing file, and takes the
 * last file's current-context, so the files are merged here and it gets the result as one text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ClusterError } from './errors.js';

export interface KubeconfigOptions {
  /** `--kubeconfig FILE`: this file only; missing is an error. */
  readonly kubeconfig?: string;
  /** `--context NAME`: instead of current-context. */
  readonly context?: string;
}

export interface KubeconfigEnv {
  readonly KUBECONFIG?: string;
  readonly KUBERNETES_SERVICE_HOST?: string;
  readonly KUBERNETES_SERVICE_PORT?: string;
  readonly home: string;
  /** The service account directory of a pod (a test points it elsewhere). */
  readonly serviceAccountDir: string;
}

type Named = { name: string } & Record<string, unknown>;

/** A merged kubeconfig, in the file format (kebab-case keys), ready for client-node. */
export interface MergedKubeconfig {
  readonly clusters: Named[];
  readonly users: Named[];
  readonly contexts: Named[];
  readonly 'current-context'?: string;
  /** The files it came from, in order, for messages. */
  readonly files: readonly string[];
}

/** Where the kubeconfig comes from: files to merge, or the pod's service account. */
export type KubeconfigSource = { readonly kind: 'files'; readonly merged: MergedKubeconfig } | { readonly kind: 'in-cluster' };

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export function processEnv(): KubeconfigEnv {
  return {
    ...(process.env['KUBECONFIG'] !== undefined ? { KUBECONFIG: process.env['KUBECONFIG'] } : {}),
    ...(process.env['KUBERNETES_SERVICE_HOST'] !== undefined ? { KUBERNETES_SERVICE_HOST: process.env['KUBERNETES_SERVICE_HOST'] } : {}),
    ...(process.env['KUBERNETES_SERVICE_PORT'] !== undefined ? { KUBERNETES_SERVICE_PORT: process.env['KUBERNETES_SERVICE_PORT'] } : {}),
    home: homedir(),
    serviceAccountDir: SERVICE_ACCOUNT_DIR,
  };
}

function namedList(value: unknown): Named[] {
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is Named => typeof e === 'object' && e !== null && typeof (e as Named).name === 'string' && (e as Named).name !== '');
}

/** kubectl resolves file paths in a kubeconfig against the directory of the file that holds them. */
function absolutePaths(entry: Named, field: 'cluster' | 'user', keys: readonly string[], dir: string): Named {
  const body = entry[field];
  if (typeof body !== 'object' || body === null) return entry;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const key of keys) {
    const v = copy[key];
    if (typeof v === 'string' && v !== '' && !isAbsolute(v)) copy[key] = resolve(dir, v);
  }
  // An exec plugin command with a path separator is relative to the file; a bare name is looked up on PATH.
  const exec = copy['exec'];
  if (field === 'user' && typeof exec === 'object' && exec !== null) {
    const command = (exec as Record<string, unknown>)['command'];
    if (typeof command === 'string' && command.includes('/') && !isAbsolute(command)) copy['exec'] = { ...(exec as Record<string, unknown>), command: resolve(dir, command) };
  }
  return { ...entry, [field]: copy };
}

/** Merges kubeconfig texts in order: first wins per name and for current-context (client-go's merge). */
export function mergeKubeconfigs(files: readonly { path: string; text: string }[]): MergedKubeconfig {
  const clusters = new Map<string, Named>();
  const users = new Map<string, Named>();
  const contexts = new Map<string, Named>();
  let current: string | undefined;
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parse(file.text);
    } catch (err) {
      throw new ClusterError(`cannot read kubeconfig ${file.path}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (doc === null || doc === undefined) continue; // an empty file, as kubectl allows
    if (typeof doc !== 'object' || Array.isArray(doc)) throw new ClusterError(`cannot read kubeconfig ${file.path}: not a kubeconfig (expected a mapping with clusters, users and contexts)`);
    const d = doc as Record<string, unknown>;
    const dir = dirname(file.path);
    for (const c of namedList(d['clusters'])) if (!clusters.has(c.name)) clusters.set(c.name, absolutePaths(c, 'cluster', ['certificate-authority'], dir));
    for (const u of namedList(d['users'])) if (!users.has(u.name)) users.set(u.name, absolutePaths(u, 'user', ['client-certificate', 'client-key', 'token-file'], dir));
    for (const c of namedList(d['contexts'])) if (!contexts.has(c.name)) contexts.set(c.name, c);
    const cc = d['current-context'];
    if (current === undefined && typeof cc === 'string' && cc !== '') current = cc;
  }
  return { clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], ...(current !== undefined ? { 'current-context': current } : {}), files: files.map((f) => f.path) };
}

/** The files kubectl would read, in merge order: `--kubeconfig`, else `KUBECONFIG`, else `~/.kube/config`. */
export function kubeconfigPaths(opts: KubeconfigOptions, env: KubeconfigEnv): { paths: string[]; explicit: boolean } {
  if (opts.kubeconfig) return { paths: [opts.kubeconfig], explicit: true };
  if (env.KUBECONFIG) {
    const seen = new Set<string>();
    const paths = env.KUBECONFIG.split(delimiter).filter((p) => p !== '' && !seen.has(p) && seen.add(p));
    if (paths.length > 0) return { paths, explicit: false };
  }
  return { paths: [join(env.home, '.kube', 'config')], explicit: false };
}

/**
 * Reads and merges the kubeconfig files; with none present, the pod's service account when gwlb
 * runs in a pod (client-go's in-cluster config). `--kubeconfig` naming a missing file is an error.
 */
export function findKubeconfig(opts: KubeconfigOptions, env: KubeconfigEnv): KubeconfigSource {
  const { paths, explicit } = kubeconfigPaths(opts, env);
  if (explicit && !existsSync(paths[0]!)) throw new ClusterError(`--kubeconfig ${paths[0]}: no such file`);
  const present = paths.filter((p) => existsSync(p));
  const files = present.map((path) => {
    try {
      return { path, text: readFileSync(path, 'utf8') };
    } catch (err) {
      throw new ClusterError(`cannot read kubeconfig ${path}: ${(err as Error).message}`);
    }
  });
  const merged = mergeKubeconfigs(files);
  if (merged.contexts.length > 0 || merged.clusters.length > 0) return { kind: 'files', merged };
  if (env.KUBERNETES_SERVICE_HOST && existsSync(join(env.serviceAccountDir, 'token'))) return { kind: 'in-cluster' };
  throw new ClusterError(`no kubeconfig found (looked at ${paths.join(', ')}); pass --kubeconfig FILE or set KUBECONFIG`);
}

/** The context to use: `--context`, else current-context; one that is not defined is an error naming the defined ones. */
export function chooseContext(merged: MergedKubeconfig, context: string | undefined): Named {
  const name = context ?? merged['current-context'];
  const where = merged.files.join(':');
  const defined = merged.contexts.map((c) => c.name).join(', ') || 'none';
  if (name === undefined) throw new ClusterError(`${where} sets no current-context; pass --context NAME (contexts: ${defined})`);
  const found = merged.contexts.find((c) => c.name === name);
  if (!found) throw new ClusterError(`context "${name}" is not in ${where} (contexts: ${defined})`);
  return found;
}
