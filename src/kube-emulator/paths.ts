/**
 * Resource paths: `/api/v1/...` (core) and `/apis/<group>/<version>/...`, then
 * `[namespaces/<ns>/]<resource>[/<name>[/status]]`. `/api/v1/namespaces/<name>[/status]` is
 * the Namespace itself.
 */
import { apiVersionOf, CORE_GROUP, findResource, type ResourceDef } from './resources.js';

export interface Target {
  readonly r: ResourceDef;
  readonly version: string;
  /** `<group>/<version>` (or `v1`) as objects at this URL carry it. */
  readonly apiVersion: string;
  /** From the URL; undefined for cluster-scoped kinds and for lists across namespaces. */
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: 'status';
  /** `?dryRun=All`: a write is checked and answered but not stored. */
  readonly dryRun?: boolean;
}

/** undefined when the path names nothing served (the caller answers 404). */
export function parseResourcePath(resources: readonly ResourceDef[], pathname: string): Target | undefined {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    [group, version, rest] = [CORE_GROUP, parts[1]!, parts.slice(2)];
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest[2] !== 'status') {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, sub, ...extra] = rest;
  if (plural === undefined || extra.length > 0 || (sub !== undefined && sub !== 'status')) return undefined;
  const r = findResource(resources, group, version, plural);
  if (r === undefined || (namespace !== undefined && !r.namespaced)) return undefined;
  if (r.namespaced && name !== undefined && namespace === undefined) return undefined;
  if (sub === 'status' && !r.status) return undefined;
  return {
    r,
    version,
    apiVersion: apiVersionOf(group, version),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(sub === 'status' ? { subresource: 'status' as const } : {}),
  };
}

/** The collection an object is created in, from its apiVersion, kind and namespace (`default` when unset). */
export function collectionOf(resources: readonly ResourceDef[], object: Record<string, unknown>): Target | undefined {
  const apiVersion = String(object['apiVersion'] ?? '');
  const slash = apiVersion.lastIndexOf('/');
  const [group, version] = slash < 0 ? [CORE_GROUP, apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
  const r = resources.find((x) => x.group === group && x.kind === object['kind'] && x.versions.includes(version));
  if (r === undefined) return undefined;
  const meta = object['metadata'];
  const ns = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)['namespace'] : undefined;
  return { r, version, apiVersion, ...(r.namespaced ? { namespace: typeof ns === 'string' && ns !== '' ? ns : 'default' } : {}) };
}
