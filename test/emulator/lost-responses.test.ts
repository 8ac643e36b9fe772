/**
 * The `lose-response` failure: the call runs against the state, then the client gets a 500 or a
 * dropped connection. With the SDK's own retries the retry meets what the first attempt made,
 * which is how a lost response looks from a real AWS client.
 */
import { CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRuleCommand, DescribeRulesCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_VPC_ID } from '../../src/emulator/index.js';
import { alb, forward, httpListener, targetGroup } from './fixtures.js';
import { clientsFor, failure, useEmulator } from './helpers.js';

const h = useEmulator();
const controls = () => h.emulator.controls;
const lostCount = () => controls().failures().reduce((n, r) => n + r.failed, 0);

/** Clients that retry as gwlb's do (standard mode, several attempts). */
function retrying(): { elbv2: ElasticLoadBalancingV2Client; ec2: EC2Client } {
  const c = clientsFor(h.emulator.endpoint, { maxAttempts: 5 });
  c.acm.destroy();
  return { elbv2: c.elbv2, ec2: c.ec2 };
}

afterEach(() => {
  controls().clearFailures();
  controls().resetCounters();
});

describe('lose-response', () => {
  it('executes the call, then answers InternalFailure / 500', async () => {
    controls().addFailure({ action: 'CreateTargetGroup', error: { kind: 'lose-response' } });
    const err = await failure(targetGroup(h.elbv2, 'lost-tg-1'));
    expect(err).toMatchObject({ name: 'InternalFailure', status: 500, fault: 'server' });
    const found = await h.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['lost-tg-1'] }));
    expect(found.TargetGroups).toHaveLength(1);
    expect(lostCount()).toBe(1);
  });

  it('with via: reset, executes the call and drops the connection', async () => {
    controls().addFailure({ action: 'ec2:CreateSecurityGroup', error: { kind: 'lose-response', via: 'reset' } });
    await expect(h.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'lost-sg-reset', Description: 'x', VpcId: SEED_VPC_ID }))).rejects.toThrow();
    const found = await h.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['lost-sg-reset'] }] }));
    expect(found.SecurityGroups).toHaveLength(1);
  });

  it("is retried by the SDK, and the retry meets what the first attempt made", async () => {
    const { elbv2, ec2 } = retrying();
    try {
      controls().addFailure({ action: 'CreateSecurityGroup', error: { kind: 'lose-response' } });
      expect((await failure(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'lost-sg-1', Description: 'x', VpcId: SEED_VPC_ID })))).name).toBe('InvalidGroup.Duplicate');
      expect(controls().errorCount('InvalidGroup.Duplicate', 'ec2:CreateSecurityGroup')).toBe(1);

      const tg = await targetGroup(h.elbv2, 'lost-tg-2');
      const listener = await httpListener(h.elbv2, await alb(h.elbv2, 'lost-lb-1'), tg);
      controls().addFailure({ action: 'CreateRule', error: { kind: 'lose-response', via: 'reset' } });
      const rule = { ListenerArn: listener, Priority: 7, Actions: forward(tg), Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/x'] } }] };
      expect((await failure(elbv2.send(new CreateRuleCommand(rule)))).name).toBe('PriorityInUseException');
      const rules = await h.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener }));
      expect(rules.Rules?.filter((r) => r.Priority === '7')).toHaveLength(1);

      // CreateTargetGroup with the same settings is idempotent: the retry just succeeds.
      controls().addFailure({ action: 'CreateTargetGroup', error: { kind: 'lose-response' } });
      expect(await targetGroup(elbv2, 'lost-tg-3')).toBe(await targetGroup(h.elbv2, 'lost-tg-3'));
      expect(lostCount()).toBe(3);
    } finally {
      elbv2.destroy();
      ec2.destroy();
    }
  });

  it('loses a seeded share of write answers only, replayably', async () => {
    const pattern = async (seed: number) => {
      controls().addFailure({ writesOnly: true, chance: 0.3, seed, error: { kind: 'lose-response' } });
      const out: string[] = [];
      for (let i = 0; i < 40; i++) {
        out.push(await h.elbv2.send(new DescribeTargetGroupsCommand({})).then(() => 'read', (e: Error) => e.name));
        out.push(await targetGroup(h.elbv2, `lost-seeded-${seed}-${out.length}`).then(() => 'ok', (e: Error) => e.name));
      }
      const rule = controls().failures()[0]!;
      controls().clearFailures();
      return { out, seen: rule.seen, lost: rule.failed };
    };
    const first = await pattern(5);
    expect(first.out.filter((o) => o === 'read')).toHaveLength(40);
    expect(first.seen).toBe(40);
    expect(first.lost).toBeGreaterThan(4);
    expect(first.lost).toBeLessThan(25);
    expect(first.out.filter((o) => o === 'InternalFailure')).toHaveLength(first.lost);
    const again = await pattern(5);
    expect(again.out).toEqual(first.out);
  });

  it('is accepted over /_emulator/failures', async () => {
    const res = await fetch(`${h.emulator.endpoint}/_emulator/failures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ writesOnly: true, chance: 0.05, seed: 3, error: { kind: 'lose-response' } }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ writesOnly: true, error: { kind: 'lose-response' }, seen: 0, failed: 0 });
  });
});
