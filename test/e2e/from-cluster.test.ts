/**
 * Issue 10 "done when": examples applied with the real kubectl to the local Kubernetes API, then
 * `gwlb plan --from-cluster` → `apply --from-cluster --auto-approve` → `plan` shows no changes,
 * with names from the real UIDs and target groups on the nodePorts the API server allocated.
 * Both APIs (Kubernetes and AWS) run in this process; the CLI is spawned asynchronously.
 */
import { readFileSync } from 'node:fs';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type Cluster, create, kubectl, KUBECTL, startCluster } from '../cluster/helpers.js';
import { runCli, sandboxAccount, type Account } from './harness.js';



describe.skipIf(!KUBECTL)(`plan → apply → plan from a cluster${KUBECTL ? '' : ' (skipped: kubectl is not on PATH)'}`, () => {
  let c: Cluster;
  let acct: Account;
  let allocated = 0;
  beforeAll(async () => {
    c = await startCluster();
    acct = await sandboxAccount();
    const applied = await kubectl(c.kubeconfig, ['apply', '-f', 'examples/alb-http-https']);
    expect(applied.out).toContain('gateway.gateway.networking.k8s.io/my-alb-gateway created');
    expect(applied.code).toBe(0);
    // nlb-tcp with its Service's nodePort left to the API server to allocate.
    for (const doc of parseAllDocuments(readFileSync('examples/nlb-tcp/gateway.yaml', 'utf8'))) {
      const value = doc.toJS() as Record<string, any>;
      if (value['kind'] === 'Service') for (const p of value['spec'].ports) delete p.nodePort;
      const created = await create(c.kube, value);
      if (value['kind'] === 'Service') allocated = (created['spec'] as { ports: { nodePort: number }[] }).ports[0]!.nodePort;
    }
  });
  afterAll(async () => {
    await acct?.close();
    await c?.kube.close();
  });

  const from = () => ['--from-cluster', '--kubeconfig', c.kubeconfig, ...acct.flags];

  it('plans, applies and then plans no changes', async () => {
    const planned = await runCli(['plan', ...from()]);
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('will be created');

    const applied = await runCli(['apply', '--auto-approve', ...from()]);
    expect(applied.stderr).not.toMatch(/gwlb apply:/);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('The account now matches the manifests.');

    const again = await runCli(['plan', '--detailed-exitcode', ...from()]);
    expect(again.stdout).toContain('No changes');
    expect(again.code).toBe(0);
  });

  it('names hash the real metadata.uid, not the stand-in files get', async () => {
    const lbs = (await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    expect(lbs).toHaveLength(2);
    // The ALB example names its load balancer in a LoadBalancerConfiguration; the NLB's is LBC's hash.
    const names = lbs.map((lb) => lb.LoadBalancerName!).filter((n) => n.startsWith('k8s-'));
    expect(names).toHaveLength(1);
    const fromFiles = await runCli(['plan', '--offline', '-o', 'json', '-f', 'examples/alb-http-https', '-f', 'examples/nlb-tcp', '--cluster-name', acct.flags[3]!]);
    for (const name of names) expect(fromFiles.stdout).not.toContain(name);
    const verbose = await runCli(['plan', '-v', ...from()]);
    expect(verbose.stderr).not.toContain('stand-in UID');
  });

  it('target groups use the nodePort the API server allocated', async () => {
    expect(allocated).toBeGreaterThanOrEqual(30000);
    const tgs = (await acct.elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
    expect(tgs.map((t) => t.Port)).toContain(allocated);
  });
});

describe('--from-cluster errors on the command line', () => {
  it('unreachable cluster: one line, exit 1, no stack trace', async () => {
    const r = await runCli(['plan', '--offline', '--from-cluster', '--kubeconfig', 'test/fixtures/cluster/kubeconfig-unreachable.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('gwlb plan: cannot reach the Kubernetes API at http://127.0.0.1:1 (context "dead"): ECONNREFUSED\n');
  });

  it('no input at all: the message offers --from-cluster; --kubeconfig alone says it needs it', async () => {
    const none = await runCli(['model']);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('gwlb model: no manifests given; pass -f FILE, -f DIRECTORY, -f - (stdin) or --from-cluster\n');
    const alone = await runCli(['model', '-f', 'examples/nlb-tcp', '--context', 'prod']);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toBe('gwlb model: --kubeconfig and --context only go with --from-cluster\n');
  });

  it('with -f: a usage error naming both', async () => {
    const r = await runCli(['model', '--from-cluster', '-f', 'examples/nlb-tcp']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe("error: option '--from-cluster' cannot be used with option '-f, --filename <path>'");
  });
});
