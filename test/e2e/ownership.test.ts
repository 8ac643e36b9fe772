/**
 * Ownership aborts (issue 14 item 1), as LBC's synthesizers enforce them: a load balancer, target
 * group or security group with this cluster's and stack's tags but no resource tag makes plan and
 * apply fail for that stack with LBC's reason, and nothing in the stack is written or deleted —
 * with or without --prune.
 */
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, CreateTargetGroupCommand, RemoveTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_VPC_ID } from '../../src/emulator/index.js';
import { ROOT } from '../cli/run-cli.js';
import { CLUSTER, runCliInProcess, sandboxAccount, type Account, writeCount } from './harness.js';

const ALB = join(ROOT, 'examples', 'alb-http-https');
const NLB = join(ROOT, 'examples', 'nlb-tcp');
const STACK = 'example-ns/my-alb-gateway';
const PUBLIC_SUBNETS = ['subnet-0a5e0000000000010', 'subnet-0a5e0000000000011'];

const writes = writeCount;

const cli = (acct: Account, cmd: 'plan' | 'apply', files: readonly string[], extra: readonly string[] = []) =>
  runCliInProcess([cmd, ...(cmd === 'apply' ? ['--auto-approve'] : ['--detailed-exitcode']), ...files.flatMap((f) => ['-f', f]), ...acct.flags, ...extra]);

describe('ownership aborts', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('a live ALB whose resource tag was removed: plan and apply exit 1 naming it, and nothing is written', async () => {
    acct = await sandboxAccount();
    const a = acct;
    expect((await cli(a, 'apply', [ALB])).code).toBe(0);
    const lb = Object.values(a.emu.state.elbv2.loadBalancers)[0]!;
    await a.elbv2.send(new RemoveTagsCommand({ ResourceArns: [lb.arn], TagKeys: ['gateway.k8s.aws.alb/resource'] }));
    const before = JSON.stringify(a.emu.state);
    a.emu.controls.resetCounters();

    const planned = await cli(a, 'plan', [ALB]);
    expect(planned.code).toBe(1);
    expect(planned.stdout).toContain(`unexpected loadBalancer with no resourceID: ${lb.arn}`);
    expect(planned.stdout).toContain(`Key=gateway.k8s.aws.alb/resource,Value=LoadBalancer`);
    expect(planned.stdout).toContain('Planning failed.');

    for (const extra of [[], ['--prune']]) {
      const applied = await cli(a, 'apply', [ALB], extra);
      expect(applied.code).toBe(1);
      expect(applied.stdout).toContain(`unexpected loadBalancer with no resourceID: ${lb.arn}`);
      expect(applied.stderr).toContain(`Gateway ${STACK} was not applied`);
    }
    // Another Gateway in the same run is still applied (LBC reconciles Gateways independently).
    const both = await cli(a, 'apply', [ALB, NLB]);
    expect(both.code).toBe(1);
    expect(Object.values(a.emu.state.elbv2.loadBalancers).map((l) => l.type).sort()).toEqual(['application', 'network']);
    expect(a.emu.state.elbv2.loadBalancers[lb.arn]).toEqual(JSON.parse(before).elbv2.loadBalancers[lb.arn]);
  });

  it('hand-made LB, TG and SG with only the cluster and stack tags survive apply and --prune', async () => {
    acct = await sandboxAccount();
    const a = acct;
    const tags = (stack: string) => [{ Key: 'elbv2.k8s.aws/cluster', Value: CLUSTER }, { Key: 'gateway.k8s.aws.alb/stack', Value: stack }];
    // One set for the Gateway in the input, one for a Gateway that is not (an orphan under --prune).
    for (const [suffix, stack] of [['in', STACK], ['orphan', 'other-ns/gone']] as const) {
      await a.elbv2.send(new CreateLoadBalancerCommand({ Name: `hand-made-${suffix}`, Subnets: PUBLIC_SUBNETS, Tags: tags(stack) }));
      await a.elbv2.send(new CreateTargetGroupCommand({ Name: `hand-made-${suffix}`, Protocol: 'HTTP', Port: 80, VpcId: SEED_VPC_ID, Tags: tags(stack) }));
      await a.ec2.send(new CreateSecurityGroupCommand({ GroupName: `hand-made-${suffix}`, Description: 'hand-made', VpcId: SEED_VPC_ID, TagSpecifications: [{ ResourceType: 'security-group', Tags: tags(stack) }] }));
    }
    const before = JSON.stringify(a.emu.state);
    a.emu.controls.resetCounters();

    const applied = await cli(a, 'apply', [ALB], ['--prune']);
    expect(applied.code).toBe(1);
    for (const kind of ['loadBalancer', 'targetGroup', 'securityGroup']) expect(applied.stdout).toContain(`unexpected ${kind} with no resourceID`);
    expect(applied.stderr).toMatch(/Gateways example-ns\/my-alb-gateway, other-ns\/gone were not applied|Gateways other-ns\/gone, example-ns\/my-alb-gateway were not applied/);
    expect(writes(a)).toBe(0);
    expect(JSON.stringify(a.emu.state)).toBe(before);
  });
});
