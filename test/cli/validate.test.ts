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

  it('reads stdin with -f -', () => {
    const r = gwlb(['validate', '-f', '-'], { input: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n' });
    expect(r.code).toBe(0);
  });

  it('no -f is a usage error, not a crash', () => {
    const r = gwlb(['validate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no manifests given/);
  });

  it('a missing path is located and exits 1', () => {
    const r = gwlb(['validate', '-f', 'does/not/exist.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does\/not\/exist\.yaml:1:1: error GWLB007: cannot read does\/not\/exist\.yaml: no such file or directory/);
  });
});
