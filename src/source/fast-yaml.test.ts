import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateManifests } from '../../bench/generate.js';
import { mutate, rng } from '../../test/pipeline/mutate.js';
import { readFast } from './fast-yaml.js';
import { parseChecked, parseManifest } from './parse.js';

type Path = (string | number)[];

/** Every path to a value inside `value` (keys and indexes), the empty path first. */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

/** What parse.ts gives, with every field's position, as plain data to compare. */
function reading(parsed: ReturnType<typeof parseManifest>) {
  return {
    diagnostics: parsed.diagnostics,
    objects: parsed.objects.map((o) => ({
      value: o.value,
      location: o.origin.location,
      fields: pathsOf(o.value).map((p) => [p.join('.'), o.origin.locate(p)]),
      missing: o.origin.locate(['spec', 'no-such-field', 0]),
    })),
  };
}

/** The fast path must read exactly what the checked reader reads, positions included. */
function expectSameAsChecked(text: string): void {
  const input = { file: 'in.yaml', text };
  expect(reading(parseManifest(input))).toEqual(reading(parseChecked(input)));
}

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n';

function manifestFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) manifestFiles(path, out);
    else if (/\.(ya?ml|json)$/.test(entry)) out.push(path);
  }
  return out;
}

describe('fast YAML reader', () => {
  const files = [...manifestFiles('examples'), ...manifestFiles('test/fixtures')];

  it.each(files)('reads %s as the checked reader does', (file) => {
    expectSameAsChecked(readFileSync(file, 'utf8'));
  });

  it('reads the benchmark input fast, as the checked reader does', () => {
    const text = generateManifests({ gateways: 3, routes: 12, rulesPerRoute: 2 });
    expect(readFast(text)).toBeDefined();
    expectSameAsChecked(text);
  });

  it.each([
    ['YAML 1.2 core scalars (yes/no/on/off and 1.1 number forms are strings)', 'a: [yes, no, on, off, y, n, True, FALSE, ~, null, Null, "", 0b101, 1_000, 017, 0o17, 0x1F, +5, -0, .5, 1., 1e3, -.Inf, .NaN, 2024-01-01, 2024-01-01T00:00:00Z, 12:30]\n'],
    ['keys that are not strings become strings', '1: a\ntrue: b\nnull: c\n0x10: d\n1.5: e\n'],
    ['__proto__ and constructor are plain keys', '__proto__: {polluted: true}\nconstructor: x\n'],
    ['quoted, folded and literal strings', 'a: "x\\ty\\u00e9\\n"\nb: \'it\'\'s\'\nc: >\n  folded\n  text\n\n  more\nd: |-\n  keep\n   indent\ne: |+\n  trail\n\nf: plain\n  continued\n'],
    ['comments, CRLF line ends and a flow root', '# c\r\n--- {apiVersion: v1, kind: ConfigMap, metadata: {name: m}, data: {k: v}} # c\r\n'],
    ['an indented root and a document end marker', '---\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: m}\n...\n---\n'],
    ['JSON', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "m"}, "data": {"a": [1, 2.5, true, null]}}\n'],
    ['a List with items and empty documents', `---\n---\napiVersion: v1\nkind: List\nitems:\n  - ${HEAD.replaceAll('\n', '\n    ').trimEnd()}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: s}\n---\n# only a comment\n`],
    ['documents that are not objects', 'just a string\n---\n- a\n- b\n---\n42\n'],
    ['objects without kind or name', 'apiVersion: v1\nmetadata: {}\n---\nkind: X\n'],
    ['a key with no value, and empty collections', `${HEAD}spec:\n  a:\n  b: []\n  c: {}\n  d: ""\n`],
    ['a sequence at the key\'s indentation', `${HEAD}spec:\n  list:\n  - a\n  - {b: 1}\n  -\n    c: 2\n`],
  ])('%s', (_title, text) => {
    expect(readFast(text)).toBeDefined();
    expectSameAsChecked(text);
  });

  it.each([
    ['an anchor and alias', `${HEAD}a: &x 1\nb: *x\n`],
    ['an alias without anchor', `${HEAD}a: *x\n`],
    ['a merge key', `${HEAD}b: {<<: {x: 1}, y: 2}\n`],
    ['a tag', `${HEAD}b: !!binary aGVsbG8=\n`],
    ['a core tag', `${HEAD}b: !!str 1\n`],
    ['a custom tag', `${HEAD}b: !thing 1\n`],
    ['a directive', `%YAML 1.1\n---\n${HEAD}b: yes\n`],
    ['an explicit key', `${HEAD}? [a, b]\n: 1\n`],
    ['a flow collection as key', `${HEAD}{a: 1}: 1\n`],
    ['a duplicate key', `${HEAD}a: 1\na: 2\n`],
    ['a syntax error', `${HEAD}a: [1, 2\n`],
    ['deep nesting', `${HEAD}a: ${'['.repeat(95)}${']'.repeat(95)}\n`],
    ['a byte-order mark', `\uFEFF${HEAD}`],
  ])('leaves %s to the checked reader', (_title, text) => {
    expect(readFast(text)).toBeUndefined();
    expectSameAsChecked(text);
  });

  it('agrees with the checked reader on 200 mutated manifests', () => {
    const base = [readFileSync('examples/alb-http-https/routes.yaml', 'utf8'), readFileSync('examples/listenersets/gateway.yaml', 'utf8')];
    let fast = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const { text } = mutate(base[seed % base.length]!, r);
      // A refused text goes to parseChecked itself: only what the fast path reads is compared.
      if (!readFast(text)) continue;
      fast++;
      expectSameAsChecked(text);
    }
    // Most mutations keep the text plain YAML; the comparison must cover the fast path.
    expect(fast).toBeGreaterThan(50);
  });
});
