/** ObjectMeta as the API server would store it: defaults for what a hand-written manifest omits. */
import { quote } from '../../diagnostics.js';
import type { ObjectMeta } from '../kube.js';
import { describe, isRecord, SCHEMA_CODES, type Checker, type Path } from './check.js';

function stringMap(value: unknown, c: Checker, path: Path): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    c.error(SCHEMA_CODES.wrongType, path, 'must be a map of strings');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    // A bare number or boolean is the usual mistake (`version: 2`): say how to write it.
    else if (typeof v === 'number' || typeof v === 'boolean') c.error(SCHEMA_CODES.wrongType, [...path, k], `must be a string (quote it: ${quote(String(v))})`);
    else c.error(SCHEMA_CODES.wrongType, [...path, k], `must be a string, got ${describe(v)}`);
  }
  return out;
}

function optionalString(value: unknown, c: Checker, path: Path): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  // YAML turns an unquoted timestamp into a Date; Kubernetes writes RFC 3339 strings.
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  c.error(SCHEMA_CODES.wrongType, path, 'must be a string');
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
  const uid = optionalString(meta['uid'], c, [...path, 'uid']);
  const creationTimestamp = optionalString(meta['creationTimestamp'], c, [...path, 'creationTimestamp']);
  const resourceVersion = optionalString(meta['resourceVersion'], c, [...path, 'resourceVersion']);
  const deletionTimestamp = optionalString(meta['deletionTimestamp'], c, [...path, 'deletionTimestamp']);
  return {
    name,
    namespace,
    generation: gen,
    labels: stringMap(meta['labels'], c, [...path, 'labels']),
    annotations: stringMap(meta['annotations'], c, [...path, 'annotations']),
    finalizers: fins,
    ...(uid !== undefined ? { uid } : {}),
    ...(creationTimestamp !== undefined ? { creationTimestamp } : {}),
    ...(resourceVersion !== undefined ? { resourceVersion } : {}),
    ...(deletionTimestamp !== undefined ? { deletionTimestamp } : {}),
  };
}
