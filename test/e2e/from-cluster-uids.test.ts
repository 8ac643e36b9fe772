/**
 * Issue 10 "done when": a stack created earlier from files (no metadata.uid, so its load balancer
 * and security group names hash gwlb's stand-in UID) is then planned `--from-cluster` for the same
 * Gateway, whose real UID hashes to other names. LBC finds a stack's resources by their tags and
 * never renames or replaces a load balancer, security group or target group for its name alone
 * (only type/scheme, or a target group's port/protocol/target type, force a replacement), so the
 * plan proposes no change at all: the resources keep their stand-in names, and no second load
 * balancer is created beside the first. Both APIs run in this process, as does the CLI.
 */
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES } from '../../src/kube-emulator/index.js';
import { createFrom, startCluster, type Cluster } from '../cluster/helpers.js';
import { runCliInProcess, sandboxAccount, trackingProblems, writeCount, type Account } from './harness.js';

const EXAMPLE = 'examples/nlb-tcp';
const GATEWAY = 'default/my-gateway';

interface JsonPlan {
  stacks: { id: string; uid_source: string; uid: string }[];
  resource_changes: { type: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null } }[];
}

const nameOf = (v: Record<string, unknown> | null | undefined) => (v?.['name'] ?? v?.['groupName']) as string | undefined;

describe('a stack created from files, then planned --from-cluster', () => {
  let c: Cluster;
  let acct: Account;
  let fromFiles: { lb: string; sg: string; tg: string };
  beforeAll(async () => {
    c = await startCluster();
    acct = await sandboxAccount();
    await createFrom(c.kube, EXAMPLE);
    const applied = await runCliInProcess(['apply', '--auto-approve', '-f', EXAMPLE, ...acct.flags]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('has no metadata.uid, so its load balancer and security group names hash the stand-in UID');
    const plan = JSON.parse((await runCliInProcess(['plan', '-o', 'json', '-f', EXAMPLE, ...acct.flags])).stdout) as JsonPlan;
    const named = (type: string) => nameOf(plan.resource_changes.find((r) => r.type === type && r.change.before !== null && nameOf(r.change.before)?.startsWith('k8s-default-my'))?.change.before)!;
    fromFiles = { lb: named('AWS::ElasticLoadBalancingV2::LoadBalancer'), sg: named('AWS::EC2::SecurityGroup'), tg: named('AWS::ElasticLoadBalancingV2::TargetGroup') };
  });
  afterAll(async () => {
    await acct?.close();
    await c?.kube.close();
  });

  const from = () => ['--from-cluster', '--kubeconfig', c.kubeconfig, ...acct.flags];

  it('the real UID hashes to other load balancer and security group names than the stand-in', async () => {
    const fresh = JSON.parse((await runCliInProcess(['plan', '--offline', '-o', 'json', '--from-cluster', '--kubeconfig', c.kubeconfig, '--cluster-name', acct.flags[3]!])).stdout) as JsonPlan;
    const stack = fresh.stacks.find((s) => s.id === GATEWAY)!;
    expect(stack.uid_source).toBe('metadata');
    expect(stack.uid).toBe(c.kube.store.get(RESOURCES.find((r) => r.kind === 'Gateway')!, 'default', 'my-gateway')!.metadata.uid);
    const wanted = (type: string) => fresh.resource_changes.filter((r) => r.type === type).map((r) => nameOf(r.change.after));
    expect(wanted('AWS::ElasticLoadBalancingV2::LoadBalancer')).toHaveLength(1);
    expect(wanted('AWS::ElasticLoadBalancingV2::LoadBalancer')).not.toContain(fromFiles.lb);
    expect(wanted('AWS::EC2::SecurityGroup')).not.toContain(fromFiles.sg);
    // The target group name hashes route, Service and port, not the Gateway's UID.
    expect(wanted('AWS::ElasticLoadBalancingV2::TargetGroup')).toContain(fromFiles.tg);
  });

  it('plans no change: the resources are found by their tags and keep their names', async () => {
    const text = await runCliInProcess(['plan', '--detailed-exitcode', ...from()]);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('No changes. Your infrastructure matches the configuration.');
    expect(text.stdout).not.toContain('stand-in UID');
    expect(text.code).toBe(0);
    const json = JSON.parse((await runCliInProcess(['plan', '-o', 'json', ...from()])).stdout) as JsonPlan;
    expect(json.stacks.find((s) => s.id === GATEWAY)!.uid_source).toBe('metadata');
    expect(json.resource_changes.map((r) => r.change.actions.join(','))).toEqual(json.resource_changes.map(() => 'no-op'));
    const kept = json.resource_changes.map((r) => nameOf(r.change.after));
    expect(kept).toEqual(expect.arrayContaining([fromFiles.lb, fromFiles.sg, fromFiles.tg]));
  });

  it('apply --from-cluster writes nothing and leaves one load balancer, never a duplicate', async () => {
    acct.emu.controls.resetCounters();
    const applied = await runCliInProcess(['apply', '--auto-approve', ...from()]);
    expect(applied.code).toBe(0);
    expect(writeCount(acct)).toBe(0);
    const lbs = (await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    expect(lbs.map((lb) => lb.LoadBalancerName)).toEqual([fromFiles.lb]);
    const tgs = (await acct.elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
    expect(tgs.map((t) => t.TargetGroupName)).toContain(fromFiles.tg);
    const sgs = (await acct.ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
    expect(sgs.filter((g) => g.GroupName?.startsWith('k8s-default-mygatewa-')).map((g) => g.GroupName)).toEqual([fromFiles.sg]);
    expect(trackingProblems(acct.emu)).toEqual([]);
  });
});
