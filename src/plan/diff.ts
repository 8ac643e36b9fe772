/**
 * Field-level differences between two views: the leaf paths whose values differ. Objects are
 * compared key by key, arrays index by index (views keep sets sorted, so an index is stable);
 * markers (`$ref`, `$unknown`, `$sensitive`) are leaves, and a value known only after apply
 * differs from anything observed.
 */
import type { Path } from './types.js';
import { isMarker, sameValue } from './values.js';

export interface FieldDiff {
  readonly path: Path;
  readonly before: unknown;
  readonly after: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isMarker(v);
}

export function diffValues(before: unknown, after: unknown, path: Path = []): FieldDiff[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffValues(before[k], after[k], [...path, k]));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    const out: FieldDiff[] = [];
    for (let i = 0; i < n; i++) out.push(...diffValues(before[i], after[i], [...path, i]));
    return out;
  }
  if (before === undefined && after === undefined) return [];
  return sameValue(before, after) ? [] : [{ path, before, after }];
}

/** Whether `prefix` is a prefix of `path` (a change under a replace path forces replacement). */
export function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}
