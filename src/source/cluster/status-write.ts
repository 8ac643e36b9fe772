/**
 * Status write-back: the objects gwlb writes status for are read (one paginated list per kind,
 * raw JSON: resourceVersion and the status as it stands, lastTransitionTimes included), the
 * patches are computed (status/patches.ts, pure) and sent as JSON merge patch to the `/status`
 * subresource with a `metadata.resourceVersion` precondition. A 409 (someone wrote the object
 * since it was read) re-reads that one object, recomputes its patch and retries, at most
 * MAX_ATTEMPTS times; a 404 means it was deleted meanwhile and needs nothing. Other failures are
 * collected per object, with the RBAC rule to add for a 403, and never stop the other writes.
 */
import type { ObjectRef } from '../../diagnostics.js';
import type { ObjectStatus } from '../../resolve/types.js';
import { liveKey, statusPatch, type LiveObject, type StatusPatchInput } from '../../status/patches.js';
import type { KubeClient } from './client.js';
import { ClusterError } from './errors.js';
import { failedRequest, forbidden } from './messages.js';
import { PAGE_SIZE } from './read.js';

export const MAX_ATTEMPTS = 5;
const MERGE_PATCH = 'application/merge-patch+json';

export interface StatusWriteResult {
  /** Objects whose status was patched. */
  readonly written: readonly ObjectRef[];
  /** 409 answers that were retried. */
  readonly conflicts: number;
  readonly failed: readonly { readonly object: ObjectRef; readonly message: string }[];
}

function groupVersion(apiVersion: string): { group: string; version: string } {
  const at = apiVersion.lastIndexOf('/');
  return at < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, at), version: apiVersion.slice(at + 1) };
}

/**
 * `gatewayclasses`, `gateways`, `httproutes`…: every kind gwlb writes pluralises so. A ListenerSet
 * of the experimental group is the API's XListenerSet (source/schema/index.ts stores it as ListenerSet).
 */
function pluralOf(kind: string, group: string): string {
  if (kind === 'ListenerSet' && group === 'gateway.networking.x-k8s.io') return 'xlistenersets';
  const lower = kind.toLowerCase();
  return lower.endsWith('s') ? `${lower}es` : `${lower}s`;
}

function collectionPath(apiVersion: string, kind: string): string {
  const { group, version } = groupVersion(apiVersion);
  return `${group === '' ? `/api/${version}` : `/apis/${group}/${version}`}/${pluralOf(kind, group)}`;
}

function objectPath(s: Pick<ObjectStatus, 'apiVersion' | 'object'>): string {
  const { group, version } = groupVersion(s.apiVersion);
  const base = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const ns = s.object.namespace === '' ? '' : `/namespaces/${encodeURIComponent(s.object.namespace)}`;
  return `${base}${ns}/${pluralOf(s.object.kind, group)}/${encodeURIComponent(s.object.name)}`;
}

function refOfLive(kind: string, item: LiveObject): ObjectRef {
  return { kind, namespace: item.metadata.namespace ?? '', name: item.metadata.name };
}

/** The objects of every kind among `statuses`, as the API server holds them now, by `liveKey`. */
export async function readLiveObjects(client: KubeClient, statuses: readonly ObjectStatus[]): Promise<Map<string, LiveObject>> {
  const kinds = new Map(statuses.map((s) => [`${s.apiVersion} ${s.object.kind}`, s]));
  const out = new Map<string, LiveObject>();
  await Promise.all(
    [...kinds.values()].map(async (s) => {
      const base = collectionPath(s.apiVersion, s.object.kind);
      let cont: string | undefined;
      do {
        const path = `${base}?limit=${PAGE_SIZE}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`;
        const reply = await client.get(path);
        if (reply.status !== 200) throw new ClusterError(failedRequest(client, `list ${s.object.kind} from`, path, reply));
        const body = reply.body as { items?: LiveObject[]; metadata?: { continue?: string } };
        for (const item of body.items ?? []) if (item?.metadata?.name) out.set(liveKey(refOfLive(s.object.kind, item)), item);
        cont = body.metadata?.continue || undefined;
      } while (cont);
    }),
  );
  return out;
}

async function writeOne(client: KubeClient, s: ObjectStatus, input: StatusPatchInput, counts: { conflicts: number }): Promise<'written' | 'unchanged' | { message: string }> {
  let live = input.live;
  const path = objectPath(s);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const patch = statusPatch(s, { ...input, live });
    if (!patch) return 'unchanged';
    const reply = await client.patch(`${path}/status`, patch.body, MERGE_PATCH);
    if (reply.status === 200) return 'written';
    if (reply.status === 404) return 'unchanged';
    if (reply.status === 403) return { message: forbidden(client, s.object.kind, groupVersion(s.apiVersion).group, `${pluralOf(s.object.kind, groupVersion(s.apiVersion).group)}/status`, 'patch') };
    if (reply.status !== 409) return { message: failedRequest(client, 'write the status of', path, reply) };
    counts.conflicts++;
    const fresh = await client.get(path);
    if (fresh.status === 404) return 'unchanged';
    if (fresh.status !== 200) return { message: failedRequest(client, 'read', path, fresh) };
    live = new Map(live).set(liveKey(s.object), fresh.body as LiveObject);
  }
  return { message: `the status of ${s.object.kind} ${s.object.namespace ? `${s.object.namespace}/` : ''}${s.object.name} was changed by someone else ${MAX_ATTEMPTS} times while gwlb wrote it (409 Conflict each time); the next apply or watch round writes it` };
}

/**
 * Writes the patches for `statuses` (objects read first unless `live` is given), one object at a
 * time in order. `now` stamps the conditions whose status changes.
 */
export async function writeStatuses(client: KubeClient, input: Omit<StatusPatchInput, 'live'> & { readonly live?: ReadonlyMap<string, LiveObject> }): Promise<StatusWriteResult> {
  const live = input.live ?? (await readLiveObjects(client, input.statuses));
  const written: ObjectRef[] = [];
  const failed: { object: ObjectRef; message: string }[] = [];
  const counts = { conflicts: 0 };
  for (const s of input.statuses) {
    const outcome = await writeOne(client, s, { ...input, live }, counts);
    if (outcome === 'written') written.push(s.object);
    else if (outcome !== 'unchanged') failed.push({ object: s.object, message: outcome.message });
  }
  return { written, conflicts: counts.conflicts, failed };
}
