import { describe, expect, it } from 'vitest';
import { parseManifest } from './parse.js';
import { MAX_DEPTH } from './yaml-limits.js';
import { rng } from '../../test/pipeline/mutate.js';

const HEAD = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: default}\n';
const parse = (text: string) => parseManifest({ file: 'in.yaml', text });
const where = (r: ReturnType<typeof parse>) => r.diagnostics.map((d) => `${d.code} ${d.location?.line}:${d.location?.column}`);

function billionLaughs(levels: number): string {
  let text = `${HEAD}a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i < levels; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

describe('YAML input limits', () => {
  it('reads a document with hundreds of alias uses that expands to a small size', () => {
    const uses = Array.from({ length: 500 }, () => '*ns').join(', ');
    const r = parse(`${HEAD}spec:\n  gatewayClassName: &ns c\nnames: [${uses}]\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.objects[0]!.value['names']).toHaveLength(500);
  });

  it('reads merge keys as Kubernetes does', () => {
    const r = parse(`${HEAD}base: &b {port: 80, protocol: HTTP}\nlistener: {<<: *b, name: http}\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.objects[0]!.value['listener']).toEqual({ port: 80, protocol: 'HTTP', name: 'http' });
  });

  it('rejects a billion-laughs document at the alias that crosses the limit, in linear time', () => {
    const r = parse(billionLaughs(10));
    expect(where(r)).toEqual(['GWLB005 10:10']);
    expect(r.diagnostics[0]!.message).toMatch(/expands to more than 1,000,000 values \(through the alias \*a5\)/);
    expect(r.objects).toEqual([]);
  });

  it('rejects nesting deeper than the limit, literal or through an alias', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(parse(`${HEAD}spec: ${deep(MAX_DEPTH - 1)}\n`).diagnostics.filter((d) => d.code === 'GWLB005')).toEqual([]);
    expect(where(parse(`${HEAD}spec: ${deep(MAX_DEPTH + 5)}\n`))).toEqual([`GWLB005 4:${MAX_DEPTH + 6}`]);
    const viaAlias = parse(`${HEAD}a: &d ${deep(60)}\nb: ${deep(50).slice(0, 50)}*d${deep(50).slice(50)}\n`);
    expect(where(viaAlias)).toEqual(['GWLB005 5:54']);
    expect(viaAlias.diagnostics[0]!.message).toMatch(/through the alias \*d/);
  });

  it('says where the YAML reader itself runs out of stack (thousands of levels)', () => {
    const r = parse(`${HEAD}spec: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['GWLB005']);
    expect(r.diagnostics[0]!.location?.line).toBe(4);
  });

  it('rejects what has no JSON form: an alias before its anchor, a cyclic alias, a collection key', () => {
    expect(where(parse(`${HEAD}a: *x\nb: &x 1\n`))).toEqual(['GWLB006 4:4']);
    expect(where(parse(`${HEAD}a: &x [1, *x]\n`))).toEqual(['GWLB006 4:11']);
    expect(where(parse(`${HEAD}? [a, b]\n: 1\n`))).toEqual(['GWLB006 4:3']);
    expect(where(parse(`${HEAD}k: &k {a: 1}\n? *k\n: 1\n`))).toEqual(['GWLB006 5:3']);
  });

  it('rejects a << merge of something that is not a map, where it is written', () => {
    expect(where(parse(`${HEAD}a: &a 1\nb: {<<: *a}\n`))).toEqual(['GWLB006 5:9']);
    expect(where(parse(`${HEAD}b: {<<: [{x: 1}, 2]}\n`))).toEqual(['GWLB006 4:9']);
    expect(where(parse(`${HEAD}b:\n  <<:\n  c: 1\n`))).toEqual(['GWLB006 5:6']);
    const lists = parse(`${HEAD}a: &a {x: 1}\nc: &c [{y: 2}]\nb: {<<: *c, z: 3}\nd: {<<: [*a, {w: 4}]}\n`);
    expect(lists.diagnostics).toEqual([]);
    expect(lists.objects[0]!.value).toMatchObject({ b: { y: 2, z: 3 }, d: { x: 1, w: 4 } });
  });

  it('keeps YAML 1.1 tags as plain JSON values', () => {
    const r = parse(`${HEAD}b: !!binary aGVsbG8=\ns: !!set {x, y}\n`);
    expect(r.objects[0]!.value['b']).toBe('aGVsbG8=');
    expect(r.objects[0]!.value['s']).toEqual({ x: null, y: null });
  });
});

describe('YAML reader errors', () => {
  it('shortens a reader message that quotes a whole token (a binary file named .yaml)', () => {
    // Seeded junk bytes (seed 31 of the fuzz generator) that the reader reports quoting ~1,000 characters.
    const r = rng(31);
    const junk = Buffer.from(Array.from({ length: 8000 }, () => Math.floor(r() * 256))).toString('utf8');
    const result = parse(junk);
    expect(result.diagnostics.map((d) => d.code)).toContain('GWLB001');
    for (const d of result.diagnostics) expect(d.message.length).toBeLessThan(300);
  });
});
