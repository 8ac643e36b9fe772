import { describe, expect, it } from 'vitest';
import { makeChalk } from './ui/color.js';
import { formatDiagnostic } from './ui/diagnostics.js';
import { ECHO_LIMIT, quote, shorten, shortenLongRuns } from './diagnostics.js';

describe('echoed input is shortened in the middle', () => {
  it.each<[string, string, string]>([
    ['short strings stay whole', 'my-gateway', 'my-gateway'],
    ['exactly the limit stays whole', 'a'.repeat(ECHO_LIMIT), 'a'.repeat(ECHO_LIMIT)],
    ['one over the limit', 'h'.repeat(60) + 'm'.repeat(121) + 't'.repeat(20), `${'h'.repeat(60)}…(121 characters)…${'t'.repeat(20)}`],
    ['100,000 characters', 'x'.repeat(100_000), `${'x'.repeat(60)}…(99920 characters)…${'x'.repeat(20)}`],
    // An emoji (two UTF-16 units) across the cut goes into the omitted part whole.
    ['no surrogate pair is cut', 'a'.repeat(59) + '😀' + 'b'.repeat(300), `${'a'.repeat(59)}…(282 characters)…${'b'.repeat(20)}`],
    ['nor at the tail', 'a'.repeat(300) + '😀' + 'b'.repeat(19), `${'a'.repeat(60)}…(240 characters)…😀${'b'.repeat(19)}`],
  ])('%s', (_, input, expected) => expect(shorten(input)).toBe(expected));

  it('quote escapes as JSON after shortening, so the count is of input characters', () => {
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote(`"${'q'.repeat(300)}`)).toBe(`"\\"${'q'.repeat(59)}…(221 characters)…${'q'.repeat(20)}"`);
  });

  it('shortenLongRuns shortens each long run of non-space characters and leaves words alone', () => {
    const text = `route default/${'r'.repeat(500)} attaches to ${'g'.repeat(50)}`;
    expect(shortenLongRuns(text)).toBe(`route default/${'r'.repeat(52)}…(428 characters)…${'r'.repeat(20)} attaches to ${'g'.repeat(50)}`);
    expect(shortenLongRuns(shortenLongRuns(text))).toBe(shortenLongRuns(text));
  });

  it('the renderer shortens messages and paths built without quote', () => {
    const key = 'k'.repeat(10_000);
    const line = formatDiagnostic(
      { severity: 'warning', code: 'GWLB102', message: `unknown field ${key} is ignored`, location: { file: 'a.yaml', line: 1, column: 1 }, path: `spec.${key}` },
      makeChalk(false),
    );
    expect(line.length).toBeLessThan(300);
    expect(line).toContain(`unknown field ${'k'.repeat(60)}…(9920 characters)…${'k'.repeat(20)} is ignored`);
  });
});
