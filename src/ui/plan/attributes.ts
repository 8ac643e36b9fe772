/**
 * Attribute-level rendering of one resource change, Terraform style
 * (hashicorp/terraform internal/command/jsonformat/computed/renderers): `+ key = value` for new
 * values, `- key = value -> null` for removed ones, `~ key = old -> new` for changes, nested
 * objects and lists opened with `{`/`[`, unchanged attributes hidden behind
 * `# (N unchanged attributes hidden)`, `(known after apply)` from `after_unknown`,
 * `(sensitive value)` from the sensitivity masks, and `# forces replacement` after a path listed
 * in `replace_paths`. Works only from the plan JSON, so text and JSON cannot disagree.
 */
import type { ChalkInstance } from 'chalk';
import type { JsonValue, Path } from '../../plan/types.js';

/** One side of a value: the value and its masks (as in the plan JSON). */
export interface Side {
  readonly value: JsonValue | undefined;
  readonly unknown: JsonValue | undefined;
  readonly sensitive: JsonValue | undefined;
  /** `after_references`: the address an unknown leaf refers to. */
  readonly references?: JsonValue | undefined;
}

type Sym = '+' | '-' | '~' | ' ';

/**
 * The coloured pieces lines are made of, styled once per rendering: a plan of thousands of
 * resources has millions of lines, and a chalk call per piece per line was a good part of it.
 */
export interface LineStyle {
  readonly chalk: ChalkInstance;
  readonly symbol: Readonly<Record<Sym, string>>;
  /** ` -> null` after a removed attribute. */
  readonly toNull: string;
  /** `->` between an old and a new value. */
  readonly arrow: string;
  /** ` # forces replacement` after a path in `replace_paths`. */
  readonly forces: string;
}

export function lineStyle(chalk: ChalkInstance): LineStyle {
  return {
    chalk,
    symbol: { '+': chalk.green('+'), '-': chalk.red('-'), '~': chalk.yellow('~'), ' ': ' ' },
    toNull: chalk.dim(' -> null'),
    arrow: chalk.yellow('->'),
    forces: ` ${chalk.red('# forces replacement')}`,
  };
}

export interface RenderContext {
  readonly style: LineStyle;
  readonly replacePaths: readonly Path[];
  /** `gateway["<stack id>"].` of the resource rendered: references within its stack print without it. */
  readonly stackPrefix?: string;
}

/** Attributes whose values are string maps: their keys are printed quoted, as Terraform prints map keys. */
const MAP_ATTRIBUTES = new Set(['tags', 'loadBalancerAttributes', 'targetGroupAttributes', 'listenerAttributes', 'authenticationRequestExtraParams']);

const isObj = (v: unknown): v is { readonly [k: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A mask's (or a value's) member `k`; a mask of `true` covers every member. */
function member0(v: JsonValue | undefined, k: string | number): JsonValue | undefined {
  return v === true ? true : typeof v === 'object' && v !== null ? (v as Record<string | number, JsonValue>)[k] : undefined;
}

function child(side: Side | undefined, k: string | number): Side | undefined {
  if (!side) return undefined;
  const v = side.value;
  const value = typeof v === 'object' && v !== null ? (v as Record<string | number, JsonValue>)[k] : undefined;
  const unknown = member0(side.unknown, k);
  const sensitive = member0(side.sensitive, k);
  if (value === undefined && unknown !== true && sensitive !== true) return undefined;
  const ref = typeof side.references === 'string' ? side.references : member0(side.references, k);
  return { value, unknown, sensitive, references: ref };
}

const opaque = (s: Side) => s.unknown === true || s.sensitive === true;

/** `gateway["ns/gw"].target_group["id"]` → `target_group["id"]`: the stack is the resource's own. */
function shortAddress(address: string, ctx: RenderContext): string {
  // References point into the resource's own stack: a prefix test, the pattern only for any other.
  if (ctx.stackPrefix !== undefined && address.startsWith(ctx.stackPrefix)) return address.slice(ctx.stackPrefix.length);
  return address.replace(/^gateway\[(?:"(?:[^"\\]|\\.)*")\]\./, '');
}

/** A leaf as text. */
function scalar(s: Side): string {
  if (s.unknown === true) return '(known after apply)';
  if (s.sensitive === true) return '(sensitive value)';
  return JSON.stringify(s.value ?? null);
}

/** The comment that goes at the end of a leaf's line (after any comma): what an unknown refers to. */
function leafNote(s: Side, ctx: RenderContext): string {
  return s.unknown === true && typeof s.references === 'string' ? ` ${ctx.style.chalk.dim(`# ${shortAddress(s.references, ctx)}`)}` : '';
}

function same(a: Side, b: Side): boolean {
  return !opaque(b) && !opaque(a) && JSON.stringify(a.value) === JSON.stringify(b.value);
}

/**
 * Rendering walks keep one path array, pushed and popped around each member, and append lines to
 * one output array: a plan of thousands of resources renders millions of lines, and a copied path
 * and a fresh line array per member were most of the cost.
 */
type MutablePath = (string | number)[];

function forces(path: MutablePath, ctx: RenderContext): string {
  if (ctx.replacePaths.length === 0) return '';
  const hit = ctx.replacePaths.some((p) => p.length === path.length && p.every((x, i) => x === path[i]));
  return hit ? ctx.style.forces : '';
}

/** `[A-Za-z_][A-Za-z0-9_]*`, by character codes: it runs for every attribute of every resource. */
function isIdentifier(k: string): boolean {
  if (k.length === 0) return false;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

const keyText = (k: string, quoted: boolean) => (quoted || !isIdentifier(k) ? JSON.stringify(k) : k);

/** `key = ` labels for `keys`, padded to the longest. */
function labels(keys: readonly string[], mapKeys: boolean): string[] {
  const out = new Array<string>(keys.length);
  let width = 0;
  for (let i = 0; i < keys.length; i++) {
    out[i] = keyText(keys[i]!, mapKeys);
    if (out[i]!.length > width) width = out[i]!.length;
  }
  for (let i = 0; i < out.length; i++) out[i] = `${out[i]!.padEnd(width)} = `;
  return out;
}

/** A whole value, every line marked with `sym` (create: `+`, delete: `-`); `comma` ends a list element. */
function whole(out: string[], sym: '+' | '-', label: string, s: Side, indent: string, path: MutablePath, ctx: RenderContext, mapKeys: boolean, comma = '', mark = marked(indent, sym, ctx)): void {
  const head = `${mark}${label}`;
  // Terraform marks removed attributes `-> null`, not the elements of a removed list.
  const tail = sym === '-' && label !== '' ? ctx.style.toNull : '';
  if (opaque(s) || s.value === null || typeof s.value !== 'object') {
    out.push(`${head}${scalar(s)}${tail}${comma}${leafNote(s, ctx)}${forces(path, ctx)}`);
    return;
  }
  const inner = `${indent}    `;
  if (Array.isArray(s.value)) {
    if (s.value.length === 0) {
      out.push(`${head}[]${tail}${comma}`);
      return;
    }
    out.push(`${head}[`);
    const innerMark = marked(inner, sym, ctx);
    for (let i = 0; i < s.value.length; i++) {
      path.push(i);
      whole(out, sym, '', child(s, i)!, inner, path, ctx, false, ',', innerMark);
      path.pop();
    }
    out.push(`${indent}  ]${comma}${forces(path, ctx)}`);
    return;
  }
  const keys = Object.keys(s.value);
  if (keys.length === 0) {
    out.push(`${head}{}${tail}${comma}`);
    return;
  }
  out.push(`${head}{`);
  members(out, sym, s, keys, inner, path, ctx, mapKeys);
  out.push(`${indent}  }${comma}${forces(path, ctx)}`);
}

/** Every member of an object side, each a `whole`. */
function members(out: string[], sym: '+' | '-', s: Side, keys: readonly string[], indent: string, path: MutablePath, ctx: RenderContext, mapKeys: boolean): void {
  const heads = labels(keys, mapKeys);
  const mark = marked(indent, sym, ctx);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    path.push(k);
    whole(out, sym, heads[i]!, child(s, k)!, indent, path, ctx, MAP_ATTRIBUTES.has(k), '', mark);
    path.pop();
  }
}

/** `indent` and the action symbol: the start of every line of a whole value, made once per object or list. */
const marked = (indent: string, sym: Sym, ctx: RenderContext) => `${indent}${ctx.style.symbol[sym]} `;

function hidden(out: string[], n: number, what: string, indent: string, ctx: RenderContext): void {
  if (n !== 0) out.push(`${indent}  ${ctx.style.chalk.dim(`# (${n} unchanged ${what}${n === 1 ? '' : 's'} hidden)`)}`);
}

/** The diff of an object's members: changed ones shown, unchanged ones counted. */
export function objectDiff(before: Side | undefined, after: Side | undefined, indent: string, path: Path, ctx: RenderContext, mapKeys: boolean): string[] {
  const out: string[] = [];
  diffObject(out, before, after, indent, [...path], ctx, mapKeys);
  return out;
}

function diffObject(out: string[], before: Side | undefined, after: Side | undefined, indent: string, path: MutablePath, ctx: RenderContext, mapKeys: boolean): void {
  const keys = [...new Set([...Object.keys(isObj(before?.value) ? before.value : {}), ...Object.keys(isObj(after?.value) ? after.value : {}), ...Object.keys(isObj(after?.unknown) ? after.unknown : {})])];
  const shown = keys.filter((k) => {
    const b = child(before, k);
    const a = child(after, k);
    return !(b && a && same(b, a));
  });
  const heads = labels(shown, mapKeys);
  shown.forEach((k, i) => {
    path.push(k);
    member(out, heads[i]!, child(before, k), child(after, k), indent, path, ctx, MAP_ATTRIBUTES.has(k));
    path.pop();
  });
  hidden(out, keys.length - shown.length, mapKeys ? 'element' : 'attribute', indent, ctx);
}

function member(out: string[], label: string, b: Side | undefined, a: Side | undefined, indent: string, path: MutablePath, ctx: RenderContext, mapKeys: boolean): void {
  if (!b && !a) return;
  if (!b) return whole(out, '+', label, a!, indent, path, ctx, mapKeys);
  if (!a) return whole(out, '-', label, b, indent, path, ctx, mapKeys);
  const head = `${indent}${ctx.style.symbol['~']} ${label}`;
  if (!opaque(a) && isObj(b.value) && isObj(a.value)) {
    out.push(`${head}{`);
    diffObject(out, b, a, `${indent}    `, path, ctx, mapKeys);
    out.push(`${indent}  }`);
    return;
  }
  if (!opaque(a) && Array.isArray(b.value) && Array.isArray(a.value)) {
    out.push(`${head}[`);
    listDiff(out, b, a, `${indent}    `, path, ctx);
    out.push(`${indent}  ]`);
    return;
  }
  out.push(`${head}${scalar(b)} ${ctx.style.arrow} ${scalar(a)}${leafNote(a, ctx)}${forces(path, ctx)}`);
}

/** Lists: elements compared by position (plan views keep sets sorted); unchanged ones counted. */
function listDiff(out: string[], before: Side, after: Side, indent: string, path: MutablePath, ctx: RenderContext): void {
  const n = Math.max((before.value as JsonValue[]).length, (after.value as JsonValue[]).length);
  let unchanged = 0;
  for (let i = 0; i < n; i++) {
    const b = child(before, i);
    const a = child(after, i);
    if (b && a && same(b, a)) {
      unchanged++;
      continue;
    }
    path.push(i);
    if (b && a && !opaque(a) && isObj(b.value) && isObj(a.value)) {
      out.push(`${indent}${ctx.style.symbol['~']} {`);
      diffObject(out, b, a, `${indent}    `, path, ctx, false);
      out.push(`${indent}  },`);
    } else {
      if (b) whole(out, '-', '', b, indent, path, ctx, false, ',');
      if (a) whole(out, '+', '', a, indent, path, ctx, false, ',');
    }
    path.pop();
  }
  hidden(out, unchanged, 'element', indent, ctx);
}

/** Every attribute of a created (`+`) or destroyed (`-`) resource, appended to `out`. */
export function wholeObject(sym: '+' | '-', s: Side, indent: string, ctx: RenderContext, out: string[] = []): string[] {
  if (!isObj(s.value)) return out;
  members(out, sym, s, Object.keys(s.value), indent, [], ctx, false);
  return out;
}
