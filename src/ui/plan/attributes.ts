/**
 * Attribute-level rendering of one resource change, Terraform style
 * (hashicorp/terraform internal/command/jsonformat/computed/renderers): `+ key = value` for new
 * values, `- key = value -> null` for removed ones, `~ key = old -> new` for changes, nested
 * objects and lists opened with `{`/`[`, unchanged attributes hidden behind
 * `# (N unchanged attributes hidden)`, `(known after apply)` from `after_unknown`,
 * `(sensitive value)` from the sensitivity masks, and `# forces replacement` after a path listed
 * in `replace_paths`. Works only from the plan JSON, so text and JSON cannot disagree.
 */
import type { JsonValue, Path } from '../../plan/types.js';
import type { Level, LineStyle } from './line-style.js';

export { lineStyle, type LineStyle } from './line-style.js';

/** One side of a value: the value and its masks (as in the plan JSON). */
export interface Side {
  readonly value: JsonValue | undefined;
  readonly unknown: JsonValue | undefined;
  readonly sensitive: JsonValue | undefined;
  /** `after_references`: the address an unknown leaf refers to. */
  readonly references?: JsonValue | undefined;
}

export interface RenderContext {
  readonly style: LineStyle;
  readonly replacePaths: readonly Path[];
  /** `gateway["<stack id>"].` of the resource rendered: references within its stack print without it. */
  readonly stackPrefix?: string;
}

/** Attributes whose values are string maps: their keys are printed quoted, as Terraform prints map keys. */
const MAP_ATTRIBUTES = new Set(['tags', 'loadBalancerAttributes', 'targetGroupAttributes', 'listenerAttributes', 'authenticationRequestExtraParams']);

type Obj = { readonly [k: string]: JsonValue };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A mask's (or a value's) member `k`; a mask of `true` covers every member. */
function member0(v: JsonValue | undefined, k: string | number): JsonValue | undefined {
  return v === true ? true : typeof v === 'object' && v !== null ? (v as Record<string | number, JsonValue>)[k] : undefined;
}

/** A side's `references` for member `k`: a reference made for a whole value holds for each member. */
const memberRefs = (refs: JsonValue | undefined, k: string | number) => (typeof refs === 'string' ? refs : member0(refs, k));

function child(side: Side | undefined, k: string | number): Side | undefined {
  if (!side) return undefined;
  const v = side.value;
  const value = typeof v === 'object' && v !== null ? (v as Record<string | number, JsonValue>)[k] : undefined;
  const unknown = member0(side.unknown, k);
  const sensitive = member0(side.sensitive, k);
  if (value === undefined && unknown !== true && sensitive !== true) return undefined;
  return { value, unknown, sensitive, references: memberRefs(side.references, k) };
}

/** Known only after apply, or sensitive: printed as a placeholder, never walked into. */
const opaque = (unknown: JsonValue | undefined, sensitive: JsonValue | undefined) => unknown === true || sensitive === true;

/** `gateway["ns/gw"].target_group["id"]` → `target_group["id"]`: the stack is the resource's own. */
function shortAddress(address: string, ctx: RenderContext): string {
  // References point into the resource's own stack: a prefix test, the pattern only for any other.
  if (ctx.stackPrefix !== undefined && address.startsWith(ctx.stackPrefix)) return address.slice(ctx.stackPrefix.length);
  return address.replace(/^gateway\[(?:"(?:[^"\\]|\\.)*")\]\./, '');
}

/** A leaf as text. */
function scalar(value: JsonValue | undefined, unknown: JsonValue | undefined, sensitive: JsonValue | undefined): string {
  if (unknown === true) return '(known after apply)';
  if (sensitive === true) return '(sensitive value)';
  return JSON.stringify(value ?? null);
}

/** The comment that goes at the end of a leaf's line (after any comma): what an unknown refers to. */
function leafNote(unknown: JsonValue | undefined, refs: JsonValue | undefined, ctx: RenderContext): string {
  return unknown === true && typeof refs === 'string' ? ` ${ctx.style.chalk.dim(`# ${shortAddress(refs, ctx)}`)}` : '';
}

function same(a: Side, b: Side): boolean {
  return !opaque(b.unknown, b.sensitive) && !opaque(a.unknown, a.sensitive) && JSON.stringify(a.value) === JSON.stringify(b.value);
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

/** The width of the `key = ` column of `keys`: the longest key as printed. */
function labelWidth(keys: Iterable<string>, mapKeys: boolean, style: LineStyle): number {
  let width = 0;
  for (const k of keys) width = Math.max(width, style.keyText(k, mapKeys).length);
  return width;
}

/** What stays the same through a whole-value walk: where lines go, their symbol, the resource, the path walked. */
interface Walk {
  readonly out: string[];
  readonly sym: '+' | '-';
  readonly ctx: RenderContext;
  readonly path: MutablePath;
}

/**
 * A whole value, every line marked with the walk's symbol (create: `+`, delete: `-`), its first
 * line starting with `head`: an object's `member` (`key = ` label) or a list element (ended with
 * a comma). The value and its three masks are passed side by side rather than as a `Side` per
 * member: every attribute of every created resource goes through here.
 */
function whole(w: Walk, head: string, member: boolean, value: JsonValue | undefined, unknown: JsonValue | undefined, sensitive: JsonValue | undefined, refs: JsonValue | undefined, level: Level, mapKeys: boolean): void {
  const { out, ctx } = w;
  // What ends a one-line value: a list element's comma, or for a removed member ` -> null`
  // (Terraform marks removed attributes so, not the elements of a removed list).
  const end = member ? (w.sym === '-' ? ctx.style.toNull : '') : ',';
  if (opaque(unknown, sensitive) || value === null || typeof value !== 'object') {
    out.push(`${head}${scalar(value, unknown, sensitive)}${end}${leafNote(unknown, refs, ctx)}${forces(w.path, ctx)}`);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${head}[]${end}`);
      return;
    }
    out.push(`${head}[`);
    const inner = level.inner;
    const elementHead = inner.mark[w.sym];
    for (let i = 0; i < value.length; i++) {
      w.path.push(i);
      whole(w, elementHead, false, value[i], member0(unknown, i), member0(sensitive, i), memberRefs(refs, i), inner, false);
      w.path.pop();
    }
    out.push(`${(member ? level.closing.member : level.closing.element)[']']}${forces(w.path, ctx)}`);
    return;
  }
  const obj = value as Obj;
  // for…in rather than Object.keys: no key array per object (plan values are plain JSON objects).
  let width = -1;
  for (const k in obj) width = Math.max(width, ctx.style.keyText(k, mapKeys).length);
  if (width < 0) {
    out.push(`${head}{}${end}`);
    return;
  }
  out.push(`${head}{`);
  members(w, obj, unknown, sensitive, refs, level.inner, mapKeys, width);
  out.push(`${(member ? level.closing.member : level.closing.element)['}']}${forces(w.path, ctx)}`);
}

/** Every member of an object, each a `whole` line (or lines) at `level`, labels `width` wide. */
function members(w: Walk, obj: Obj, unknown: JsonValue | undefined, sensitive: JsonValue | undefined, refs: JsonValue | undefined, level: Level, mapKeys: boolean, width: number): void {
  for (const k in obj) {
    w.path.push(k);
    whole(w, level.head(w.sym, k, mapKeys, width), true, obj[k], member0(unknown, k), member0(sensitive, k), memberRefs(refs, k), level, MAP_ATTRIBUTES.has(k));
    w.path.pop();
  }
}

function hidden(out: string[], n: number, what: string, level: Level, ctx: RenderContext): void {
  if (n !== 0) out.push(`${level.close}${ctx.style.chalk.dim(`# (${n} unchanged ${what}${n === 1 ? '' : 's'} hidden)`)}`);
}

/** The diff of an object's members, appended to `out`: changed ones shown, unchanged ones counted. */
export function objectDiff(before: Side | undefined, after: Side | undefined, indent: string, path: Path, ctx: RenderContext, mapKeys: boolean, out: string[] = []): string[] {
  diffObject(out, before, after, ctx.style.level(indent), [...path], ctx, mapKeys);
  return out;
}

/** `whole` of one side of a diff: a member (its line starting with `label`) or a list element. */
function wholeSide(out: string[], sym: '+' | '-', label: string, s: Side, level: Level, path: MutablePath, ctx: RenderContext, mapKeys: boolean): void {
  whole({ out, sym, ctx, path }, `${level.mark[sym]}${label}`, label !== '', s.value, s.unknown, s.sensitive, s.references, level, mapKeys);
}

function diffObject(out: string[], before: Side | undefined, after: Side | undefined, level: Level, path: MutablePath, ctx: RenderContext, mapKeys: boolean): void {
  const keys = [...new Set([...Object.keys(isObj(before?.value) ? before.value : {}), ...Object.keys(isObj(after?.value) ? after.value : {}), ...Object.keys(isObj(after?.unknown) ? after.unknown : {})])];
  const shown = keys.filter((k) => {
    const b = child(before, k);
    const a = child(after, k);
    return !(b && a && same(b, a));
  });
  const width = labelWidth(shown, mapKeys, ctx.style);
  for (const k of shown) {
    path.push(k);
    member(out, ctx.style.label(k, mapKeys, width), child(before, k), child(after, k), level, path, ctx, MAP_ATTRIBUTES.has(k));
    path.pop();
  }
  hidden(out, keys.length - shown.length, mapKeys ? 'element' : 'attribute', level, ctx);
}

function member(out: string[], label: string, b: Side | undefined, a: Side | undefined, level: Level, path: MutablePath, ctx: RenderContext, mapKeys: boolean): void {
  if (!b && !a) return;
  if (!b) return wholeSide(out, '+', label, a!, level, path, ctx, mapKeys);
  if (!a) return wholeSide(out, '-', label, b, level, path, ctx, mapKeys);
  const head = `${level.mark['~']}${label}`;
  if (!opaque(a.unknown, a.sensitive) && isObj(b.value) && isObj(a.value)) {
    out.push(`${head}{`);
    diffObject(out, b, a, level.inner, path, ctx, mapKeys);
    out.push(`${level.close}}`);
    return;
  }
  if (!opaque(a.unknown, a.sensitive) && Array.isArray(b.value) && Array.isArray(a.value)) {
    out.push(`${head}[`);
    listDiff(out, b, a, level.inner, path, ctx);
    out.push(`${level.close}]`);
    return;
  }
  out.push(`${head}${scalar(b.value, b.unknown, b.sensitive)} ${ctx.style.arrow} ${scalar(a.value, a.unknown, a.sensitive)}${leafNote(a.unknown, a.references, ctx)}${forces(path, ctx)}`);
}

/** Lists: elements compared by position (plan views keep sets sorted); unchanged ones counted. */
function listDiff(out: string[], before: Side, after: Side, level: Level, path: MutablePath, ctx: RenderContext): void {
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
    if (b && a && !opaque(a.unknown, a.sensitive) && isObj(b.value) && isObj(a.value)) {
      out.push(`${level.mark['~']}{`);
      diffObject(out, b, a, level.inner, path, ctx, false);
      out.push(`${level.close}},`);
    } else {
      if (b) wholeSide(out, '-', '', b, level, path, ctx, false);
      if (a) wholeSide(out, '+', '', a, level, path, ctx, false);
    }
    path.pop();
  }
  hidden(out, unchanged, 'element', level, ctx);
}

/** Every attribute of a created (`+`) or destroyed (`-`) resource, appended to `out`. */
export function wholeObject(sym: '+' | '-', s: Side, indent: string, ctx: RenderContext, out: string[] = []): string[] {
  if (!isObj(s.value)) return out;
  const obj = s.value;
  const width = labelWidth(Object.keys(obj), false, ctx.style);
  members({ out, sym, ctx, path: [] }, obj, s.unknown, s.sensitive, s.references, ctx.style.level(indent), false, width);
  return out;
}
