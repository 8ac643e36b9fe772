/**
 * Cluster → LoadResult: discovery, one paginated list per kind (`limit=500`, following
 * `continue`), then one GET per Secret a ListenerRuleConfiguration names (Secrets are never
 * listed). The objects go through the same decode path as files (load.ts loadRawObjects), with
 * origins that name `kind ns/name`. No ListWatch/informer: one consistent read per command.
 */
import type { Diagnostic } from '../../diagnostics.js';
import { loadRawObjects } from '../load.js';
import { clusterOrigin } from '../origin.js';
import type { RawObject } from '../schema/index.js';
import type { LoadResult } from '../snapshot.js';
import { connectKube, type KubeClient } from './client.js';
import { discover, type ServedKind } from './discovery.js';
import { ClusterError } from './errors.js';
import type { KubeconfigEnv, KubeconfigOptions } from './kubeconfig.js';
import { failedRequest, forbidden, unauthorized } from './messages.js';

export const PAGE_SIZE = 500;

/**
 * Kinds gwlb can do without when RBAC hides them: targets then stay unknown (EndpointSlice) or
 * node-port targets have no instances (Node). Every other kind changes what LBC builds.
 */
const OPTIONAL_KINDS = new Set(['EndpointSlice', 'Node']);

/** One kind's objects and the resourceVersion a watch continues from; or RBAC hides the kind. */
export type Listed = { items: Record<string, unknown>[]; resourceVersion: string } | { forbidden: true };

function listPath(k: ServedKind, cont: string | undefined): string {
  const base = k.group === '' ? `/api/${k.version}/${k.plural}` : `/apis/${k.group}/${k.version}/${k.plural}`;
  return `${base}?limit=${PAGE_SIZE}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`;
}

/** Every page of one kind; 410 Gone (the continue token expired mid-list) restarts the list once. `signal` abandons it (the cluster watch stopping). */
export async function listKind(client: KubeClient, k: ServedKind, signal?: AbortSignal): Promise<Listed> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const items: Record<string, unknown>[] = [];
    let cont: string | undefined;
    let expired = false;
    let resourceVersion = '';
    do {
      const path = listPath(k, cont);
      const reply = await client.get(path, signal ? { signal } : undefined);
      if (reply.status === 403) return { forbidden: true };
      if (reply.status === 401) throw new ClusterError(unauthorized(client));
      if (reply.status === 404) return { items: [], resourceVersion: '' }; // uninstalled since discovery
      if (reply.status === 410 && cont) {
        expired = true;
        break;
      }
      if (reply.status !== 200) throw new ClusterError(failedRequest(client, `list ${k.sourceKind} from`, path, reply));
      const body = reply.body as { items?: unknown; metadata?: { continue?: unknown; resourceVersion?: unknown } };
      // Every page of a consistent list is at the first page's resourceVersion.
      if (cont === undefined && typeof body.metadata?.resourceVersion === 'string') resourceVersion = body.metadata.resourceVersion;
      for (const item of Array.isArray(body.items) ? body.items : []) if (typeof item === 'object' && item !== null) items.push(item as Record<string, unknown>);
      cont = typeof body.metadata?.continue === 'string' && body.metadata.continue !== '' ? body.metadata.continue : undefined;
    } while (cont);
    if (!expired) return { items, resourceVersion };
  }
  throw new ClusterError(`the list of ${k.sourceKind} from ${client.server} kept expiring while it was paged (410 Gone); retry`);
}

/** Items of a list lack apiVersion and kind for built-in kinds: set as listed, so decode checks them. */
export function rawObject(item: Record<string, unknown>, k: ServedKind): RawObject | undefined {
  const metadata = item['metadata'] as { name?: unknown; namespace?: unknown } | undefined;
  if (typeof metadata?.name !== 'string') return undefined;
  const value = { ...item, apiVersion: k.group === '' ? k.version : `${k.group}/${k.version}`, kind: k.sourceKind };
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  return { value, origin: clusterOrigin(k.sourceKind, namespace, metadata.name) };
}

/** `ns/name` of each Secret an authenticate-oidc action names (it lives in the configuration's namespace). */
function referencedSecrets(configs: readonly Record<string, unknown>[]): { namespace: string; name: string; by: string }[] {
  const out = new Map<string, { namespace: string; name: string; by: string }>();
  for (const c of configs) {
    const meta = c['metadata'] as { name?: string; namespace?: string };
    const namespace = meta.namespace ?? 'default';
    const actions = (c['spec'] as { actions?: unknown } | undefined)?.actions;
    for (const a of Array.isArray(actions) ? actions : []) {
      const name = (a as { authenticateOIDCConfig?: { secret?: { name?: unknown } } })?.authenticateOIDCConfig?.secret?.name;
      if (typeof name === 'string' && name !== '') out.set(`${namespace}/${name}`, { namespace, name, by: `ListenerRuleConfiguration ${namespace}/${meta.name}` });
    }
  }
  return [...out.values()];
}

function warning(code: string, message: string): Diagnostic {
  return { severity: 'warning', code, message };
}

/**
 * A forbidden list: the warning for a kind gwlb can do without, or the error that stops the read.
 */
export function forbiddenKind(client: KubeClient, k: ServedKind): Diagnostic {
  const message = forbidden(client, k.sourceKind, k.group, k.plural, 'list');
  if (!OPTIONAL_KINDS.has(k.sourceKind)) throw new ClusterError(message);
  const effect = k.sourceKind === 'Node' ? 'instance targets and node ports are unknown' : 'targets are unknown';
  return warning('GWLB010', `${message}; read without ${k.sourceKind}s, so ${effect}`);
}

/**
 * Listed objects → LoadResult: one GET per Secret a ListenerRuleConfiguration names (read now, so
 * a watch's snapshot has the current Secret), then the same decode path as files.
 */
export async function assemble(client: KubeClient, raws: readonly RawObject[], diagnostics: readonly Diagnostic[], notServed: readonly string[]): Promise<LoadResult> {
  const all = [...raws];
  const found: Diagnostic[] = [...diagnostics];
  const lrcs = raws.filter((r) => r.value['kind'] === 'ListenerRuleConfiguration').map((r) => r.value);
  for (const s of referencedSecrets(lrcs)) {
    const reply = await client.get(`/api/v1/namespaces/${encodeURIComponent(s.namespace)}/secrets/${encodeURIComponent(s.name)}`);
    if (reply.status === 404) continue; // the model reports the missing Secret, as LBC does
    if (reply.status === 403) {
      found.push(warning('GWLB010', `${forbidden(client, 'Secret', '', 'secrets', 'get')} (it reads Secret ${s.namespace}/${s.name}, named by ${s.by})`));
      continue;
    }
    if (reply.status !== 200) throw new ClusterError(failedRequest(client, 'read Secret', `${s.namespace}/${s.name}`, reply));
    const raw = rawObject(reply.body as Record<string, unknown>, { sourceKind: 'Secret', group: '', version: 'v1', plural: 'secrets', namespaced: true });
    if (raw) all.push(raw);
  }
  const loaded = loadRawObjects(all);
  const info: Diagnostic[] = notServed.map((kind) => ({ severity: 'info', code: 'GWLB011', message: `the cluster does not serve ${kind} (its CRD is not installed); none read` }));
  return { ...loaded, diagnostics: [...found, ...info, ...loaded.diagnostics] };
}

export async function readCluster(client: KubeClient): Promise<LoadResult> {
  const { served, notServed } = await discover(client);
  const raws: RawObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const lists = await Promise.all(served.map(async (k) => ({ k, listed: await listKind(client, k) })));
  for (const { k, listed } of lists) {
    if ('forbidden' in listed) {
      diagnostics.push(forbiddenKind(client, k));
      continue;
    }
    for (const item of listed.items) {
      const raw = rawObject(item, k);
      if (raw) raws.push(raw);
    }
  }
  return assemble(client, raws, diagnostics, notServed);
}

/** `--from-cluster`: connect with the kubeconfig rules and read everything gwlb reads. */
export async function loadCluster(opts: KubeconfigOptions, env?: KubeconfigEnv): Promise<LoadResult> {
  const client = await connectKube(opts, env);
  return readCluster(client);
}
