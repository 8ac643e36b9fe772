import {
  CreateListenerCommand,
  DescribeAccountLimitsCommand,
  DescribeListenerAttributesCommand,
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeSSLPoliciesCommand,
  ModifyRuleCommand,
  SetSubnetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { alb, forward, httpListener, nlb, targetGroup } from './fixtures.js';
import { PUBLIC_SUBNETS, failure, useEmulator } from './helpers.js';

const h = useEmulator();

describe('DescribeSSLPolicies and DescribeAccountLimits', () => {
  it('lists predefined policies and reports unknown ones', async () => {
    const out = await h.elbv2.send(new DescribeSSLPoliciesCommand({ Names: ['ELBSecurityPolicy-2016-08'] }));
    expect(out.SslPolicies![0]).toMatchObject({ Name: 'ELBSecurityPolicy-2016-08', SslProtocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2'] });
    expect((await failure(h.elbv2.send(new DescribeSSLPoliciesCommand({ Names: ['ELBSecurityPolicy-Nope'] })))).name).toBe('SSLPolicyNotFoundException');
    const paged = await h.elbv2.send(new DescribeSSLPoliciesCommand({ PageSize: 5 }));
    expect(paged.SslPolicies).toHaveLength(5);
    expect(paged.NextMarker).toBeTruthy();
  });

  it('reports the quotas the emulator enforces', async () => {
    const limits = (await h.elbv2.send(new DescribeAccountLimitsCommand({}))).Limits!;
    expect(limits).toContainEqual({ Name: 'condition-values-per-alb-rule', Max: '5' });
    expect(limits).toContainEqual({ Name: 'listeners-per-application-load-balancer', Max: '50' });
  });
});

describe('the default rule and the listener', () => {
  it('keeps the listener default actions and the default rule actions in step', async () => {
    const tg = await targetGroup(h.elbv2, 'step-tg');
    const other = await targetGroup(h.elbv2, 'step-tg2');
    const listener = await httpListener(h.elbv2, await alb(h.elbv2, 'step-lb'), tg);
    const defaultRule = (await h.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener }))).Rules![0]!.RuleArn!;
    await h.elbv2.send(new ModifyRuleCommand({ RuleArn: defaultRule, Actions: forward(other) }));
    const l = (await h.elbv2.send(new DescribeListenersCommand({ ListenerArns: [listener] }))).Listeners![0]!;
    expect(l.DefaultActions![0]!.TargetGroupArn).toBe(other);
  });
});

describe('network load balancers', () => {
  it('must keep their subnets and get the TCP idle timeout listener attribute', async () => {
    const lb = await nlb(h.elbv2, 'misc-nlb');
    const err = await failure(h.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: lb, Subnets: PUBLIC_SUBNETS.slice(0, 2) })));
    expect(err.name).toBe('InvalidConfigurationRequestException');
    const tg = await targetGroup(h.elbv2, 'misc-nlb-tg', { Protocol: 'TCP' });
    const listener = (await h.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'TCP', Port: 80, DefaultActions: forward(tg) }))).Listeners![0]!.ListenerArn!;
    expect((await h.elbv2.send(new DescribeListenerAttributesCommand({ ListenerArn: listener }))).Attributes).toEqual([{ Key: 'tcp.idle_timeout.seconds', Value: '350' }]);
    const udpTg = await targetGroup(h.elbv2, 'misc-udp-tg', { Protocol: 'UDP', HealthCheckProtocol: 'TCP' });
    expect((await failure(h.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'TCP', Port: 81, DefaultActions: forward(udpTg) })))).name).toBe('IncompatibleProtocolsException');
    const redirect = await failure(h.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'TCP', Port: 82, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] })));
    expect(redirect.name).toBe('InvalidLoadBalancerActionException');
  });
});
