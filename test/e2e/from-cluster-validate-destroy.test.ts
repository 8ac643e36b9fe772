/**
 * `validate --from-cluster` checks the objects as the API server stores them, and
 * `destroy --from-cluster` deletes the stacks of the cluster's Gateways (as `-f` would with the
 * same manifests) and nothing else. The local Kubernetes API and the AWS emulator run in this
 * process; the CLI runs in-process too (no process boundary is under test here).
 */
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrom, startCluster, type Cluster } from '../cluster/helpers.js';
import { applyInProcess, runCliInProcess, sandboxAccount, type Account } from './harness.js';

describe('validate and destroy --from-cluster', () => {
  let c: Cluster;
  let acct: Account;
  beforeAll(async () => {
    c = await startCluster();
    acct = await sandboxAccount();
    await createFrom(c.kube, 'examples/nlb-tcp');
  });
  afterAll(async () => {
    await acct?.close();
    await c?.kube.close();
  });
  const from = () => ['--from-cluster', '--kubeconfig', c.kubeconfig];

  it('validate reads the cluster and counts its Gateways', async () => {
    const r = await runCliInProcess(['validate', ...from()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^valid: 1 Gateway\(s\)/);
    expect(r.code).toBe(0);
  });

  it('validate without input offers --from-cluster', async () => {
    const r = await runCliInProcess(['validate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('gwlb validate: no manifests given; pass -f FILE, -f DIRECTORY, -f - (stdin) or --from-cluster\n');
  });

  it('destroy deletes the stacks of the Gateways the cluster holds, and only them', async () => {
    // Another stack, applied from files, that the cluster does not hold.
    expect((await applyInProcess(acct, ['examples/alb-http-https'])).code).toBe(0);
    expect((await runCliInProcess(['apply', '--auto-approve', ...from(), ...acct.flags])).code).toBe(0);
    const before = (await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    expect(before).toHaveLength(2);

    const r = await runCliInProcess(['destroy', '--auto-approve', ...from(), ...acct.flags]);
    expect(r.code).toBe(0);
    const after = (await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    expect(after.map((lb) => lb.Type)).toEqual(['application']);
  });

  it('destroy: --all with --from-cluster is refused; --kubeconfig needs --from-cluster', async () => {
    const all = await runCliInProcess(['destroy', '--all', ...from(), ...acct.flags]);
    expect(all.code).toBe(1);
    expect(all.stderr).toBe('gwlb destroy: --all destroys every stack this cluster owns; pass it alone, without -f, --from-cluster or --gateway\n');
    const alone = await runCliInProcess(['destroy', '--gateway', 'default/x', '--kubeconfig', c.kubeconfig, ...acct.flags]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toBe('gwlb destroy: --kubeconfig and --context only go with --from-cluster\n');
  });
});
