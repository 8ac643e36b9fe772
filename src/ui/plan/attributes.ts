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

export interface RenderContext {
  readonly chalk: ChalkInstance;
  readonly replacePaths: readonly Path[];
}

type Sym = '+' | '-' | '~' | ' ';

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
const shortAddress = (address: string) => address.replace(/^gateway\[(?:"(?:[^"\\]|\\.)*")\]\./, '');

/** A leaf as text, and the comment that goes at the end of its line (after any comma). */
function scalar(s: Side, ctx: RenderContext): { text: string; note: string } {
  if (s.unknown === true) return { text: '(known after apply)', note: typeof s.references === 'string' ? ` ${ctx.chalk.dim(`# ${shortAddress(s.references)}`)}` : '' };
  if (s.sensitive === true) return { text: '(sensitive value)', note: '' };
  return { text: JSON.stringify(s.value ?? null), note: '' };
}

function same(a: Side, b: Side): boolean {
  return !opaque(b) && !opaque(a) && JSON.stringify(a.value) === JSON.stringify(b.value);
}

function symbol(sym: Sym, chalk: ChalkInstance): string {
  switch (sym) {
    case '+':
      return chalk.green('+');
    case '-':
      return chalk.red('-');
    case '~':
      return chalk.yellow('~');
    case ' ':
      return ' ';
  }
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
  return hit ? ` ${ctx.chalk.red('# forces replacement')}` : '';
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const keyText = (k: string, quoted: boolean) => (quoted || !IDENTIFIER.test(k) ? JSON.stringify(k) : k);

/** `key = ` labels for `keys`, padded to the longest. */
function labels(keys: readonly string[], mapKeys: boolean): string[] {
  const texts = keys.map((k) => keyText(k, mapKeys));
  let width = 0;
  for (const t of texts) if (t.length > width) width = t.length;
  return texts.map((t) => `${t.padEnd(width)} = `);
}

/** A whole value, every line marked with `sym` (create: `+`, delete: `-`); `comma` ends a list element. */
function whole(out: string[], sym: '+' | '-', label: string, s: Side, indent: string, path: MutablePath, ctx: RenderContext, mapKeys: boolean, comma = ''): void {
  const head = `${indent}${symbol(sym, ctx.chalk)} ${label}`;
  // Terraform marks removed attributes `-> null`, not the elements of a removed list.
  const tail = sym === '-' && label !== '' ? ctx.chalk.dim(' -> null') : '';
  if (opaque(s) || s.value === null || typeof s.value !== 'object') {
    const v = scalar(s, ctx);
    out.push(`${head}${v.text}${tail}${comma}${v.note}${forces(path, ctx)}`);
    return;
  }
  const inner = `${indent}    `;
  if (Array.isArray(s.value)) {
    if (s.value.length === 0) {
      out.push(`${head}[]${tail}${comma}`);
      return;
    }
    out.push(`${head}[`);
    for (let i = 0; i < s.value.length; i++) {
      path.push(i);
      whole(out, sym, '', child(s, i)!, inner, path, ctx, false, ',');
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
  const heads = labels(keys, mapKeys);
  out.push(`${head}{`);
  keys.forEach((k, i) => {
    path.push(k);
    whole(out, sym, heads[i]!, child(s, k)!, inner, path, ctx, MAP_ATTRIBUTES.has(k));
    path.pop();
  });
  out.push(`${indent}  }${comma}${forces(path, ctx)}`);
}

function hidden(out: string[], n: number, what: string, indent: string, ctx: RenderContext): void {
  if (n !== 0) out.push(`${indent}  ${ctx.chalk.dim(`# (${n} unchanged ${what}${n === 1 ? '' : 's'} hidden)`)}`);
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
  const head = `${indent}${symbol('~', ctx.chalk)} ${label}`;
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
  const [bs, as] = [scalar(b, ctx), scalar(a, ctx)];
  out.push(`${head}${bs.text} ${ctx.chalk.yellow('->')} ${as.text}${as.note}${forces(path, ctx)}`);
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
      out.push(`${indent}${symbol('~', ctx.chalk)} {`);
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
  const keys = Object.keys(s.value);
  const heads = labels(keys, false);
  const path: MutablePath = [];
  keys.forEach((k, i) => {
    path.push(k);
    whole(out, sym, heads[i]!, child(s, k)!, indent, path, ctx, MAP_ATTRIBUTES.has(k));
    path.pop();
  });
  return out;
}
