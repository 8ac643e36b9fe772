import { describe, expect, it } from 'vitest';
import { gwlb } from './run-cli.js';

describe('gwlb validate', () => {
  it('a directory of broken files: one located diagnostic per problem, exit 1, no stack trace', () => {
    const r = gwlb(['validate', '-f', 'test/fixtures/broken']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no JavaScript stack frames
    const lines = r.stderr.trim().split('\n');
    const expectations: [string, RegExp][] = [
      ['01-bad-yaml.yaml', /^test\/fixtures\/broken\/01-bad-yaml\.yaml:\d+:\d+: error GWLB001: YAML syntax error/],
      ['02-wrong-type.yaml', /^test\/fixtures\/broken\/02-wrong-type\.yaml:10:\d+: error GWLB1\d\d: .*\(at spec\.listeners\[0\]\.port\)/],
      ['03-unknown-enum.yaml', /^test\/fixtures\/broken\/03-unknown-enum\.yaml:12:\d+: error GWLB1\d\d: .*Prefix.*\(at spec\.rules\[0\]\.matches\[0\]\.path\.type\)/],
      ['04-missing-required.yaml', /^test\/fixtures\/broken\/04-missing-required\.yaml:\d+:\d+: error GWLB1\d\d: .*controllerName/],
      ['05-duplicate.yaml', /^test\/fixtures\/broken\/05-duplicate\.yaml:10:1: error GWLB004: duplicate Service default\/twice: already defined at test\/fixtures\/broken\/05-duplicate\.yaml:1:1/],
      ['06-no-kind.yaml', /^test\/fixtures\/broken\/06-no-kind\.yaml:\d+:\d+: error GWLB003: object has no kind/],
    ];
    for (const [file, pattern] of expectations) {
      const mine = lines.filter((l) => l.includes(file) && l.includes(' error '));
      expect(mine, file).toHaveLength(1);
      expect(mine[0], file).toMatch(pattern);
    }
    expect(r.stdout).toMatch(/^invalid: 6 errors/);
  });

  it.each(['alb-http-https', 'nlb-tcp', 'listenersets', 'header-matching', 'targetgroupname', 'misconfigured-service'])('examples/%s is valid', (example) => {
    const r = gwlb(['validate', '-f', `examples/${example}`]);
    expect(r.stderr).not.toMatch(/ error /);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^valid: /);
  });

  it('a redirect with status 307 is a located error before any AWS call (ALB takes only 301 and 302); plan refuses it too', () => {
    const file = 'test/fixtures/preflight/redirect-307.yaml';
    const r = gwlb(['validate', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^test\/fixtures\/preflight\/redirect-307\.yaml:35:\d+: error GWLB360: Gateway default\/web: AWS rejects CreateRule \(ValidationError: 1 validation error detected: Value 'HTTP_307' at 'actions\.1\.member\.redirectConfig\.statusCode' failed to satisfy constraint: Member must satisfy enum value set: \[HTTP_301, HTTP_302\]\);.* set statusCode: 301 \(permanent\) or 302 instead of 307\. \(at spec\.rules\[0\]\.filters\[0\]\.requestRedirect\.statusCode\)$/m,
    );
    expect(r.stdout).toMatch(/^invalid: 1 error/);
    const plan = gwlb(['plan', '--offline', '-f', file]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('error GWLB360');
  });

  it('reads stdin with -f -', () => {
    const r = gwlb(['validate', '-f', '-'], { input: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n' });
    expect(r.code).toBe(0);
  });

  it('no -f is a usage error, not a crash', () => {
    const r = gwlb(['validate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no manifests given/);
  });

  it('no output line repeats a huge input string whole (100,000-character name, 10,000-character hostname)', () => {
    const input = [
      `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: ${'g'.repeat(100_000)}}\nspec: {gatewayClassName: alb, listeners: [{name: a, port: 80, protocol: HTTP}]}`,
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {hostnames: [${'h'.repeat(10_000)}], ${'k'.repeat(10_000)}: 1}`,
      `apiVersion: v1\nkind: Service\nmetadata: {name: ${'S'.repeat(100_000)}}\nspec: {ports: [{port: 80}]}`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${'d'.repeat(100_000)}}`,
    ].join('\n---\n');
    const r = gwlb(['validate', '-v', '-f', '-'], { input });
    expect(r.code).toBe(1);
    // The longest line is the Service's: a shortened echo (~105 characters) plus both API server
    // messages, of which the DNS-1035 one alone is 226 characters.
    const lines = `${r.stdout}${r.stderr}`.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(460);
    expect(r.stderr.length).toBeLessThan(3000);
    expect(r.stderr).toMatch(/^<stdin>:3:\d+: error GWLB108: invalid Gateway name "g{60}…\(99920 characters\)…g{20}": must be no more than 253 characters \(at metadata\.name\)$/m);
    expect(r.stderr).toMatch(/^<stdin>:9:\d+: error GWLB105: .*\(at spec\.hostnames\[0\]\)$/m);
    expect(r.stderr).toMatch(/^<stdin>:9:\d+: warning GWLB102: unknown field "k{60}…\(9920 characters\)…k{20}" is ignored .*\(at spec\.k+…\(9925 characters\)…k{20}\)$/m);
    expect(r.stderr).toMatch(/^<stdin>:13:\d+: error GWLB108: invalid Service name "S{60}…\(99920 characters\)…S{20}": must be no more than 63 characters; a DNS-1035 label/m);
    expect(r.stderr).toMatch(/^<stdin>:16: skipped apps\/v1 Deployment d{60}…\(99920 characters\)…d{20}: gwlb does not read this kind$/m);
  });

  it('a missing path is located and exits 1', () => {
    const r = gwlb(['validate', '-f', 'does/not/exist.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does\/not\/exist\.yaml:1:1: error GWLB007: cannot read does\/not\/exist\.yaml: no such file or directory/);
  });
});
