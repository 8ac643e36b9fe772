/**
 * `gwlb watch --once --from-cluster [--apply]` end to end, for a pipeline step (issue 11 item 1):
 * one full round — read the cluster, plan, apply, write the status — then plan's exit codes: 2
 * with --detailed-exitcode while changes are left unapplied, 0 once applied or in sync, 1 when
 * the cluster or AWS cannot be read. The CLI runs in this process, against the local Kubernetes
 * API and the AWS emulator; kubectl, when on PATH, reads the status as a user would.
 */
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, createFrom, kubectl, KUBECTL, startCluster } from '../cluster/helpers.js';
import { runCliInProcess, sandboxAccount, trackingProblems, type Account } from './harness.js';
import type { WatchEvent } from './watch-process.js';

const GATEWAY = '/apis/gateway.networking.k8s.io/v1/namespaces/example-ns/gateways/my-alb-gateway';

/** The JSON Lines of `-o json`, without the format_version line. */
const eventsOf = (stdout: string): WatchEvent[] =>
  stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as WatchEvent | { format_version: string })
    .filter((e): e is WatchEvent => 'type' in e);

describe('gwlb watch --once --from-cluster', () => {
  let c: Cluster;
  let acct: Account;
  const once = (...extra: string[]) => runCliInProcess(['watch', '--once', '--from-cluster', '--kubeconfig', c.kubeconfig, ...acct.flags, ...extra]);
  beforeAll(async () => {
    [c, acct] = await Promise.all([startCluster(), sandboxAccount()]);
    await createFrom(c.kube, 'examples/alb-http-https');
  });
  afterAll(async () => {
    await acct?.close();
    await c?.kube.close();
  });

  it('plans without applying: exit 2 with --detailed-exitcode, 0 without it; nothing is written', async () => {
    const detailed = await once('--detailed-exitcode');
    expect(detailed.stderr).toBe('');
    expect(detailed.stdout).toMatch(/plan: 10 to add, 0 to change, 0 to destroy/);
    expect(detailed.code).toBe(2);
    expect((await once()).code).toBe(0);
    expect(Object.keys(acct.emu.state.elbv2.loadBalancers)).toEqual([]);
    expect(c.kube.faults.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('--apply: one round reads, plans, applies and writes the status, exit 0; the next plan has no changes', async () => {
    const applied = await once('--apply', '-o', 'json');
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const events = eventsOf(applied.stdout);
    expect(events.map((e) => e.type).filter((t) => t !== 'apply_progress' && t !== 'status_written')).toEqual(['round_started', 'plan', 'apply_done', 'stopped']);
    expect(events.find((e) => e.type === 'apply_done')).toMatchObject({ failed: 0, interrupted: false, matches: true });
    const written = events.filter((e) => e.type === 'status_written').map((e) => (e.type === 'status_written' ? e.object : ''));
    expect(written.sort()).toEqual(['Gateway example-ns/my-alb-gateway', 'HTTPRoute example-ns/http-route-blue', 'HTTPRoute example-ns/http-route-orange']);
    const [lb] = (await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    const gw = (await (await fetch(`${c.kube.endpoint}${GATEWAY}`)).json()) as { status: { addresses: unknown; conditions: { type: string; status: string; message: string }[] } };
    expect(gw.status.addresses).toEqual([{ type: 'Hostname', value: lb!.DNSName!.toLowerCase() }]);
    expect(gw.status.conditions.find((x) => x.type === 'Programmed')).toMatchObject({ status: 'True', message: lb!.LoadBalancerArn });
    expect(trackingProblems(acct.emu)).toEqual([]);
    const after = await once('--detailed-exitcode');
    expect(after.stdout).toContain('plan: no changes');
    expect(after.code).toBe(0);
  });

  it.skipIf(!KUBECTL)(`kubectl get gateway -o yaml shows the status the round wrote${KUBECTL ? '' : ' (skipped: kubectl is not on PATH)'}`, async () => {
    const [lb] = (await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    const yaml = await kubectl(c.kubeconfig, ['get', '-n', 'example-ns', 'gateway', 'my-alb-gateway', '-o', 'yaml']);
    expect(yaml.code).toBe(0);
    expect(yaml.out).toContain(`value: ${lb!.DNSName!.toLowerCase()}`);
    expect(yaml.out).toMatch(/message: arn:aws:elasticloadbalancing:[^\n]+\n\s+observedGeneration: 1\n\s+reason: Programmed\n\s+status: "True"\n\s+type: Programmed/);
  });

  it('exit 1 when AWS cannot be read, and when the cluster cannot be reached', async () => {
    acct.emu.controls.addFailure({ action: 'DescribeLoadBalancers', error: { kind: 'error', code: 'AccessDenied', message: 'not now', status: 403 } });
    const aws = await once('--detailed-exitcode');
    expect(aws.code).toBe(1);
    expect(aws.stdout).toContain('AccessDenied');
    c.kube.faults.down();
    try {
      const kube = await once('--detailed-exitcode');
      expect(kube.code).toBe(1);
      expect(kube.stderr).toMatch(/^gwlb watch: cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1:\d+ \(context "[^"]+"\): /);
      expect(kube.stdout).toBe('');
    } finally {
      c.kube.faults.up();
    }
  });
});
