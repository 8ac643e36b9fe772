/**
 * Seeded text mutations of YAML manifests for the loader fuzz test: each one produces input a
 * user could plausibly feed gwlb by mistake (or on purpose), from a small edit to an alias bomb.
 * Everything is drawn from one seeded generator, so a failing case is reproduced by its seed.
 */

/** mulberry32: small, fast and good enough to spread mutations; the same seed, the same case. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, items: readonly T[]): T => items[int(r, items.length)]!;

/** `key: value` lines (list items too): where type swaps and aliases go. */
const KEY_LINE = /^(\s*(?:-\s+)?)([A-Za-z0-9_.\/-]+):(?:\s+(.*))?$/;

const TYPE_SWAPS = ['42', '-1', '0', '3.5', '"x"', '"80"', "''", '{a: 1}', '{}', '[1, 2]', '[]', '[{}]', 'null', '~', 'true', '', '{name: {}}', '[[a]]'];
const HUGE_NUMBERS = ['1e308', '-1e308', '9223372036854775808', '-9223372036854775809', '18446744073709551616', '1e400', '.nan', '-.inf', '0x7fffffffffffffff', '4.9e-324', '99999999999999999999999999'];
const UNICODE = ['\u202Eevil\u202C', '😀🚀', 'a\u0000b', '"a\\0b"', 'zero\u200Bwidth', 'e\u0301\u0301\u0301', '\uFEFFbom', '"\\uD800"', '\u0007bell', 'ﬁ', '\u{10FFFF}', '"\\x00\\x1f"', 'Ω'.repeat(300)];

function deepValue(r: Rand): string {
  const n = pick(r, [101, 150, 700, 10_000]);
  if (r() < 0.5) return '['.repeat(n) + ']'.repeat(n);
  return '{a: '.repeat(n) + '1' + '}'.repeat(n);
}

function keyLines(lines: readonly string[]): number[] {
  return lines.flatMap((l, i) => (KEY_LINE.test(l) ? [i] : []));
}

const indentOf = (line: string): number => /^\s*(?:-\s+)?/.exec(line)![0].length;

/**
 * Replaces the value of one `key: value` line. A key whose value is a block (the line ends in
 * `:`) loses the block, so the result is still YAML: `listeners: 42`, `spec: "x"`.
 */
function setValue(lines: string[], r: Rand, value: (r: Rand) => string): void {
  const candidates = keyLines(lines);
  if (candidates.length === 0) return;
  const i = pick(r, candidates);
  const m = KEY_LINE.exec(lines[i]!)!;
  lines[i] = `${m[1]}${m[2]}: ${value(r)}`;
  if (m[3]) return;
  // The block: deeper lines, and list items at the key's own column (`listeners:\n- name: a`).
  const keyColumn = indentOf(lines[i]!);
  let end = i + 1;
  for (; end < lines.length; end++) {
    const line = lines[end]!;
    const lead = /^ */.exec(line)![0].length;
    if (line.trim() !== '' && lead < keyColumn) break;
    if (line.trim() !== '' && lead === keyColumn && !line.slice(lead).startsWith('- ')) break;
  }
  lines.splice(i + 1, end - i - 1);
}

/** Names that are also properties of every JavaScript object: a lookup by name must not find those. */
const OBJECT_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const STATUSES = ['42', '[]', '"x"', '{conditions: "Programmed"}', '{conditions: [1]}', '{conditions: [{type: Programmed, status: "True", message: 7}]}', '{conditions: [{type: Programmed, status: "True", message: "arn:aws:elasticloadbalancing:x"}]}', '{accepted: "yes"}', '{accepted: true, message: {}}', '{parents: 1}', '{addresses: [1]}', '{__proto__: {accepted: true}}'];

const MUTATIONS: Readonly<Record<string, (lines: string[], r: Rand) => void>> = {
  deleteLines(lines, r) {
    const at = int(r, lines.length);
    lines.splice(at, 1 + int(r, 4));
  },
  deleteChars(lines, r) {
    const i = int(r, lines.length);
    const l = lines[i]!;
    const at = int(r, l.length + 1);
    lines[i] = l.slice(0, at) + l.slice(at + 1 + int(r, 12));
  },
  typeSwap: (lines, r) => setValue(lines, r, (x) => pick(x, TYPE_SWAPS)),
  hugeNumber: (lines, r) => setValue(lines, r, (x) => pick(x, HUGE_NUMBERS)),
  unicode(lines, r) {
    const u = pick(r, UNICODE);
    if (r() < 0.5) return setValue(lines, r, () => u);
    const i = int(r, lines.length);
    lines[i] = lines[i]! + u;
  },
  deepNesting: (lines, r) => setValue(lines, r, deepValue),
  duplicateKey(lines, r) {
    const candidates = keyLines(lines);
    if (candidates.length === 0) return;
    const i = pick(r, candidates);
    lines.splice(i + 1, 0, lines[i]!.replace(/^(\s*)-(\s+)/, '$1 $2'));
  },
  alias(lines, r) {
    // An anchor on one value and an alias to it on another (maybe before it, maybe inside it).
    const candidates = keyLines(lines);
    if (candidates.length < 2) return;
    const a = pick(r, candidates);
    const m = KEY_LINE.exec(lines[a]!)!;
    lines[a] = `${m[1]}${m[2]}: &x ${m[3] ?? ''}`;
    const times = pick(r, [1, 1, 150]);
    setValue(lines, r, () => (times === 1 ? '*x' : `[${Array(times).fill('*x').join(', ')}]`));
  },
  aliasBomb(lines, r) {
    const levels = 3 + int(r, 8);
    const bomb = ['lolz0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < levels; i++) bomb.push(`lolz${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    const docStart = lines.findIndex((l) => l.startsWith('apiVersion:'));
    lines.splice(docStart < 0 ? 0 : docStart + 1, 0, ...bomb);
  },
  indent(lines, r) {
    const i = int(r, lines.length);
    lines[i] = r() < 0.5 ? `  ${lines[i]}` : lines[i]!.replace(/^ {1,2}/, '');
  },
  moveLine(lines, r) {
    const [line] = lines.splice(int(r, lines.length), 1);
    lines.splice(int(r, lines.length + 1), 0, line ?? '');
  },
  /** Another scalar from the same file: still well-typed, often meaningless (a port as a name). */
  valueShuffle(lines, r) {
    const values = lines.map((l) => KEY_LINE.exec(l)?.[3]).filter((v): v is string => v !== undefined && v !== '' && !/^[[{&*|>]/.test(v));
    if (values.length > 0) setValue(lines, r, (x) => pick(x, values));
  },
  objectKeys(lines, r) {
    const key = pick(r, OBJECT_KEYS);
    if (r() < 0.5) return setValue(lines, r, () => (r() < 0.5 ? key.toLowerCase() : `{${key}: {polluted: true}}`));
    // A sibling key of a random key line.
    const candidates = keyLines(lines);
    if (candidates.length === 0) return;
    const i = pick(r, candidates);
    const column = indentOf(lines[i]!);
    lines.splice(i + 1, 0, `${' '.repeat(column)}${key}: ${pick(r, ['1', 'x', '{polluted: true}', '[1]', 'null'])}`);
  },
  /** A `<<` merge key next to a random key: of a map (works), or of something else (an error). */
  merge(lines, r) {
    const candidates = keyLines(lines);
    if (candidates.length === 0) return;
    const i = pick(r, candidates);
    const value = pick(r, ['{merged: 1}', '5', '[1]', '[{a: 1}, 2]', '*x', '[*x]', '', 'null']);
    if (value.includes('*x') && r() < 0.7) {
      const m = KEY_LINE.exec(lines[i]!)!;
      lines[i] = `${m[1]}${m[2]}: &x ${m[3] ?? ''}`;
    }
    lines.splice(i + 1, 0, `${' '.repeat(indentOf(lines[i]!))}<<: ${value}`);
  },
  status(lines, r) {
    const kinds = lines.flatMap((l, i) => (l.startsWith('kind:') ? [i] : []));
    if (kinds.length > 0) lines.splice(pick(r, kinds) + 1, 0, `status: ${pick(r, STATUSES)}`);
  },
  /** Bytes of a binary file, as when `-f dir/` picks up something that is not YAML. */
  junk(lines, r) {
    const bytes = Buffer.from(Array.from({ length: 200 + int(r, 4000) }, () => int(r, 256)));
    lines.splice(int(r, lines.length + 1), 0, bytes.toString('utf8'));
  },
  documents(lines, r) {
    lines.splice(int(r, lines.length + 1), 0, pick(r, ['---', '...', '--- !!str', '%YAML 1.1\n---', 'kind: List\nitems: [1, {}]', '- a']));
  },
};

/**
 * How often each is drawn. Edits that break the YAML itself stop at the parser, so the ones that
 * keep it readable (and reach schema, resolve and model) are drawn more often.
 */
const WEIGHTS: Readonly<Record<keyof typeof MUTATIONS, number>> = {
  typeSwap: 4, valueShuffle: 4, hugeNumber: 2, objectKeys: 2, unicode: 2, alias: 2, merge: 1, status: 1, duplicateKey: 1,
  deleteLines: 1, deleteChars: 1, indent: 1, moveLine: 1, documents: 1, deepNesting: 1, aliasBomb: 1, junk: 1,
};
export const MUTATION_NAMES = Object.keys(MUTATIONS).flatMap((name) => Array<string>(WEIGHTS[name] ?? 1).fill(name));

/** 1–3 mutations of `text`, and their names (for the failure message). */
export function mutate(text: string, r: Rand): { text: string; applied: string[] } {
  const lines = text.split('\n');
  const applied: string[] = [];
  const count = 1 + int(r, 3);
  for (let i = 0; i < count; i++) {
    const name = pick(r, MUTATION_NAMES);
    MUTATIONS[name]!(lines, r);
    applied.push(name);
  }
  return { text: lines.join('\n'), applied };
}
