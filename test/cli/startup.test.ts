/**
 * Which packages each command loads (issue #9): the AWS SDK and ink/React take several times
 * Node's own start-up to load, so only `plan` and `apply` against AWS may load them, and
 * `--version` loads no command at all. Checked through Node's module debug log (every CommonJS
 * load; the SDK, React, yaml and commander are CommonJS under Node), not through timings,
 * which `npm run bench` reports (bench/startup-bench.ts).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandsNeeded } from '../../src/cli/commands/index.js';
import { ROOT } from './run-cli.js';

/** Package names (under node_modules/) the command loaded, e.g. `yaml`, `@aws-sdk/client-ec2`. */
function packagesLoaded(args: readonly string[]): { code: number; packages: Set<string> } {
  const r = spawnSync(process.execPath, [`${ROOT}bin/gwlb.js`, ...args], {
    cwd: ROOT,
    input: '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NODE_DEBUG: 'module' },
  });
  const packages = new Set([...r.stderr.matchAll(/node_modules\/((?:@[^/]+\/)?[^/"]+)\//g)].map((m) => m[1]!));
  return { code: r.status ?? -1, packages };
}

const HEAVY = /^(@aws-sdk|@smithy|react|react-reconciler|ink)(\/|$)/;
const heavy = (packages: Set<string>) => [...packages].filter((p) => HEAVY.test(p));

describe('start-up: commands load only what they use', () => {
  it('gwlb --version loads commander and no command (no yaml, no AWS SDK, no React)', () => {
    const r = packagesLoaded(['--version']);
    expect(r.code).toBe(0);
    expect(r.packages.has('commander')).toBe(true); // the debug log works
    expect([...r.packages].sort()).toEqual(['commander']);
  });

  it('gwlb validate of plain YAML loads commander only (js-yaml is ESM; yaml loads only when used)', () => {
    const r = packagesLoaded(['validate', '-f', 'examples/alb-http-https']);
    expect(r.code).toBe(0);
    expect([...r.packages].sort()).toEqual(['commander']);
  });

  it('gwlb validate -v loads yaml, to place the info diagnostics it shows, but neither the AWS SDK nor React', () => {
    const r = packagesLoaded(['validate', '-v', '-f', 'examples/alb-http-https']);
    expect(r.code).toBe(0);
    expect(r.packages.has('yaml')).toBe(true);
    expect(heavy(r.packages)).toEqual([]);
  });

  it.each([
    ['gwlb --help', ['--help']],
    ['gwlb plan --offline', ['plan', '--offline', '-f', 'examples/nlb-tcp']],
    ['gwlb explain', ['explain', '-f', 'examples/alb-http-https']],
    ['gwlb model', ['model', '-f', 'examples/nlb-tcp']],
    ['gwlb apply without input', ['apply']],
    ['gwlb watch without input', ['watch']],
  ])('%s loads neither the AWS SDK nor React', (_name, args) => {
    const r = packagesLoaded(args);
    expect(r.packages.has('commander')).toBe(true);
    expect(heavy(r.packages)).toEqual([]);
  });
});

/**
 * client-node is ESM, which the module debug log does not list; the CommonJS packages only it
 * loads (its proxy agents and node-fetch) show whether it was loaded.
 */
describe('start-up: client-node loads only for --from-cluster', () => {
  const KUBE = /^(@kubernetes\/client-node|hpagent|socks-proxy-agent|node-fetch)$/;
  it.each([
    ['gwlb plan --offline -f', ['plan', '--offline', '-f', 'examples/nlb-tcp']],
    ['gwlb explain -f', ['explain', '-f', 'examples/alb-http-https']],
    ['gwlb model -f', ['model', '-f', 'examples/nlb-tcp']],
    ['gwlb validate', ['validate', '-f', 'examples/nlb-tcp']],
  ])('%s does not load @kubernetes/client-node', (_name, args) => {
    const r = packagesLoaded(args);
    expect(r.code).toBe(0);
    expect([...r.packages].filter((p) => KUBE.test(p))).toEqual([]);
  });

  it('gwlb model --from-cluster loads it', () => {
    const r = packagesLoaded(['model', '--from-cluster', '--kubeconfig', 'test/fixtures/cluster/kubeconfig-unreachable.yaml']);
    expect(r.code).toBe(1); // nothing listens on port 1
    expect([...r.packages].filter((p) => KUBE.test(p))).not.toEqual([]);
    expect(heavy(r.packages)).toEqual([]);
  });
});

describe('commandsNeeded', () => {
  const all = commandsNeeded([]);

  it('a command line that starts with a command needs that command only; --version needs none', () => {
    expect(commandsNeeded(['validate', '-f', 'x.yaml'])).toEqual(['validate']);
    expect(commandsNeeded(['apply', '--help'])).toEqual(['apply']);
    expect(commandsNeeded(['--version'])).toEqual([]);
    expect(commandsNeeded(['-V', 'plan'])).toEqual([]);
  });

  it('help, no command, an unknown command or option: all of them, for commander to list or suggest', () => {
    expect(all).toEqual(['validate', 'explain', 'model', 'plan', 'show', 'apply', 'destroy', 'watch', 'emulator']);
    for (const args of [['--help'], ['help', 'plan'], ['valdate'], ['--no-color', 'validate']]) expect(commandsNeeded(args), args.join(' ')).toEqual(all);
  });
});
