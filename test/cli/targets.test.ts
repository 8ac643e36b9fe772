/**
 * Which AWS a command talks to (issue #6): flags naming two targets, and an --endpoint-url that
 * is not an http(s) URL, are one-line errors before anything is read or connected to.
 */
import { describe, expect, it } from 'vitest';
import { gwlb } from './run-cli.js';

const INPUT = ['-f', 'examples/nlb-tcp'];

function oneLineError(args: readonly string[]): string {
  const r = gwlb(args);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0]!;
}

describe('conflicting target flags', () => {
  it.each([
    ['plan', '--sandbox', '--offline'],
    ['plan', '--sandbox', '--endpoint-url'],
    ['plan', '--sandbox', '--profile'],
    ['plan', '--offline', '--endpoint-url'],
    ['plan', '--offline', '--profile'],
    ['apply', '--sandbox', '--endpoint-url'],
    ['apply', '--sandbox', '--profile'],
    ['destroy', '--sandbox', '--endpoint-url'],
    ['destroy', '--sandbox', '--profile'],
  ])('gwlb %s %s with %s: one line naming both, exit 1', (command, a, b) => {
    const value = (flag: string) => (flag === '--endpoint-url' ? ['http://127.0.0.1:4566'] : flag === '--profile' ? ['dev'] : []);
    // Either order is refused with the same message.
    for (const args of [[a, ...value(a), b, ...value(b)], [b, ...value(b), a, ...value(a)]]) {
      const line = oneLineError([command, ...INPUT, ...args]);
      expect(line).toMatch(/^error: option '.+' cannot be used with option '.+'$/);
      expect(line).toContain(`'${a}`);
      expect(line).toContain(`'${b}`);
    }
  });

  it('--endpoint-url with --profile stays allowed (the endpoint ignores the profile)', () => {
    const r = gwlb(['plan', ...INPUT, '--endpoint-url', 'localhost:1', '--profile', 'dev']);
    // Reaches the endpoint check, so the flags themselves were accepted.
    expect(r.stderr).toContain('has no scheme');
  });
});

describe('--endpoint-url', () => {
  it.each(['plan', 'apply'])('gwlb %s: without a scheme, the error shows the URL to pass', (command) => {
    expect(oneLineError([command, ...INPUT, '--endpoint-url', 'localhost:4566'])).toBe(`gwlb ${command}: --endpoint-url localhost:4566 has no scheme; did you mean http://localhost:4566?`);
  });

  it('an IP address and port without a scheme: the same hint', () => {
    expect(oneLineError(['plan', ...INPUT, '--endpoint-url', '127.0.0.1:4566'])).toBe('gwlb plan: --endpoint-url 127.0.0.1:4566 has no scheme; did you mean http://127.0.0.1:4566?');
  });

  it('a scheme other than http or https is refused', () => {
    expect(oneLineError(['plan', ...INPUT, '--endpoint-url', 'ftp://127.0.0.1:4566'])).toBe('gwlb plan: --endpoint-url ftp://127.0.0.1:4566: the scheme must be http or https, not ftp');
  });
});

describe('an endpoint nobody listens on', () => {
  // Port 1 (tcpmux) on loopback is closed: the connection is refused at once, and refused
  // connections are not retried 10 times (src/aws/retry.ts). plan.test.ts checks `gwlb plan`.
  it('gwlb apply: one line saying where and what to check, exit 1', () => {
    expect(oneLineError(['apply', '--auto-approve', ...INPUT, '--endpoint-url', 'http://127.0.0.1:1'])).toMatch(
      new RegExp(`^gwlb apply: cannot reach the AWS endpoint http://127\\.0\\.0\\.1:1: connect ECONNREFUSED 127\\.0\\.0\\.1:1; is \`gwlb emulator\` \\(or the endpoint\\) running at that address\\?$`),
    );
  });
});
