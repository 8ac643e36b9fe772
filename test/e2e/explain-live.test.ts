/**
 * Issue 10 "done when": `explain --from-cluster` on a cluster where the status LBC wrote differs
 * from gwlb's, and on an account with a missing certificate, untagged subnets and unhealthy
 * targets, prints each finding with its code (golden text and JSON), and exits 2 with
 * --detailed-exitcode. Both APIs (Kubernetes and AWS) and the CLI run in this process.
 */
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrom, startCluster, type Cluster } from '../cluster/helpers.js';
import { expectGolden } from '../helpers/golden.js';
import { ROOT } from '../cli/run-cli.js';
import { runCliInProcess, sandboxAccount, type Account } from './harness.js';

const FIXTURES = 'test/fixtures/explain-live';
const GW = 'apis/gateway.networking.k8s.io/v1/namespaces/default';

async function patch(c: Cluster, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${c.kube.endpoint}/${path}`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`PATCH ${path}: ${res.status} ${await res.text()}`);
}

const cond = (type: string, status: string, reason: string, message = '', observedGeneration = 1) => ({ type, status, reason, message, observedGeneration, lastTransitionTime: '2026-01-01T00:00:00Z' });
const parent = (controllerName: string, accepted: ReturnType<typeof cond>, observedGeneration = 1) => ({
  parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'web' },
  controllerName,
  conditions: [cond('ResolvedRefs', 'True', 'ResolvedRefs', '', observedGeneration), accepted],
});

/** AWS assigns ARNs and LBC hashes target group names from the Gateway's random UID: both vary per run. */
function normalise(text: string): string {
  return text.replace(/arn:aws:elasticloadbalancing:[^\s",)]+/g, '<arn>').replace(/(k8s-default-[a-z]+)-[0-9a-f]{10}/g, '$1-<hash>');
}

describe('explain --from-cluster', () => {
  let c: Cluster;
  let acct: Account;
  const from = () => ['--from-cluster', '--kubeconfig', c.kubeconfig, ...acct.flags];

  beforeAll(async () => {
    c = await startCluster();
    acct = await sandboxAccount();
    acct.emu.controls.setLifecycle({ describesUntilHealthy: 0 });
    await createFrom(c.kube, `${FIXTURES}/web.yaml`);
    // gwlb stands in for LBC's deploy here: the Gateway carries LBC's finalizer, hence --take-over.
    const applied = await runCliInProcess(['apply', '--auto-approve', '--take-over', ...from()]);
    expect(applied.stderr).not.toMatch(/gwlb apply:/);
    expect(applied.code).toBe(0);

    // What LBC wrote: the Gateway as gwlb computes it, one route it disagrees on, one stale, one
    // only another controller answered, and a Gateway with a reason LBC v3.5.0 never writes.
    const arn = (await acct.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['explain-web'] }))).LoadBalancers![0]!.LoadBalancerArn!;
    const listener = [cond('Conflicted', 'False', 'NoConflicts'), cond('Accepted', 'True', 'Accepted'), cond('ResolvedRefs', 'True', 'ResolvedRefs'), cond('Programmed', 'True', 'Programmed')];
    await patch(c, `${GW}/gateways/web/status`, {
      status: { conditions: [cond('Accepted', 'True', 'Accepted'), cond('Programmed', 'True', 'Programmed', arn)], listeners: [{ name: 'http', attachedRoutes: 3, supportedKinds: [], conditions: listener }] },
    });
    await patch(c, `${GW}/httproutes/web/status`, { status: { parents: [parent('gateway.k8s.aws/alb', cond('Accepted', 'False', 'NotAllowedByListeners', 'not allowed'))] } });
    await patch(c, `${GW}/httproutes/stale/status`, { status: { parents: [parent('gateway.k8s.aws/alb', cond('Accepted', 'True', 'Accepted'))] } });
    await patch(c, `${GW}/httproutes/stale`, { spec: { rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/old/v2' } }], backendRefs: [{ name: 'web', port: 80 }] }] } });
    await patch(c, `${GW}/httproutes/other/status`, { status: { parents: [parent('example.com/other-controller', cond('Accepted', 'True', 'Accepted'))] } });

    // The account: an HTTPS Gateway without a certificate, the public subnets untagged, one node stopped.
    await createFrom(c.kube, `${FIXTURES}/broken.yaml`);
    await patch(c, `${GW}/gateways/public/status`, { status: { conditions: [cond('Accepted', 'True', 'Accepted'), cond('Programmed', 'Unknown', 'Provisioning', 'waiting')] } });
    for (const s of Object.values(acct.emu.state.ec2.subnets)) s.tags = s.tags.filter((t) => t.Key !== 'kubernetes.io/role/elb');
    acct.emu.state.ec2.instances['i-0a5e0000000000002']!.state = 'stopped';
  });
  afterAll(async () => {
    await acct?.close();
    await c?.kube.close();
  });

  it('prints one line per finding with its code and fix (golden text)', async () => {
    const r = await runCliInProcess(['explain', ...from()]);
    expect(r.code).toBe(0);
    const out = normalise(r.stdout);
    for (const code of ['GWLB401', 'GWLB403', 'GWLB404', 'GWLB405', 'GWLB406', 'GWLB413', 'GWLB414', 'GWLB415']) expect(out).toContain(code);
    expectGolden(`${ROOT}test/golden/explain/live/findings.txt`, out);
  });

  it('-o json carries the same findings as data (golden JSON)', async () => {
    const r = await runCliInProcess(['explain', '-o', 'json', ...from()]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { format_version: string; findings: { code: string; object: { kind: string; name: string }; message: string; fix: string }[] };
    expect(data.format_version).toBe('1.0');
    const differs = data.findings.find((f) => f.code === 'GWLB406' && f.object.name === 'web');
    expect(differs).toMatchObject({ kind: 'status-differs', type: 'Accepted', lbc: { status: 'False', reason: 'NotAllowedByListeners' }, gwlb: { status: 'True', reason: 'Accepted' } });
    expectGolden(`${ROOT}test/golden/explain/live/findings.json`, normalise(r.stdout));
  });

  it('--detailed-exitcode: 2 when there are findings', async () => {
    const r = await runCliInProcess(['explain', '--detailed-exitcode', '-o', 'json', ...from()]);
    expect(r.code).toBe(2);
  });

  it('--detailed-exitcode: 0 when LBC wrote what gwlb computes and everything is programmed', async () => {
    const r = await runCliInProcess(['explain', 'gateway/default/web', '--detailed-exitcode', '--offline', '--from-cluster', '--kubeconfig', c.kubeconfig, '--cluster-name', acct.flags[3]!]);
    expect(r.stdout).toBe("No findings (AWS not read: --offline): LBC's status matches gwlb's, and every Gateway, listener and route is programmed.\n");
    expect(r.code).toBe(0);
  });

  it('an AWS endpoint that does not answer: one line, exit 1', async () => {
    const r = await runCliInProcess(['explain', '--from-cluster', '--kubeconfig', c.kubeconfig, '--endpoint-url', 'http://127.0.0.1:1', '--cluster-name', acct.flags[3]!]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^gwlb explain: .*127\.0\.0\.1:1/);
  });

  it('--offline compares statuses only, taking Programmed from what LBC wrote', async () => {
    const r = await runCliInProcess(['explain', '--offline', '--from-cluster', '--kubeconfig', c.kubeconfig, '--cluster-name', acct.flags[3]!]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(AWS not read: --offline)');
    expect(r.stdout).not.toMatch(/GWLB41\d/);
    // web's Programmed=True as LBC wrote it: no difference reported for it.
    expect(r.stdout).not.toMatch(/Gateway default\/web: Programmed differs/);
  });

  it('one object: KIND/NS/NAME narrows the findings', async () => {
    const r = await runCliInProcess(['explain', 'httproute/default/stale', '--offline', '--from-cluster', '--kubeconfig', c.kubeconfig, '--cluster-name', acct.flags[3]!]);
    expect(r.stdout.trim().split('\n')[0]).toMatch(/^GWLB404 warning HTTPRoute default\/stale parent Gateway default\/web: LBC's status is stale: observedGeneration 1, metadata.generation 2\./);
    expect(r.stdout).not.toContain('HTTPRoute default/web');
  });
});
