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

function child(side: Side | undefined, k: string | number): Side | undefined {
  if (!side) return undefined;
  const pick = (v: JsonValue | undefined): JsonValue | undefined => (v === true ? true : Array.isArray(v) ? v[k as number] : isObj(v) ? v[k as string] : undefined);
  const value = Array.isArray(side.value) ? side.value[k as number] : isObj(side.value) ? side.value[k as string] : undefined;
  if (value === undefined && pick(side.unknown) !== true && pick(side.sensitive) !== true) return undefined;
  const ref = typeof side.references === 'string' ? side.references : pick(side.references);
  return { value, unknown: pick(side.unknown), sensitive: pick(side.sensitive), references: ref };
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

function forces(path: Path, ctx: RenderContext): string {
  const hit = ctx.replacePaths.some((p) => p.length === path.length && p.every((x, i) => x === path[i]));
  return hit ? ` ${ctx.chalk.red('# forces replacement')}` : '';
}

const keyText = (k: string, quoted: boolean) => (quoted || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? JSON.stringify(k) : k);

/** A whole value, every line marked with `sym` (create: `+`, delete: `-`); `comma` ends a list element. */
function whole(sym: '+' | '-', label: string, s: Side, indent: string, path: Path, ctx: RenderContext, mapKeys: boolean, comma = ''): string[] {
  const head = `${indent}${symbol(sym, ctx.chalk)} ${label}`;
  // Terraform marks removed attributes `-> null`, not the elements of a removed list.
  const tail = sym === '-' && label !== '' ? ctx.chalk.dim(' -> null') : '';
  if (opaque(s) || s.value === null || typeof s.value !== 'object') {
    const v = scalar(s, ctx);
    return [`${head}${v.text}${tail}${comma}${v.note}${forces(path, ctx)}`];
  }
  const inner = `${indent}    `;
  if (Array.isArray(s.value)) {
    if (s.value.length === 0) return [`${head}[]${tail}${comma}`];
    const items = s.value.flatMap((_, i) => whole(sym, '', child(s, i)!, inner, [...path, i], ctx, false, ','));
    return [`${head}[`, ...items, `${indent}  ]${comma}${forces(path, ctx)}`];
  }
  const keys = Object.keys(s.value);
  if (keys.length === 0) return [`${head}{}${tail}${comma}`];
  const width = Math.max(...keys.map((k) => keyText(k, mapKeys).length));
  const items = keys.flatMap((k) => whole(sym, `${keyText(k, mapKeys).padEnd(width)} = `, child(s, k)!, inner, [...path, k], ctx, MAP_ATTRIBUTES.has(k)));
  return [`${head}{`, ...items, `${indent}  }${comma}${forces(path, ctx)}`];
}

function hidden(n: number, what: string, indent: string, ctx: RenderContext): string[] {
  return n === 0 ? [] : [`${indent}  ${ctx.chalk.dim(`# (${n} unchanged ${what}${n === 1 ? '' : 's'} hidden)`)}`];
}

/** The diff of an object's members: changed ones shown, unchanged ones counted. */
export function objectDiff(before: Side | undefined, after: Side | undefined, indent: string, path: Path, ctx: RenderContext, mapKeys: boolean): string[] {
  const keys = [...new Set([...Object.keys(isObj(before?.value) ? before.value : {}), ...Object.keys(isObj(after?.value) ? after.value : {}), ...Object.keys(isObj(after?.unknown) ? after.unknown : {})])];
  const shown = keys.filter((k) => {
    const b = child(before, k);
    const a = child(after, k);
    return !(b && a && same(b, a));
  });
  const width = Math.max(0, ...shown.map((k) => keyText(k, mapKeys).length));
  const lines = shown.flatMap((k) => member(`${keyText(k, mapKeys).padEnd(width)} = `, child(before, k), child(after, k), indent, [...path, k], ctx, MAP_ATTRIBUTES.has(k)));
  return [...lines, ...hidden(keys.length - shown.length, mapKeys ? 'element' : 'attribute', indent, ctx)];
}

function member(label: string, b: Side | undefined, a: Side | undefined, indent: string, path: Path, ctx: RenderContext, mapKeys: boolean): string[] {
  if (!b && !a) return [];
  if (!b) return whole('+', label, a!, indent, path, ctx, mapKeys);
  if (!a) return whole('-', label, b, indent, path, ctx, mapKeys);
  const head = `${indent}${symbol('~', ctx.chalk)} ${label}`;
  if (!opaque(a) && isObj(b.value) && isObj(a.value)) return [`${head}{`, ...objectDiff(b, a, `${indent}    `, path, ctx, mapKeys), `${indent}  }`];
  if (!opaque(a) && Array.isArray(b.value) && Array.isArray(a.value)) return [`${head}[`, ...listDiff(b, a, `${indent}    `, path, ctx), `${indent}  ]`];
  const [bs, as] = [scalar(b, ctx), scalar(a, ctx)];
  return [`${head}${bs.text} ${ctx.chalk.yellow('->')} ${as.text}${as.note}${forces(path, ctx)}`];
}

/** Lists: elements compared by position (plan views keep sets sorted); unchanged ones counted. */
function listDiff(before: Side, after: Side, indent: string, path: Path, ctx: RenderContext): string[] {
  const n = Math.max((before.value as JsonValue[]).length, (after.value as JsonValue[]).length);
  const out: string[] = [];
  let unchanged = 0;
  for (let i = 0; i < n; i++) {
    const b = child(before, i);
    const a = child(after, i);
    if (b && a && same(b, a)) {
      unchanged++;
      continue;
    }
    if (b && a && !opaque(a) && isObj(b.value) && isObj(a.value)) {
      out.push(`${indent}${symbol('~', ctx.chalk)} {`, ...objectDiff(b, a, `${indent}    `, [...path, i], ctx, false), `${indent}  },`);
      continue;
    }
    if (b) out.push(...whole('-', '', b, indent, [...path, i], ctx, false, ','));
    if (a) out.push(...whole('+', '', a, indent, [...path, i], ctx, false, ','));
  }
  return [...out, ...hidden(unchanged, 'element', indent, ctx)];
}

/** Every attribute of a created (`+`) or destroyed (`-`) resource. */
export function wholeObject(sym: '+' | '-', s: Side, indent: string, ctx: RenderContext): string[] {
  if (!isObj(s.value)) return [];
  const keys = Object.keys(s.value);
  const width = Math.max(0, ...keys.map((k) => keyText(k, false).length));
  return keys.flatMap((k) => whole(sym, `${keyText(k, false).padEnd(width)} = `, child(s, k)!, indent, [k], ctx, MAP_ATTRIBUTES.has(k)));
}
