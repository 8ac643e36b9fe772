import {
  CreateRuleCommand,
  DeleteRuleCommand,
  DescribeRulesCommand,
  ModifyRuleCommand,
  SetRulePrioritiesCommand,
  type RuleCondition,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import { alb, forward, httpListener, targetGroup } from './fixtures.js';
import { failure, useEmulator } from './helpers.js';

const h = useEmulator();
let listener = '';
let tg = '';
let defaultRule = '';

beforeAll(async () => {
  tg = await targetGroup(h.elbv2, 'rules-tg');
  listener = await httpListener(h.elbv2, await alb(h.elbv2, 'rules-lb'), tg);
  defaultRule = (await h.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener }))).Rules![0]!.RuleArn!;
});

const host = (...values: string[]): RuleCondition => ({ Field: 'host-header', HostHeaderConfig: { Values: values } });
const rule = (priority: number, conditions: RuleCondition[] = [host(`p${priority}.example.com`)]) =>
  h.elbv2.send(new CreateRuleCommand({ ListenerArn: listener, Priority: priority, Conditions: conditions, Actions: forward(tg) }));

describe('CreateRule', () => {
  it('returns the priority as a string and echoes both condition forms', async () => {
    const out = await h.elbv2.send(
      new CreateRuleCommand({
        ListenerArn: listener,
        Priority: 10,
        Conditions: [host('echo.example.com'), { Field: 'path-pattern', Values: ['/api/*'] }, { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['dev'] } }],
        Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'nope' } }],
        Tags: [{ Key: 'route', Value: 'echo' }],
      }),
    );
    const r = out.Rules![0]!;
    expect(r.RuleArn).toMatch(/:listener-rule\/app\/rules-lb\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    expect(r).toMatchObject({ Priority: '10', IsDefault: false });
    expect(r.Conditions).toEqual([
      { Field: 'host-header', Values: ['echo.example.com'], HostHeaderConfig: { Values: ['echo.example.com'] } },
      { Field: 'path-pattern', Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } },
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['dev'] } },
    ]);
    expect(r.Actions).toEqual([{ Type: 'fixed-response', Order: 1, FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'nope' } }]);
  });

  it('forwards to weighted target groups, at most 5 per action', async () => {
    const groups = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => targetGroup(h.elbv2, `weight-tg-${i}`)));
    const weighted = await h.elbv2.send(
      new CreateRuleCommand({ ListenerArn: listener, Priority: 20, Conditions: [host('w.example.com')], Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: groups.slice(0, 2).map((TargetGroupArn) => ({ TargetGroupArn, Weight: 50 })) } }] }),
    );
    expect(weighted.Rules![0]!.Actions![0]).toEqual({ Type: 'forward', Order: 1, ForwardConfig: { TargetGroups: groups.slice(0, 2).map((TargetGroupArn) => ({ TargetGroupArn, Weight: 50 })), TargetGroupStickinessConfig: { Enabled: false } } });
    const tooMany = await failure(
      h.elbv2.send(new CreateRuleCommand({ ListenerArn: listener, Priority: 21, Conditions: [host('x.example.com')], Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: groups.map((TargetGroupArn) => ({ TargetGroupArn })) } }] })),
    );
    expect(tooMany.name).toBe('TooManyTargetGroupsException');
  });

  it('returns the real errors for priorities, conditions and listeners', async () => {
    await rule(30);
    expect(await failure(rule(30))).toMatchObject({ name: 'PriorityInUseException', message: "Priority '30' is currently in use" });
    expect((await failure(rule(50001))).name).toBe('ValidationError');
    expect(await failure(rule(31, [host('a.example.com', 'b.example.com', 'c.example.com'), { Field: 'path-pattern', PathPatternConfig: { Values: ['/a', '/b', '/c'] } }]))).toMatchObject({
      name: 'ValidationError',
      message: "A rule can only have '5' condition values",
    });
    expect((await failure(rule(32, [{ Field: 'cookie', Values: ['x'] }]))).message).toBe("Condition field 'cookie' must be one of '[path-pattern,host-header,http-header,http-request-method,query-string,source-ip]'");
    expect((await failure(rule(33, [{ Field: 'host-header', Values: ['a.example.com', 'b.example.com'] }]))).message).toBe("The 'host-header' field contains too many values; the limit is '1'");
    expect((await failure(rule(34, [{ Field: 'http-header', Values: ['x'] }]))).message).toBe("The 'Values' field is not compatible with 'http-header'");
    expect((await failure(rule(35, [host('a.example.com'), host('b.example.com')]))).name).toBe('ValidationError');
    const missing = listener.replace(/[0-9a-f]{16}$/, '0123456789abcdef');
    expect((await failure(h.elbv2.send(new CreateRuleCommand({ ListenerArn: missing, Priority: 1, Conditions: [host('a.example.com')], Actions: forward(tg) })))).name).toBe('ListenerNotFoundException');
    const auth = await failure(h.elbv2.send(new CreateRuleCommand({ ListenerArn: listener, Priority: 36, Conditions: [host('a.example.com')], Actions: [{ Type: 'authenticate-cognito', Order: 1, AuthenticateCognitoConfig: { UserPoolArn: 'arn:aws:cognito-idp:us-west-2:123456789012:userpool/x', UserPoolClientId: 'c', UserPoolDomain: 'd' } }, { Type: 'forward', Order: 2, TargetGroupArn: tg }] })));
    expect(auth.name).toBe('InvalidLoadBalancerActionException');
  });
});

describe('DescribeRules', () => {
  it('lists by listener with the default rule last, pages, and reports unknown rules', async () => {
    const all = (await h.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener }))).Rules!;
    expect(all[all.length - 1]).toMatchObject({ Priority: 'default', IsDefault: true });
    const priorities = all.slice(0, -1).map((r) => Number(r.Priority));
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    const first = await h.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener, PageSize: 2 }));
    expect(first.Rules).toHaveLength(2);
    const second = await h.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener, PageSize: 2, Marker: first.NextMarker }));
    expect(second.Rules![0]!.RuleArn).toBe(all[2]!.RuleArn);
    expect((await failure(h.elbv2.send(new DescribeRulesCommand({})))).message).toBe('You must specify either listener rule ARNs or a listener ARN');
    expect((await failure(h.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener, RuleArns: [defaultRule] })))).message).toBe('Listener rule ARNs and a listener ARN cannot be specified at the same time');
    expect((await failure(h.elbv2.send(new DescribeRulesCommand({ RuleArns: [defaultRule.replace(/[0-9a-f]{16}$/, '0123456789abcdef')] })))).name).toBe('RuleNotFoundException');
  });
});

describe('ModifyRule, DeleteRule, SetRulePriorities', () => {
  it('modifies conditions and actions; the default rule keeps its conditions and cannot be deleted', async () => {
    const r = (await rule(40)).Rules![0]!.RuleArn!;
    const out = await h.elbv2.send(new ModifyRuleCommand({ RuleArn: r, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/v2/*'] } }] }));
    expect(out.Rules![0]!.Conditions).toEqual([{ Field: 'path-pattern', Values: ['/v2/*'], PathPatternConfig: { Values: ['/v2/*'] } }]);
    expect((await failure(h.elbv2.send(new ModifyRuleCommand({ RuleArn: r })))).message).toBe('Either conditions or actions must be specified');
    expect((await failure(h.elbv2.send(new ModifyRuleCommand({ RuleArn: defaultRule, Conditions: [host('a.example.com')] })))).name).toBe('OperationNotPermittedException');
    expect((await failure(h.elbv2.send(new DeleteRuleCommand({ RuleArn: defaultRule })))).name).toBe('OperationNotPermittedException');
    await h.elbv2.send(new DeleteRuleCommand({ RuleArn: r }));
    expect((await failure(h.elbv2.send(new DeleteRuleCommand({ RuleArn: r })))).name).toBe('RuleNotFoundException');
  });

  it('judges priorities on the final order, so a swap is legal', async () => {
    const a = (await rule(100)).Rules![0]!.RuleArn!;
    const b = (await rule(101)).Rules![0]!.RuleArn!;
    const out = await h.elbv2.send(new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: a, Priority: 101 }, { RuleArn: b, Priority: 100 }] }));
    expect(out.Rules!.map((r) => [r.RuleArn, r.Priority])).toEqual([[a, '101'], [b, '100']]);
    expect((await failure(h.elbv2.send(new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: a, Priority: 10 }] })))).name).toBe('PriorityInUseException');
    expect((await failure(h.elbv2.send(new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: a, Priority: 200 }, { RuleArn: b, Priority: 200 }] })))).message).toBe("Priority '200' was provided multiple times");
    expect((await failure(h.elbv2.send(new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: defaultRule, Priority: 5 }] })))).name).toBe('OperationNotPermittedException');
  });

  it('stops at 100 rules per load balancer with TooManyRules', async () => {
    const lbTg = await targetGroup(h.elbv2, 'quota-rules-tg');
    const l = await httpListener(h.elbv2, await alb(h.elbv2, 'quota-rules-lb'), lbTg);
    for (let p = 1; p <= 100; p++) await h.elbv2.send(new CreateRuleCommand({ ListenerArn: l, Priority: p, Conditions: [host(`q${p}.example.com`)], Actions: forward(lbTg) }));
    const err = await failure(h.elbv2.send(new CreateRuleCommand({ ListenerArn: l, Priority: 101, Conditions: [host('over.example.com')], Actions: forward(lbTg) })));
    expect(err.name).toBe('TooManyRulesException');
  });
});
