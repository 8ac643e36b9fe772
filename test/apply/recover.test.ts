/**
 * recover.ts against the emulator: after a create's answer is lost, the retry's Duplicate* /
 * PriorityInUse error leads to the resource the first attempt made — adopted only when it is
 * provably ours; anything else rethrows the original error, as an apply without recovery would.
 * The errors here are real ones, from sending the same create a second time.
 */
import { CreateSecurityGroupCommand, type CreateSecurityGroupCommandInput } from '@aws-sdk/client-ec2';
import { CreateListenerCommand, CreateRuleCommand, CreateTargetGroupCommand, type CreateRuleCommandInput } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAws, type AwsConnection } from '../../src/aws/clients.js';
import { adoptListener, adoptRule, adoptSecurityGroup, adoptTargetGroup, authorizeIngress, revokeIngress } from '../../src/apply/recover.js';
import { SEED_VPC_ID, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { ListenerRuleSpec } from '../../src/model/stack.js';
import { alb, targetGroup } from '../emulator/fixtures.js';

let emu: RunningEmulator;
let conn: AwsConnection;
beforeAll(async () => {
  emu = await startEmulator({ seed: true });
  emu.controls.setLifecycle({ describesUntilActive: 0 });
  conn = await connectAws({ kind: 'endpoint', url: emu.endpoint }, { maxAttempts: 1 });
});
afterAll(async () => {
  await conn.close();
  await emu.close();
});

const PREFIX = 'gateway.k8s.aws.alb';
const tracking = (resource: string, stack = 'ns/gw') => [
  { Key: 'elbv2.k8s.aws/cluster', Value: 'sandbox' },
  { Key: `${PREFIX}/stack`, Value: stack },
  { Key: `${PREFIX}/resource`, Value: resource },
];

/** The error of a call expected to fail. */
async function errorOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('expected the call to fail'),
    (err: unknown) => err,
  );
}

describe('security groups', () => {
  const input = (name: string, stack?: string): CreateSecurityGroupCommandInput => ({
    GroupName: name,
    Description: 'd',
    VpcId: SEED_VPC_ID,
    TagSpecifications: [{ ResourceType: 'security-group', Tags: tracking('ManagedLBSecurityGroup', stack) }],
  });

  it('adopts the group our lost create made, and rethrows for a look-alike', async () => {
    const made = await conn.ec2.send(new CreateSecurityGroupCommand(input('recover-sg-1')));
    const dup = await errorOf(conn.ec2.send(new CreateSecurityGroupCommand(input('recover-sg-1'))));
    expect(await adoptSecurityGroup(conn, dup, input('recover-sg-1'))).toEqual({ GroupId: made.GroupId });
    // The same name, tagged for another stack or not tagged at all: not ours.
    await expect(adoptSecurityGroup(conn, dup, input('recover-sg-1', 'other/gw'))).rejects.toBe(dup);
    await conn.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'recover-sg-2', Description: 'd', VpcId: SEED_VPC_ID }));
    const foreign = await errorOf(conn.ec2.send(new CreateSecurityGroupCommand(input('recover-sg-2'))));
    await expect(adoptSecurityGroup(conn, foreign, input('recover-sg-2'))).rejects.toBe(foreign);
  });

  it('rethrows any other error unchanged', async () => {
    const other = Object.assign(new Error('boom'), { name: 'InternalError' });
    await expect(adoptSecurityGroup(conn, other, input('recover-sg-3'))).rejects.toBe(other);
  });

  it('treats InvalidPermission.Duplicate as done only when every permission is in place, NotFound on revoke when none is', async () => {
    const g = await conn.ec2.send(new CreateSecurityGroupCommand(input('recover-sg-4')));
    const http = { ipProtocol: 'tcp', fromPort: 80, toPort: 80, ipRanges: [{ cidrIP: '0.0.0.0/0' }] };
    const https = { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidrIP: '0.0.0.0/0' }] };
    await authorizeIngress(conn, g.GroupId!, [http]);
    await authorizeIngress(conn, g.GroupId!, [http]);
    // AWS refuses the whole call when one permission exists: 443 is still missing, so it fails.
    await expect(authorizeIngress(conn, g.GroupId!, [http, https])).rejects.toMatchObject({ name: 'InvalidPermission.Duplicate' });
    // A revoke whose answer was lost: the retry's InvalidPermission.NotFound means it is gone.
    await revokeIngress(conn, g.GroupId!, [http]);
    await revokeIngress(conn, g.GroupId!, [http]);
    expect(emu.controls.errorCount('InvalidPermission.Duplicate', 'AuthorizeSecurityGroupIngress')).toBe(2);
    expect(emu.controls.errorCount('InvalidPermission.NotFound', 'RevokeSecurityGroupIngress')).toBe(1);
  });
});

describe('target groups', () => {
  it('adopts a same-named group of ours in our VPC after DuplicateTargetGroupName, not a foreign one', async () => {
    const ours = { Name: 'recover-tg-1', Protocol: 'HTTP' as const, Port: 80, VpcId: SEED_VPC_ID, TargetType: 'ip' as const, Tags: tracking('ns/svc:80') };
    const arn = (await conn.elbv2.send(new CreateTargetGroupCommand(ours))).TargetGroups![0]!.TargetGroupArn;
    const changed = { ...ours, Port: 8080 };
    const dup = await errorOf(conn.elbv2.send(new CreateTargetGroupCommand(changed)));
    expect((await adoptTargetGroup(conn, dup, changed)).TargetGroups[0]!.TargetGroupArn).toBe(arn);
    await targetGroup(conn.elbv2, 'recover-tg-2');
    const foreign = { ...changed, Name: 'recover-tg-2' };
    const err = await errorOf(conn.elbv2.send(new CreateTargetGroupCommand(foreign)));
    await expect(adoptTargetGroup(conn, err, foreign)).rejects.toBe(err);
  });
});

describe('listeners and rules', () => {
  it('adopts the listener on the port, checking tags only when they were sent', async () => {
    const lb = await alb(conn.elbv2, 'recover-lb-1');
    const tg = await targetGroup(conn.elbv2, 'recover-tg-3');
    const first = { LoadBalancerArn: lb, Protocol: 'HTTP' as const, Port: 80, DefaultActions: [{ Type: 'forward' as const, TargetGroupArn: tg }] };
    const arn = (await conn.elbv2.send(new CreateListenerCommand(first))).Listeners![0]!.ListenerArn;
    const changed = { ...first, DefaultActions: [{ Type: 'fixed-response' as const, FixedResponseConfig: { StatusCode: '404' } }] };
    const dup = await errorOf(conn.elbv2.send(new CreateListenerCommand(changed)));
    expect((await adoptListener(conn, dup, changed)).Listeners[0]!.ListenerArn).toBe(arn);
    await expect(adoptListener(conn, dup, { ...changed, Tags: tracking('80') })).rejects.toBe(dup);
  });

  it('adopts the rule at the priority only if it is the rule we sent', async () => {
    const lb = await alb(conn.elbv2, 'recover-lb-2');
    const tg = await targetGroup(conn.elbv2, 'recover-tg-4');
    const listener = (await conn.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] }))).Listeners![0]!.ListenerArn!;
    const spec = (path: string): ListenerRuleSpec => ({
      listenerARN: listener,
      priority: 1,
      actions: [{ type: 'forward', forwardConfig: { targetGroups: [{ targetGroupARN: tg }] } }],
      conditions: [{ field: 'path-pattern', pathPatternConfig: { values: [path] } }],
    });
    const input = (path: string): CreateRuleCommandInput => ({
      ListenerArn: listener,
      Priority: 1,
      Actions: [{ Type: 'forward', Order: 1, ForwardConfig: { TargetGroups: [{ TargetGroupArn: tg }] } }],
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [path] } }],
    });
    const made = (await conn.elbv2.send(new CreateRuleCommand(input('/a')))).Rules![0]!.RuleArn;
    const dup = await errorOf(conn.elbv2.send(new CreateRuleCommand(input('/a'))));
    expect((await adoptRule(conn, dup, input('/a'), spec('/a'))).Rules[0]!.RuleArn).toBe(made);
    // Another rule holds the priority: the error stands.
    await expect(adoptRule(conn, dup, input('/b'), spec('/b'))).rejects.toBe(dup);
  });
});
