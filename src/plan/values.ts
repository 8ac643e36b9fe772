/**
 * Values inside resource views. A view is plain data plus three markers:
 * - `{$ref: "#/resources/<Type>/<id>/status/<field>"}`: another resource's ARN/id, not known yet;
 * - `{$unknown: "what"}`: a discovery value gwlb could not read (offline);
 * - `{$sensitive: true}`: a secret (OIDC clientSecret), never carried into the plan at all.
 * `toPlanJson` turns a view into Terraform's triple: the value with markers as null, and the
 * `after_unknown` / `after_sensitive` masks.
 */
import { isUnknown } from '../model/discovery.js';
import { isResourceRef } from '../model/stack.js';
import type { JsonValue } from './types.js';

export interface SensitiveValue {
  readonly $sensitive: true;
}

export const SENSITIVE: SensitiveValue = { $sensitive: true };

export function isSensitive(v: unknown): v is SensitiveValue {
  return typeof v === 'object' && v !== null && (v as { $sensitive?: unknown }).$sensitive === true;
}

/** Known only after apply: an unresolved reference or an unknown discovery value. */
export function isPending(v: unknown): boolean {
  return isResourceRef(v) || isUnknown(v);
}

export function isMarker(v: unknown): boolean {
  return isPending(v) || isSensitive(v);
}

/** Replaces every `$ref` the lookup can answer (the referenced resource exists and stays). */
export function resolveRefs(v: unknown, lookup: (ref: string) => string | undefined): unknown {
  if (isResourceRef(v)) return lookup(v.$ref) ?? v;
  if (Array.isArray(v)) return v.map((x) => resolveRefs(x, lookup));
  if (v === null || typeof v !== 'object' || isMarker(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = resolveRefs(x, lookup);
  return out;
}

/** Drops undefined members so views compare and print the same whatever built them. */
export function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (v === null || typeof v !== 'object' || isMarker(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = clean(x);
  return out;
}

/** Stable text for sorting sets and comparing: object keys sorted. */
export function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Equality as the plan sees it: a value known only after apply never equals an observed one. */
export function sameValue(a: unknown, b: unknown): boolean {
  const primitive = (v: unknown) => v === null || typeof v !== 'object';
  if (primitive(a) && primitive(b)) return a === b;
  if (isPending(a) || isPending(b)) return false;
  return canonical(a) === canonical(b);
}

/** Sort key of a set member: canonical text with non-negative integers zero-padded, so 80 sorts before 443. */
function sortKey(v: unknown): string {
  return canonical(v).replace(/(^|[:,[])(\d+)(?=[,\]}]|$)/g, (_, pre: string, digits: string) => `${pre}${digits.padStart(12, '0')}`);
}

/** A set in a stable order (views compare sets position by position). */
export function sortSet<T>(items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, key: sortKey(item) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((x) => x.item);
}

const emptyMask = (m: JsonValue): boolean => m === false || (typeof m === 'object' && m !== null && (Array.isArray(m) ? m.every(emptyMask) : Object.keys(m).length === 0));

export interface PlanJson {
  readonly value: JsonValue;
  readonly unknown: JsonValue;
  readonly sensitive: JsonValue;
  /** Mirrors the value with the referenced resource's address at each unresolved `$ref`. */
  readonly references: JsonValue;
}

export function toPlanJson(view: unknown, refAddress: (ref: string) => string | undefined = () => undefined): PlanJson {
  if (view === undefined) return { value: null, unknown: false, sensitive: false, references: false };
  return convert(view, refAddress);
}

/** One pass: the value with markers as null, and the three masks (parts with no hit left out). */
function convert(v: unknown, refAddress: (ref: string) => string | undefined): PlanJson {
  if (isResourceRef(v)) return { value: null, unknown: true, sensitive: false, references: refAddress(v.$ref) ?? false };
  if (isUnknown(v)) return { value: null, unknown: true, sensitive: false, references: false };
  if (isSensitive(v)) return { value: null, unknown: false, sensitive: true, references: false };
  if (Array.isArray(v)) {
    const items = v.map((x) => convert(x, refAddress));
    const masks = (pick: (j: PlanJson) => JsonValue) => (items.every((j) => emptyMask(pick(j))) ? false : items.map(pick));
    return { value: items.map((j) => j.value), unknown: masks((j) => j.unknown), sensitive: masks((j) => j.sensitive), references: masks((j) => j.references) };
  }
  if (v === null || v === undefined) return { value: null, unknown: false, sensitive: false, references: false };
  if (typeof v === 'object') {
    const value: Record<string, JsonValue> = {};
    const unknownMask: Record<string, JsonValue> = {};
    const sensitiveMask: Record<string, JsonValue> = {};
    const refMask: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      const j = convert(x, refAddress);
      value[k] = j.value;
      if (!emptyMask(j.unknown)) unknownMask[k] = j.unknown;
      if (!emptyMask(j.sensitive)) sensitiveMask[k] = j.sensitive;
      if (!emptyMask(j.references)) refMask[k] = j.references;
    }
    return { value, unknown: unknownMask, sensitive: sensitiveMask, references: refMask };
  }
  const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  return { value, unknown: false, sensitive: false, references: false };
}
