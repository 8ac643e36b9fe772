/**
 * The PATCH bodies kubectl and client libraries send: JSON merge patch (RFC 7386), JSON patch
 * (RFC 6902), strategic merge patch (the subset kubectl's client-side apply emits: list items
 * merged by a merge key, `$patch`, `$setElementOrder/`, `$retainKeys`, `$deleteFromPrimitiveList/`)
 * and server-side apply (treated as a merge that never deletes, good enough for a fresh owner).
 */
import { parse as parseYaml } from 'yaml';
import { isRecord } from './metadata.js';
import { badRequest, failure } from './status.js';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string | undefined): PatchType {
  const media = (contentType ?? '').split(';')[0]!.trim();
  switch (media) {
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/json-patch+json':
      return 'json';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+cbor':
      return 'apply';
    default:
      throw failure('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
  }
}

export function parsePatchBody(type: PatchType, body: string): unknown {
  try {
    return type === 'apply' ? parseYaml(body) : JSON.parse(body);
  } catch (err) {
    throw badRequest(`error decoding patch: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Server-side apply as a merge: the applied fields win, nothing else is removed. */
export function applyPatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch) || !isRecord(target)) return structuredClone(patch);
  const out: Record<string, unknown> = { ...target };
  for (const [k, v] of Object.entries(patch)) out[k] = v === null ? v : applyPatch(out[k], v);
  return out;
}

// Merge keys of the lists kubectl patches strategically (patchMergeKey in k8s.io/api): Service
// ports merge by `port`; other lists of objects by the first of these keys they have.
const MERGE_KEY_BY_FIELD: Record<string, string> = { ports: 'port' };
const MERGE_KEYS = ['name', 'type', 'key', 'ip', 'address'] as const;

function mergeKeyOf(field: string, items: unknown[]): string | undefined {
  const first = items.find(isRecord);
  if (first === undefined) return undefined;
  const byField = MERGE_KEY_BY_FIELD[field];
  return byField !== undefined && first[byField] !== undefined ? byField : MERGE_KEYS.find((k) => first[k] !== undefined);
}

function strategicList(field: string, target: unknown, patch: unknown[], order: unknown): unknown[] {
  const base = Array.isArray(target) ? target : [];
  const key = mergeKeyOf(field, [...patch, ...base]);
  if (key === undefined || !patch.every(isRecord)) return structuredClone(patch);
  if (patch.some((p) => isRecord(p) && p['$patch'] === 'replace')) return patch.filter((p) => isRecord(p) && p['$patch'] !== 'replace');
  const out = base.map((b) => structuredClone(b) as unknown);
  for (const p of patch as Record<string, unknown>[]) {
    const i = out.findIndex((b) => isRecord(b) && b[key] === p[key]);
    if (p['$patch'] === 'delete') {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = strategicMerge(out[i], p);
    else out.push(strategicMerge(undefined, p));
  }
  if (!Array.isArray(order)) return out;
  const rank = (v: unknown): number => {
    const i = order.findIndex((o) => isRecord(o) && isRecord(v) && o[key] === v[key]);
    return i < 0 ? order.length : i;
  };
  return out.sort((a, b) => rank(a) - rank(b));
}

export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  if (patch['$patch'] === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch['$patch'] === 'delete') return undefined;
  let out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  const retain = patch['$retainKeys'];
  if (Array.isArray(retain)) out = Object.fromEntries(Object.entries(out).filter(([k]) => retain.includes(k)));
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$retainKeys' || k === '$patch' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const list = out[field];
      if (Array.isArray(list) && Array.isArray(v)) out[field] = list.filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = strategicList(k, out[k], v, patch[`$setElementOrder/${k}`]);
    else {
      const merged = strategicMerge(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`invalid JSON pointer "${path}"`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function walk(doc: unknown, parts: string[]): unknown {
  return parts.reduce<unknown>((at, p) => (Array.isArray(at) ? at[Number(p)] : isRecord(at) ? at[p] : undefined), doc);
}

function put(doc: unknown, parts: string[], value: unknown, insert: boolean): void {
  const parent = walk(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw badRequest(`JSON patch: index ${last} is out of range`);
    parent.splice(i, insert ? 0 : 1, value);
  } else if (isRecord(parent)) parent[last] = value;
  else throw badRequest(`JSON patch: the parent of "/${parts.join('/')}" does not exist`);
}

function drop(doc: unknown, parts: string[]): unknown {
  const parent = walk(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1]!;
  const value = walk(doc, parts);
  if (value === undefined) throw badRequest(`JSON patch: "/${parts.join('/')}" does not exist`);
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isRecord(parent)) delete parent[last];
  return value;
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('JSON patch: the body must be an array of operations');
  const doc = { root: structuredClone(target) };
  for (const op of ops) {
    if (!isRecord(op) || typeof op['path'] !== 'string') throw badRequest('JSON patch: every operation needs "op" and "path"');
    const parts = ['root', ...pointer(op['path'])];
    const from = typeof op['from'] === 'string' ? ['root', ...pointer(op['from'])] : undefined;
    switch (op['op']) {
      case 'add': put(doc, parts, structuredClone(op['value']), true); break;
      case 'replace': drop(doc, parts); put(doc, parts, structuredClone(op['value']), true); break;
      case 'remove': drop(doc, parts); break;
      case 'move': if (from) put(doc, parts, drop(doc, from), true); break;
      case 'copy': if (from) put(doc, parts, structuredClone(walk(doc, from)), true); break;
      case 'test':
        if (JSON.stringify(walk(doc, parts)) !== JSON.stringify(op['value'])) throw failure('Invalid', `the server rejected our request due to an error in our request: test failed at ${op['path']}`);
        break;
      default: throw badRequest(`JSON patch: unknown operation ${JSON.stringify(op['op'])}`);
    }
  }
  return doc.root;
}

export function applyPatchOfType(type: PatchType, target: unknown, patch: unknown): unknown {
  switch (type) {
    case 'merge': return mergePatch(target, patch);
    case 'json': return jsonPatch(target, patch);
    case 'strategic': return strategicMerge(target, patch);
    case 'apply': return applyPatch(target, patch);
  }
}
