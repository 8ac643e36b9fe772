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

/**
 * Replaces every `$ref` the lookup can answer (the referenced resource exists and stays). Parts
 * with nothing to replace are returned as they are, not copied: most of a spec has no reference.
 */
export function resolveRefs(v: unknown, lookup: (ref: string) => string | undefined): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (isResourceRef(v)) return lookup(v.$ref) ?? v;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = resolveRefs(v[i], lookup);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return out ?? v;
  }
  if (isMarker(v)) return v;
  let out: Record<string, unknown> | undefined;
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    const x0 = (v as Record<string, unknown>)[k];
    const x = resolveRefs(x0, lookup);
    if (x !== x0) (out ??= { ...(v as Record<string, unknown>) })[k] = x;
  }
  return out ?? v;
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
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  // Loops into one array per level, joined once: this runs over every stack for a fingerprint.
  if (Array.isArray(v)) {
    const parts = new Array<string>(v.length);
    for (let i = 0; i < v.length; i++) parts[i] = canonical(v[i]);
    return `[${parts.join(',')}]`;
  }
  const obj = v as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    const x = obj[k];
    if (x !== undefined) parts.push(`${JSON.stringify(k)}:${canonical(x)}`);
  }
  return `{${parts.join(',')}}`;
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
  // Most sets (a forward action's target groups, a load balancer's security groups) have one member.
  if (items.length < 2) return [...items];
  return items
    .map((item) => ({ item, key: sortKey(item) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((x) => x.item);
}


export interface PlanJson {
  readonly value: JsonValue;
  readonly unknown: JsonValue;
  readonly sensitive: JsonValue;
  /** Mirrors the value with the referenced resource's address at each unresolved `$ref`. */
  readonly references: JsonValue;
}

export function toPlanJson(view: unknown, refAddress: (ref: string) => string | undefined = () => undefined): PlanJson {
  if (view === undefined) return { value: null, unknown: false, sensitive: false, references: false };
  const c = new Converter(refAddress);
  const value = c.convert(view);
  return { value, unknown: fresh(c.unknown), sensitive: fresh(c.sensitive), references: fresh(c.references) };
}

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The mask of an object with no hit, shared while converting (most objects have none) and
 * replaced by a fresh `{}` wherever a mask is kept, so no two places in a plan share it.
 */
const NO_HIT: JsonValue = Object.freeze({});
const fresh = (m: JsonValue): JsonValue => (m === NO_HIT ? {} : m);
/**
 * Whether a mask `convert` made marks anything. Its masks without a hit are exactly `false` and
 * `NO_HIT`: objects and arrays of masks are made only at their first hit.
 */
const hit = (m: JsonValue): boolean => m !== false && m !== NO_HIT;

/** `$`: the first character of a marker's only member (`$ref`, `$unknown`, `$sensitive`). */
const DOLLAR = 36;

/**
 * One pass over a view: `convert` returns the value with markers as null and leaves that value's
 * three masks in `unknown`, `sensitive` and `references` (parts with no hit left out), where the
 * caller reads them before converting anything else — fields rather than a result object per
 * object and array: every resource of a plan goes through here. A part with nothing to change
 * (no marker, no undefined member) is the value itself, not a copy. Scalars inside objects and
 * arrays are taken as they are, without a call of their own: most of a view is scalars.
 */
class Converter {
  unknown: JsonValue = false;
  sensitive: JsonValue = false;
  references: JsonValue = false;

  constructor(private readonly refAddress: (ref: string) => string | undefined) {}

  convert(v: unknown): JsonValue {
    if (v === null || typeof v !== 'object') return this.leaf(isScalar(v) ? v : null, false, false, false);
    return Array.isArray(v) ? this.array(v) : this.object(v as Record<string, unknown>);
  }

  private leaf(value: JsonValue, unknown: boolean, sensitive: boolean, references: JsonValue): JsonValue {
    this.unknown = unknown;
    this.sensitive = sensitive;
    this.references = references;
    return value;
  }

  /** Whether `v` is a marker; if so, its masks are set (its value is null). */
  private marker(v: object): boolean {
    if (isResourceRef(v)) this.leaf(null, true, false, this.refAddress(v.$ref) ?? false);
    else if (isUnknown(v)) this.leaf(null, true, false, false);
    else if (isSensitive(v)) this.leaf(null, false, true, false);
    else return false;
    return true;
  }

  private array(v: readonly unknown[]): JsonValue {
    // A copy, made at the first element that differs from the source; masks made at their first hit.
    let value: JsonValue[] | undefined;
    let unknown: JsonValue[] | undefined;
    let sensitive: JsonValue[] | undefined;
    let references: JsonValue[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (isScalar(x)) {
        value?.push(x);
        unknown?.push(false);
        sensitive?.push(false);
        references?.push(false);
        continue;
      }
      const y = this.convert(x);
      if (!value && y !== x) value = v.slice(0, i) as JsonValue[];
      value?.push(y);
      unknown = withElementMask(unknown, this.unknown, v, i);
      sensitive = withElementMask(sensitive, this.sensitive, v, i);
      references = withElementMask(references, this.references, v, i);
    }
    this.unknown = unknown ?? false;
    this.sensitive = sensitive ?? false;
    this.references = references ?? false;
    return value ?? (v as JsonValue[]);
  }

  private object(src: Record<string, unknown>): JsonValue {
    // A copy, made at the first member that differs from the source.
    let value: Record<string, JsonValue> | undefined;
    let unknownMask: Record<string, JsonValue> | undefined;
    let sensitiveMask: Record<string, JsonValue> | undefined;
    let refMask: Record<string, JsonValue> | undefined;
    // for…in rather than Object.keys: no key array per object, and V8 reads `src[k]` through the
    // shape's enumeration cache instead of a generic keyed lookup. Views are plain objects.
    for (const k in src) {
      // Only an object with a `$` member can be a marker: three property lookups on every object
      // of every view, of a hundred different shapes, cost more than a look at each key.
      if (k.charCodeAt(0) === DOLLAR && this.marker(src)) return null;
      const x = src[k];
      if (isScalar(x)) {
        if (value) value[k] = x;
        continue;
      }
      if (x === undefined) {
        value ??= membersBefore(src, k);
        continue;
      }
      const y = this.convert(x);
      if (!value && y !== x) value = membersBefore(src, k);
      if (value) value[k] = y;
      if (hit(this.unknown)) (unknownMask ??= {})[k] = this.unknown;
      if (hit(this.sensitive)) (sensitiveMask ??= {})[k] = this.sensitive;
      if (hit(this.references)) (refMask ??= {})[k] = this.references;
    }
    this.unknown = unknownMask ?? NO_HIT;
    this.sensitive = sensitiveMask ?? NO_HIT;
    this.references = refMask ?? NO_HIT;
    return value ?? (src as Record<string, JsonValue>);
  }
}

/** What an element with no hit puts in its array's mask (`fresh` of the mask `convert` gives it). */
const noHitOf = (x: unknown): JsonValue => (typeof x === 'object' && x !== null && !Array.isArray(x) && !isMarker(x) ? {} : false);

/**
 * An array's mask with element `i`'s mask appended. An array whose elements have no hit has the
 * mask `false`; at the first hit the mask is made, with what the earlier elements put in it.
 */
function withElementMask(mask: JsonValue[] | undefined, m: JsonValue, items: readonly unknown[], i: number): JsonValue[] | undefined {
  if (mask) {
    mask.push(fresh(m));
    return mask;
  }
  if (!hit(m)) return undefined;
  const out: JsonValue[] = [];
  for (let k = 0; k < i; k++) out.push(noHitOf(items[k]));
  out.push(m);
  return out;
}

/** The defined members of `src` before `key`: the start of a changed copy. */
function membersBefore(src: Record<string, unknown>, key: string): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const k in src) {
    if (k === key) break;
    const x = src[k];
    if (x !== undefined) out[k] = x as JsonValue;
  }
  return out;
}
