/** ObjectMeta as the API server would store it: defaults for what a hand-written manifest omits. */
import { quote } from '../../diagnostics.js';
import type { ObjectMeta } from '../kube.js';
import { describe, isRecord, SCHEMA_CODES, type Checker, type Path } from './check.js';

/** `meta[key]`, a map of strings, with `path` the metadata's path (extended only to report). */
function stringMap(meta: Record<string, unknown>, key: string, c: Checker, path: Path): Record<string, string> {
  const value = meta[key];
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    c.error(SCHEMA_CODES.wrongType, [...path, key], 'must be a map of strings');
    return {};
  }
  const out: Record<string, string> = {};
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    const v = value[k];
    if (typeof v === 'string') out[k] = v;
    // A bare number or boolean is the usual mistake (`version: 2`): say how to write it.
    else if (typeof v === 'number' || typeof v === 'boolean') c.error(SCHEMA_CODES.wrongType, [...path, key, k], `must be a string (quote it: ${quote(String(v))})`);
    else c.error(SCHEMA_CODES.wrongType, [...path, key, k], `must be a string, got ${describe(v)}`);
  }
  return out;
}

/** `meta[key]`, an optional string, with `path` the metadata's path (extended only to report). */
function optionalString(meta: Record<string, unknown>, key: string, c: Checker, path: Path): string | undefined {
  const value = meta[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  // YAML turns an unquoted timestamp into a Date; Kubernetes writes RFC 3339 strings.
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  c.error(SCHEMA_CODES.wrongType, [...path, key], 'must be a string');
  return undefined;
}

/**
 * `namespace` is already defaulted by the caller (`default` for namespaced kinds, as kubectl
 * does; empty for cluster-scoped ones), and the name and namespace checked (names.ts).
 * `generation` defaults to 1, as on create.
 */
export function decodeMetadata(meta: Record<string, unknown>, namespace: string, c: Checker, path: Path): ObjectMeta {
  const name = meta['name'] as string;
  const rawNamespace = meta['namespace'];
  if (rawNamespace !== undefined && rawNamespace !== null && typeof rawNamespace !== 'string') c.error(SCHEMA_CODES.wrongType, [...path, 'namespace'], `must be a string, got ${describe(rawNamespace)}`);
  const generation = meta['generation'];
  let gen = 1;
  if (generation !== undefined && generation !== null) {
    if (typeof generation === 'number' && Number.isInteger(generation) && generation >= 1) gen = generation;
    else c.error(SCHEMA_CODES.wrongType, [...path, 'generation'], 'must be a positive integer');
  }
  const finalizers = meta['finalizers'];
  let fins: string[] = [];
  if (Array.isArray(finalizers) && finalizers.every((f) => typeof f === 'string')) fins = finalizers as string[];
  else if (finalizers !== undefined && finalizers !== null) c.error(SCHEMA_CODES.wrongType, [...path, 'finalizers'], 'must be a list of strings');
  const uid = optionalString(meta, 'uid', c, path);
  const creationTimestamp = optionalString(meta, 'creationTimestamp', c, path);
  const resourceVersion = optionalString(meta, 'resourceVersion', c, path);
  const deletionTimestamp = optionalString(meta, 'deletionTimestamp', c, path);
  // Absent optional fields are left out, not set to undefined; assigned after the literal (a
  // spread per field made the literal be built key by key at run time).
  const out: { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] } = {
    name,
    namespace,
    generation: gen,
    labels: stringMap(meta, 'labels', c, path),
    annotations: stringMap(meta, 'annotations', c, path),
    finalizers: fins,
  };
  if (uid !== undefined) out.uid = uid;
  if (creationTimestamp !== undefined) out.creationTimestamp = creationTimestamp;
  if (resourceVersion !== undefined) out.resourceVersion = resourceVersion;
  if (deletionTimestamp !== undefined) out.deletionTimestamp = deletionTimestamp;
  return out;
}
