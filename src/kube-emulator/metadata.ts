/**
 * What the API server writes into an object on create and update: uid, creationTimestamp,
 * generation (bumped only when something other than metadata and status changes, the CRD rule),
 * the namespace from the URL, and the status-subresource split (main writes keep the stored
 * status; `/status` writes keep everything else).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, invalid } from './status.js';
import type { ResourceDef } from './resources.js';
import type { KubeObject, ObjectMeta } from './store.js';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the body is an object of the URL's kind and namespace; returns a private copy. */
export function bodyObject(r: ResourceDef, body: unknown, namespace: string | undefined): KubeObject {
  if (!isRecord(body)) throw badRequest('the request body is not a JSON object');
  const copy = structuredClone(body) as Record<string, unknown>;
  if (copy['kind'] !== undefined && copy['kind'] !== r.kind) throw badRequest(`the kind of the object (${String(copy['kind'])}) does not match the kind of the URL (${r.kind})`);
  const meta = isRecord(copy['metadata']) ? (copy['metadata'] as ObjectMeta) : ({ name: '' } as ObjectMeta);
  copy['metadata'] = meta;
  if (r.namespaced && namespace !== undefined) {
    if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = namespace;
  }
  if (!r.namespaced) delete meta.namespace;
  return copy as KubeObject;
}

export function timestamp(now: number): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Sets the server-owned metadata of a new object and validates its name. */
export function prepareCreate(r: ResourceDef, object: KubeObject, apiVersion: string, now: number): KubeObject {
  const meta = object.metadata;
  if ((meta.name ?? '') === '' && typeof meta['generateName'] === 'string') meta.name = `${meta['generateName']}${randomBytes(3).toString('hex').slice(0, 5)}`;
  if (typeof meta.name !== 'string' || meta.name === '') throw invalid(r, '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
  if (meta.name.length > 253 || !DNS1123_SUBDOMAIN.test(meta.name)) {
    throw invalid(r, meta.name, [{ field: 'metadata.name', message: `Invalid value: "${meta.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character` }]);
  }
  meta.uid = randomUUID();
  meta.creationTimestamp = timestamp(now);
  meta.generation = 1;
  delete meta.resourceVersion;
  delete meta['deletionTimestamp'];
  // Nodes keep a status given on create (pkg/registry/core/node/strategy.go PrepareForCreate).
  if (r.status && r.kind !== 'Namespace' && r.kind !== 'Node') delete object['status'];
  if (r.kind === 'Namespace') object['status'] = { phase: 'Active' };
  object['apiVersion'] = apiVersion;
  object['kind'] = r.kind;
  return object;
}

/** JSON with object keys sorted, so a write that only reorders keys compares equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

function withoutMetaAndStatus(o: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
  return canonicalJson(rest);
}

/**
 * The object to store for an update of `current` to `next`: the identity and server-owned
 * metadata are kept; for a status write only `.status` is taken from `next`.
 */
export function prepareUpdate(r: ResourceDef, current: KubeObject, next: KubeObject, subresource: 'status' | undefined): KubeObject {
  if (next.metadata.name !== undefined && next.metadata.name !== current.metadata.name) {
    throw badRequest(`the name of the object (${String(next.metadata.name)}) does not match the name on the URL (${current.metadata.name})`);
  }
  if (subresource === 'status') {
    const updated = structuredClone(current);
    if (next['status'] === undefined) delete updated['status'];
    else updated['status'] = structuredClone(next['status']);
    return updated;
  }
  const updated: KubeObject = { ...structuredClone(next), metadata: { ...structuredClone(next.metadata) } };
  const meta = updated.metadata;
  meta.name = current.metadata.name;
  if (current.metadata.namespace !== undefined) meta.namespace = current.metadata.namespace;
  meta.uid = current.metadata.uid;
  meta.creationTimestamp = current.metadata.creationTimestamp;
  // Deletion marks are the server's: a client can neither set nor clear them.
  for (const key of ['deletionTimestamp', 'deletionGracePeriodSeconds']) {
    if (current.metadata[key] === undefined) delete meta[key];
    else meta[key] = current.metadata[key];
  }
  if (r.status) {
    if (current['status'] === undefined) delete updated['status'];
    else updated['status'] = structuredClone(current['status']);
  }
  const generation = current.metadata.generation ?? 1;
  meta.generation = withoutMetaAndStatus(current) === withoutMetaAndStatus(updated) ? generation : generation + 1;
  updated['apiVersion'] = current['apiVersion'];
  updated['kind'] = r.kind;
  return updated;
}

/** The object as a client sees it at the URL's version. */
export function present(object: KubeObject, apiVersion: string): KubeObject {
  const { apiVersion: _a, kind, metadata, ...rest } = object;
  return { apiVersion, kind, metadata, ...rest } as KubeObject;
}
