import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { gwlb, ROOT } from './run-cli.js';

const EXAMPLES = ['alb-http-https', 'nlb-tcp', 'listenersets', 'header-matching', 'targetgroupname', 'misconfigured-service'];

interface PlanJson {
  format_version: string;
  mode: string;
  resource_changes: { address: string; stack: string; type: string; change: { actions: string[]; after: Record<string, unknown>; after_unknown: Record<string, unknown> } }[];
  fingerprint?: { algorithm: string; inputs: string; observed: string };
}

const tmp = mkdtempSync(join(tmpdir(), 'gwlb-plan-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SERVICE_ONLY = 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: default}\nspec: {ports: [{port: 80}]}\n';

describe('gwlb plan --offline on the examples', () => {
  it.each(EXAMPLES)('examples/%s: text and JSON (golden), every resource a create', (example) => {
    const text = gwlb(['plan', '--offline', '-f', `examples/${example}`]);
    expect(text.code).toBe(0);
    expectGolden(`${ROOT}test/golden/plan/${example}.txt`, text.stdout);
    const json = gwlb(['plan', '--offline', '-f', `examples/${example}`, '-o', 'json']);
    expect(json.code).toBe(0);
    expectGolden(`${ROOT}test/golden/plan/${example}.json`, json.stdout);
    const plan = JSON.parse(json.stdout) as PlanJson;
    expect(plan.format_version).toBe('1.0');
    expect(plan.mode).toBe('offline');
    expect(plan.resource_changes.length).toBeGreaterThan(0);
    expect(plan.resource_changes.every((rc) => rc.change.actions.join() === 'create')).toBe(true);
    // The text view is rendered from the same data: same resources, same count.
    // Targets show as one line each under their target group's comment (ui/plan/targets.ts).
    for (const rc of plan.resource_changes.filter((c) => c.type !== 'AWS::ElasticLoadBalancingV2::Target')) expect(text.stdout).toContain(`# ${rc.address} will be created`);
    expect(text.stdout).toContain(`Plan: ${plan.resource_changes.length} to add, 0 to change, 0 to destroy.`);
  });
});

describe('gwlb plan exit codes and options', () => {
  it('--detailed-exitcode: 2 with changes, 0 with none', () => {
    expect(gwlb(['plan', '--offline', '-f', 'examples/nlb-tcp', '--detailed-exitcode']).code).toBe(2);
    const none = gwlb(['plan', '--offline', '-f', '-', '--detailed-exitcode'], { input: SERVICE_ONLY });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No changes. Your infrastructure matches the configuration.');
    expect(gwlb(['plan', '--offline', '-f', 'examples/nlb-tcp']).code).toBe(0);
  });

  it('live planning reports an AWS setup problem in one line and exits 1', () => {
    const r = gwlb(['plan', '-f', 'examples/nlb-tcp', '--endpoint-url', 'not a url']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('gwlb plan: --endpoint-url not a url is not a URL');
  });

  it('--sandbox plans against the seeded emulator: discovered subnets and certificates are known', () => {
    const cwd = mkdtempSync(join(tmp, 'sandbox-'));
    const r = gwlb(['plan', '--sandbox', '-f', `${ROOT}examples/alb-http-https`, '-o', 'json', '--detailed-exitcode'], { cwd });
    expect(r.code).toBe(2);
    const plan = JSON.parse(r.stdout) as PlanJson;
    expect(plan.mode).toBe('live');
    const lb = plan.resource_changes.find((rc) => rc.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')!;
    expect((lb.change.after['subnetMapping'] as { subnetID: string }[]).every((m) => m.subnetID.startsWith('subnet-'))).toBe(true);
    const https = plan.resource_changes.find((rc) => rc.address.endsWith('listener["443"]'))!;
    expect(https.change.after_unknown['certificates']).toBeUndefined();
  });

  it('invalid input: diagnostics, "Planning failed", exit 1 even with --detailed-exitcode', () => {
    const r = gwlb(['plan', '--offline', '-f', 'test/fixtures/broken', '--detailed-exitcode']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error GWLB101');
    expect(r.stdout).toContain('Planning failed.');
    const json = JSON.parse(gwlb(['plan', '--offline', '-f', 'test/fixtures/broken', '-o', 'json']).stdout) as PlanJson & { errored: boolean; applyable: boolean };
    expect([json.errored, json.applyable]).toEqual([true, false]);
  });

  it('without -f exits 1 with a hint', () => {
    const r = gwlb(['plan', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no manifests given');
  });

  it('-o markdown: cluster and target, a row per Gateway, the diagnostics, each Gateway folded away (golden)', () => {
    const r = gwlb(['plan', '--offline', '-f', 'examples/misconfigured-service', '-o', 'markdown']);
    expect(r.code).toBe(0);
    expectGolden(`${ROOT}test/golden/plan/misconfigured-service.md`, r.stdout);
    expect(r.stdout).toContain('Cluster `default`, planned offline, against an empty account (`--offline`).');
    expect(r.stdout).toContain('**Plan:** 8 to add, 0 to change, 0 to destroy.');
    expect(r.stdout).toContain('| cluster-wide (shared backend security group) | changes | 1 | 0 | 0 |');
    expect(r.stdout).toContain('| `example-ns/my-alb-gateway` | changes | 5 | 0 | 0 |');
    expect(r.stdout).toContain('| `example-ns/my-tcp-gateway` | changes | 2 | 0 | 0 |');
    expect(r.stdout).toContain('**Diagnostics:** 0 errors, 3 warnings\n\n```\nexamples/misconfigured-service/gateway.yaml:58:11: warning GWLB209:');
    expect(r.stdout).toContain('<details><summary><code>example-ns/my-tcp-gateway</code>: 2 to add, 0 to change, 0 to destroy</summary>\n\n```diff\n');
  });

  it('--gateway plans one Gateway only', () => {
    const r = gwlb(['plan', '--offline', '-f', 'examples/misconfigured-service', '-o', 'json', '--gateway', 'example-ns/my-tcp-gateway']);
    const plan = JSON.parse(r.stdout) as PlanJson;
    // The shared backend security group it needs is cluster-wide, not another Gateway's.
    expect(new Set(plan.resource_changes.map((rc) => rc.stack))).toEqual(new Set(['cluster', 'example-ns/my-tcp-gateway']));
  });

  it('--cluster-name changes the tracking tags', () => {
    const r = gwlb(['plan', '--offline', '-f', 'examples/nlb-tcp', '--cluster-name', 'prod-east']);
    expect(r.stdout).toContain('"elbv2.k8s.aws/cluster"        = "prod-east"');
  });

  it('--out saves the plan JSON with a fingerprint that follows the inputs', () => {
    const a = join(tmp, 'a.json');
    const b = join(tmp, 'b.json');
    const c = join(tmp, 'c.json');
    const r = gwlb(['plan', '--offline', '-f', 'examples/nlb-tcp', '--out', a]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Saved the plan to: ${a}`);
    gwlb(['plan', '--offline', '-f', 'examples/nlb-tcp', '--out', b, '-o', 'json']);
    gwlb(['plan', '--offline', '-f', 'examples/nlb-tcp', '--out', c, '--cluster-name', 'other']);
    const [pa, pb, pc] = [a, b, c].map((f) => JSON.parse(readFileSync(f, 'utf8')) as PlanJson);
    expect(pa!.fingerprint).toMatchObject({ algorithm: 'sha256', inputs: expect.stringMatching(/^[0-9a-f]{64}$/), observed: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(pb!.fingerprint).toEqual(pa!.fingerprint);
    expect(pc!.fingerprint!.inputs).not.toBe(pa!.fingerprint!.inputs);
    const { fingerprint: _f, target, ...rest } = pa! as PlanJson & { target?: string };
    expect(target).toBe('offline');
    expect(rest).toEqual(JSON.parse(gwlb(['plan', '--offline', '-f', 'examples/nlb-tcp', '-o', 'json']).stdout));
  });

  it('an unwritable --out is an error', () => {
    const r = gwlb(['plan', '--offline', '-f', 'examples/nlb-tcp', '--out', join(tmp, 'missing-dir', 'plan.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot write the plan');
  });

  it('an endpoint nobody listens on is one line saying where and what to check', () => {
    // Port 1 (tcpmux) is privileged and unused: connecting is refused at once.
    const r = gwlb(['plan', '-f', 'examples/nlb-tcp', '--endpoint-url', 'http://127.0.0.1:1']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^gwlb plan: cannot reach the AWS endpoint http:\/\/127\.0\.0\.1:1: .*ECONNREFUSED.*; is `gwlb emulator` \(or the endpoint\) running at that address\?$/);
  });
});

