/**
 * A small structural validator in the style of an OpenAPI v3 CRD schema: types, enums, bounds,
 * patterns, required fields and defaults, with every problem collected as a located diagnostic.
 * Kubernetes rejects an object that fails its schema, so a schema error drops the whole object;
 * the caller decides that from `Checker.errorCount()`.
 */
import { formatPath, quote, shorten, type Diagnostic, type ObjectRef } from '../../diagnostics.js';
import type { Origin } from '../kube.js';

export type Path = readonly (string | number)[];

/** Stable codes for schema problems (1xx). */
export const SCHEMA_CODES = {
  unservedVersion: 'GWLB100',
  wrongType: 'GWLB101',
  unknownField: 'GWLB102',
  required: 'GWLB103',
  enumValue: 'GWLB104',
  bounds: 'GWLB105',
  pattern: 'GWLB106',
  rule: 'GWLB107',
  /** metadata.name or metadata.namespace is not what the API server accepts for the kind (names.ts). */
  objectName: 'GWLB108',
} as const;

export class Checker {
  readonly diagnostics: Diagnostic[] = [];
  private errors = 0;

  constructor(
    private readonly origin: Origin,
    private readonly object: ObjectRef,
    /** Unknown fields are reported (as kubectl's strict field validation does) only for CRDs. */
    readonly strict: boolean,
  ) {}

  error(code: string, path: Path, message: string): void {
    this.errors += 1;
    this.diagnostics.push({ severity: 'error', code, message, location: this.origin.locate(path), object: this.object, path: formatPath(path) });
  }

  /** Errors so far: a rule runs only if the value it looks at added none (CEL sees valid objects). */
  errorCount(): number {
    return this.errors;
  }

  warn(code: string, path: Path, message: string): void {
    this.diagnostics.push({ severity: 'warning', code, message, location: this.origin.locate(path), object: this.object, path: formatPath(path) });
  }
}

/**
 * Validates and defaults one value; returns undefined when the value is invalid (already reported).
 * `path` is only valid during the call: obj, list and mapOf extend one array in place for their
 * children (a copy per field was ~30% of decoding), so a schema or rule that keeps a path for
 * later must copy it. Checker.error and warn use it at once.
 *
 * The loops below are indexed `for` loops over lists made once per schema: decoding runs once
 * per command, mostly before the JIT has optimised it, where iterators, destructuring and a
 * closure per call cost several times what they cost in a hot loop.
 */
export type Schema = (value: unknown, c: Checker, path: Path) => unknown;

/**
 * `schema` on the child `key` of the value at `path`, with `path` extended for the call only. No
 * `finally`: each decode makes its own path array, and an exception abandons that decode.
 */
function child(schema: Schema, value: unknown, c: Checker, path: Path, key: string | number): unknown {
  const at = path as (string | number)[];
  at.push(key);
  const out = schema(value, c, at);
  at.pop();
  return out;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  return `${typeof value} ${shorten(String(value))}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface StringRules {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  /** Said in the pattern message: what the value should look like. */
  readonly patternHint?: string;
  readonly enum?: readonly string[];
}

export function str(rules: StringRules = {}): Schema {
  // The rules as constants of this closure: one object's fields would be read per value decoded.
  const { min, max, pattern, patternHint, enum: allowed } = rules;
  return (value, c, path) => {
    if (typeof value !== 'string') {
      c.error(SCHEMA_CODES.wrongType, path, `must be a string, got ${describe(value)}`);
      return undefined;
    }
    const listed = allowed?.indexOf(value) ?? -1;
    if (allowed && listed < 0) {
      c.error(SCHEMA_CODES.enumValue, path, `unsupported value ${quote(value)}: must be one of ${allowed.join(', ')}`);
      return undefined;
    }
    if (min !== undefined && value.length < min) {
      c.error(SCHEMA_CODES.bounds, path, min === 1 ? 'must not be empty' : `must be at least ${min} characters long`);
      return undefined;
    }
    if (max !== undefined && value.length > max) {
      c.error(SCHEMA_CODES.bounds, path, `must be at most ${max} characters long (it has ${value.length})`);
      return undefined;
    }
    if (pattern && !pattern.test(value)) {
      c.error(SCHEMA_CODES.pattern, path, `invalid value ${quote(value)}: ${patternHint ?? `must match ${pattern.source}`}`);
      return undefined;
    }
    // A listed value is returned as the schema's own string (equal to the input's): a
    // manifest's thousands of `PathPrefix` are then one string kept, not one each.
    return listed >= 0 ? allowed![listed] : value;
  };
}

export function enumOf(...values: string[]): Schema {
  return str({ enum: values });
}

export function int(rules: { min?: number; max?: number; enum?: readonly number[] } = {}): Schema {
  return (value, c, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      c.error(SCHEMA_CODES.wrongType, path, `must be an integer, got ${describe(value)}`);
      return undefined;
    }
    if (rules.enum && !rules.enum.includes(value)) {
      c.error(SCHEMA_CODES.enumValue, path, `unsupported value ${value}: must be one of ${rules.enum.join(', ')}`);
      return undefined;
    }
    if ((rules.min !== undefined && value < rules.min) || (rules.max !== undefined && value > rules.max)) {
      const range = rules.max === undefined ? `at least ${rules.min}` : rules.min === undefined ? `at most ${rules.max}` : `between ${rules.min} and ${rules.max}`;
      c.error(SCHEMA_CODES.bounds, path, `${value} is out of range: must be ${range}`);
      return undefined;
    }
    return value;
  };
}

export const bool: Schema = (value, c, path) => {
  if (typeof value !== 'boolean') {
    c.error(SCHEMA_CODES.wrongType, path, `must be a boolean (true or false), got ${describe(value)}`);
    return undefined;
  }
  return value;
};

/** Any JSON value, kept as written (fields gwlb carries but does not interpret). */
export const any: Schema = (value) => value;

/** Kubernetes IntOrString (e.g. a Service targetPort). */
export const intOrString: Schema = (value, c, path) => {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return value;
  c.error(SCHEMA_CODES.wrongType, path, `must be an integer or a string, got ${describe(value)}`);
  return undefined;
};

export function list(item: Schema, rules: { min?: number; max?: number } = {}): Schema {
  return (value, c, path) => {
    if (!Array.isArray(value)) {
      c.error(SCHEMA_CODES.wrongType, path, `must be a list, got ${describe(value)}`);
      return undefined;
    }
    if (rules.min !== undefined && value.length < rules.min) {
      c.error(SCHEMA_CODES.bounds, path, rules.min === 1 ? 'must have at least 1 item' : `must have at least ${rules.min} items`);
      return undefined;
    }
    if (rules.max !== undefined && value.length > rules.max) {
      c.error(SCHEMA_CODES.bounds, path, `must have at most ${rules.max} items (it has ${value.length})`);
      return undefined;
    }
    // map: the decoded list is kept to the end of the command, and map makes it exactly as long
    // as the input (pushing onto [] reserves room for 17 items).
    return value.map((v, i) => child(item, v, c, path, i));
  };
}

/** A map of string to values of one schema (labels, tags, selectors). */
export function mapOf(valueSchema: Schema, rules: { max?: number } = {}): Schema {
  return (value, c, path) => {
    if (!isRecord(value)) {
      c.error(SCHEMA_CODES.wrongType, path, `must be a map, got ${describe(value)}`);
      return undefined;
    }
    const entries = Object.entries(value);
    if (rules.max !== undefined && entries.length > rules.max) {
      c.error(SCHEMA_CODES.bounds, path, `must have at most ${rules.max} entries (it has ${entries.length})`);
      return undefined;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, child(valueSchema, v, c, path, k)]));
  };
}

/** A field of an object schema: `req(s)` must be present, `opt(s)` may be absent, `def(s, v)` is defaulted. */
export type Field =
  | { readonly presence: 'required'; readonly schema: Schema }
  | { readonly presence: 'optional'; readonly schema: Schema }
  /** `fallback` gives the default as `schema` reads it (see `def`). */
  | { readonly presence: 'defaulted'; readonly schema: Schema; readonly fallback: () => unknown };

export const req = (schema: Schema): Field => ({ presence: 'required', schema });
export const opt = (schema: Schema): Field => ({ presence: 'optional', schema });
/** A copy of a default (plain data): a loop, where structuredClone's serialisation cost more than the decode. */
function copyDefault(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyDefault);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = copyDefault(x);
  return out;
}

/** Where a schema's own default is decoded: not in any manifest. */
const DEFAULTS_LOCATION = { file: '(gwlb schema default)', line: 0, column: 0 };
const DEFAULTS_ORIGIN: Origin = { location: DEFAULTS_LOCATION, locate: () => DEFAULTS_LOCATION };

/** The schema's reading of its own default; one it rejects is a bug in gwlb, never in the input. */
function decodeDefault(schema: Schema, fallback: unknown): unknown {
  const c = new Checker(DEFAULTS_ORIGIN, { kind: 'default', namespace: '', name: '' }, true);
  const value = schema(fallback, c, []);
  if (c.diagnostics.length > 0) throw new Error(`schema default ${JSON.stringify(fallback)} is invalid: ${c.diagnostics[0]!.message}`);
  return value;
}

/**
 * The default is the same for every object, so it is decoded once, at its first use, not per
 * object: a string, number or boolean is then used as is; an object or list is copied per use,
 * so no two decoded objects share one.
 */
export const def = (schema: Schema, fallback: unknown): Field => {
  let decoded: { readonly value: unknown } | undefined;
  const value = (): unknown => (decoded ??= { value: decodeDefault(schema, fallback) }).value;
  return { presence: 'defaulted', schema, fallback: typeof fallback === 'object' && fallback !== null ? () => copyDefault(value()) : value };
};

/** A rule over the whole (already field-checked) object, like a CRD's `x-kubernetes-validations`. */
export type Rule = (value: Record<string, unknown>, c: Checker, path: Path) => void;

export interface ObjectRules {
  readonly rules?: readonly Rule[];
  /** Accept fields not listed without a warning (core kinds, where gwlb reads only a few). */
  readonly open?: boolean;
}

export function obj(fields: Readonly<Record<string, Field>>, options: ObjectRules = {}): Schema {
  // Listed once, not per value decoded: this runs for every object in every manifest.
  const keys = Object.keys(fields);
  const fieldList = Object.values(fields);
  const fieldIndex = new Map(keys.map((key, i) => [key, i]));
  const rules = options.rules ?? [];
  const open = options.open === true;
  return (value, c, path) => {
    if (!isRecord(value)) {
      c.error(SCHEMA_CODES.wrongType, path, `must be an object, got ${describe(value)}`);
      return undefined;
    }
    // One pass over the fields the value has: a manifest sets few of a schema's fields, and
    // looking every declared field up in it cost more than visiting those present. Own fields
    // only: `constructor` or `__proto__` in the input is an unknown field like any other.
    const given: unknown[] = new Array(keys.length);
    let unknown: string[] | undefined;
    const present = Object.keys(value);
    for (let j = 0; j < present.length; j++) {
      const key = present[j]!;
      const i = fieldIndex.get(key);
      if (i !== undefined) given[i] = value[key];
      else (unknown ??= []).push(key);
    }
    const out: Record<string, unknown> = {};
    const errorsBefore = c.errorCount();
    // The fields in the schema's order, so one role's objects are built alike (and problems are reported in that order).
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const field = fieldList[i]!;
      const raw = given[i];
      if (raw === undefined || raw === null) {
        switch (field.presence) {
          case 'required':
            c.error(SCHEMA_CODES.required, [...path, key], `missing required field ${key}`);
            break;
          case 'defaulted':
            out[key] = field.fallback();
            break;
          case 'optional':
            break;
        }
        continue;
      }
      out[key] = child(field.schema, raw, c, path, key);
    }
    if (unknown !== undefined) {
      for (const key of unknown) {
        // Copied as data, never through the `__proto__` setter.
        if (open) Object.defineProperty(out, key, { value: value[key], enumerable: true, writable: true, configurable: true });
        else if (c.strict) c.warn(SCHEMA_CODES.unknownField, [...path, key], `unknown field ${quote(key)} is ignored (the API server prunes it; kubectl apply --validate=strict rejects it)`);
      }
    }
    // Cross-field rules only run on a well-formed object, as CEL rules only see valid objects.
    if (c.errorCount() === errorsBefore) for (let i = 0; i < rules.length; i++) rules[i]!(out, c, path);
    return out;
  };
}

/** A schema that runs `rules` after `base` (for lists, whose CEL rules see all items). */
export function withRules(base: Schema, ...rules: ((value: unknown, c: Checker, path: Path) => void)[]): Schema {
  return (value, c, path) => {
    const before = c.errorCount();
    const out = base(value, c, path);
    if (c.errorCount() === before && out !== undefined) for (const rule of rules) rule(out, c, path);
    return out;
  };
}
