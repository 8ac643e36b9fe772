/**
 * Safety: look-alike resources without this cluster's tracking tags are never modified or
 * deleted; a name collision with one makes the plan unappliable (exit 1, no write); with no
 * terminal and no --auto-approve apply stops; LBC's finalizer on a Gateway needs --take-over.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_VPC_ID } from '../../src/emulator/index.js';
import { ROOT } from '../cli/run-cli.js';
import { apply, plan, runCli, sandboxAccount, type Account } from './harness.js';

const ALB = join(ROOT, 'examples', 'alb-http-https');
const PUBLIC_SUBNETS = ['subnet-0a5e0000000000010', 'subnet-0a5e0000000000011'];

describe('apply safety', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('never touches look-alikes without our tags, and refuses a name collision before any write', async () => {
    acct = await sandboxAccount();
    const a = acct;
    // Same LB name as the example's explicit loadBalancerName, but another owner's tags.
    await a.elbv2.send(new CreateLoadBalancerCommand({ Name: 'my-example-gateway-alb', Subnets: PUBLIC_SUBNETS, Scheme: 'internet-facing', Tags: [{ Key: 'team', Value: 'other' }] }));
    // Tagged for this stack but for another cluster, and an untagged SG/TG beside them.
    await a.elbv2.send(
      new CreateTargetGroupCommand({ Name: 'lookalike-tg', Protocol: 'HTTP', Port: 80, VpcId: SEED_VPC_ID, Tags: [{ Key: 'elbv2.k8s.aws/cluster', Value: 'other-cluster' }, { Key: 'gateway.k8s.aws.alb/stack', Value: 'example-ns/my-alb-gateway' }, { Key: 'gateway.k8s.aws.alb/resource', Value: 'LoadBalancer' }] }),
    );
    await a.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'lookalike-sg', Description: 'not ours', VpcId: SEED_VPC_ID }));
    const before = JSON.stringify(a.emu.state);
    const writesBefore = Object.entries(a.emu.controls.counters()).filter(([k]) => !/:(Describe|List|Get)/.test(k)).reduce((n, [, v]) => n + v, 0);

    const applied = await apply(a, [ALB]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/cannot be applied/);
    // Each colliding resource is named in the refusal itself, not "listed above".
    expect(applied.stderr).toMatch(/gateway\["example-ns\/my-alb-gateway"\]\.load_balancer\["LoadBalancer"\] needs the name my-example-gateway-alb, held by arn:aws:elasticloadbalancing:[^ ]+\/my-example-gateway-alb\//);
    expect(applied.stderr).not.toMatch(/listed above/);
    const writesAfter = Object.entries(a.emu.controls.counters()).filter(([k]) => !/:(Describe|List|Get)/.test(k)).reduce((n, [, v]) => n + v, 0);
    expect(writesAfter).toBe(writesBefore);
    expect(JSON.stringify(a.emu.state)).toBe(before);
  });

  it('converges beside look-alikes and leaves them exactly as they were', async () => {
    acct = await sandboxAccount();
    const a = acct;
    await a.elbv2.send(new CreateLoadBalancerCommand({ Name: 'someone-elses-alb', Subnets: PUBLIC_SUBNETS, Tags: [{ Key: 'gateway.k8s.aws.alb/stack', Value: 'example-ns/my-alb-gateway' }] }));
    await a.elbv2.send(new CreateTargetGroupCommand({ Name: 'someone-elses-tg', Protocol: 'HTTP', Port: 80, VpcId: SEED_VPC_ID }));
    await a.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'someone-elses-sg', Description: 'not ours', VpcId: SEED_VPC_ID }));
    const snapshot = () => {
      const s = a.emu.state;
      const lb = Object.values(s.elbv2.loadBalancers).find((l) => l.name === 'someone-elses-alb')!;
      const tg = Object.values(s.elbv2.targetGroups).find((t) => t.name === 'someone-elses-tg')!;
      const sg = Object.values(s.ec2.securityGroups).find((g) => g.groupName === 'someone-elses-sg')!;
      return JSON.stringify({ lb, tg, sg, lbTags: s.elbv2.tags[lb.arn], tgTags: s.elbv2.tags[tg.arn], listeners: Object.values(s.elbv2.listeners).filter((l) => l.loadBalancerArn === lb.arn) });
    };
    const before = snapshot();
    expect((await apply(a, [ALB], ['--prune'])).code).toBe(0);
    expect((await plan(a, [ALB], ['--prune'])).code).toBe(0);
    expect(snapshot()).toBe(before);
  });

  it('stops without a terminal unless --auto-approve', async () => {
    acct = await sandboxAccount();
    const r = await runCli(['apply', '-f', ALB, ...acct.flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no terminal to ask for approval; pass --auto-approve/);
    expect(Object.keys(acct.emu.state.elbv2.loadBalancers)).toHaveLength(0);
  });

  it('refuses a Gateway carrying the LBC finalizer unless --take-over', async () => {
    acct = await sandboxAccount();
    const dir = mkdtempSync(join(tmpdir(), 'gwlb-takeover-'));
    for (const f of ['gateway.yaml', 'routes.yaml', 'services.yaml']) {
      const text = readFileSync(join(ALB, f), 'utf8').replace(/(\n  name: my-alb-gateway\n  namespace: example-ns\n)/, '$1  finalizers: [gateway.k8s.aws/alb]\n');
      writeFileSync(join(dir, f), text);
    }
    const planned = await plan(acct, [dir]);
    expect(planned.code).toBe(2);
    expect(planned.stderr).toContain('Warning: gwlb apply would refuse this plan: an in-cluster AWS Load Balancer Controller manages example-ns/my-alb-gateway (finalizer gateway.k8s.aws/alb)');
    const refused = await apply(acct, [dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in-cluster AWS Load Balancer Controller manages example-ns\/my-alb-gateway/);
    expect(Object.keys(acct.emu.state.elbv2.loadBalancers)).toHaveLength(0);
    expect((await apply(acct, [dir], ['--take-over'])).code).toBe(0);
  });
});
