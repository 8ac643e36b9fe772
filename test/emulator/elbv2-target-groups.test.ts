import {
  CreateTargetGroupCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { SEED_VPC_ID } from '../../src/emulator/index.js';
import { alb, httpListener, targetGroup } from './fixtures.js';
import { AuthorizeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { DEFAULT_SG, NODE_INSTANCES, NODE_SG, failure, useEmulator } from './helpers.js';

const h = useEmulator();

describe('CreateTargetGroup', () => {
  it('returns the AWS defaults for an HTTP target group', async () => {
    const out = await h.elbv2.send(new CreateTargetGroupCommand({ Name: 'shape-tg', Protocol: 'HTTP', Port: 80, VpcId: SEED_VPC_ID, HealthCheckPath: '/healthz', TargetType: 'ip' }));
    expect(out.TargetGroups![0]).toMatchObject({
      TargetGroupName: 'shape-tg',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: SEED_VPC_ID,
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      HealthCheckPath: '/healthz',
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: [],
      TargetType: 'ip',
      ProtocolVersion: 'HTTP1',
      IpAddressType: 'ipv4',
    });
    expect(out.TargetGroups![0]!.TargetGroupArn).toMatch(/:targetgroup\/shape-tg\/[0-9a-f]{16}$/);
  });

  it('uses TCP health checks for NLB target groups', async () => {
    const out = await h.elbv2.send(new CreateTargetGroupCommand({ Name: 'shape-tcp', Protocol: 'TCP', Port: 443, VpcId: SEED_VPC_ID }));
    expect(out.TargetGroups![0]).toMatchObject({ HealthCheckProtocol: 'TCP', HealthCheckTimeoutSeconds: 10, TargetType: 'instance' });
    expect(out.TargetGroups![0]!.Matcher).toBeUndefined();
  });

  it('is idempotent with identical settings and fails with different ones', async () => {
    const arn = await targetGroup(h.elbv2, 'idem-tg');
    expect(await targetGroup(h.elbv2, 'idem-tg')).toBe(arn);
    const err = await failure(h.elbv2.send(new CreateTargetGroupCommand({ Name: 'idem-tg', Protocol: 'HTTP', Port: 8080, VpcId: SEED_VPC_ID, TargetType: 'ip' })));
    expect(err).toMatchObject({ name: 'DuplicateTargetGroupNameException', message: "A target group with the same name 'idem-tg' exists, but with different settings" });
  });

  it.each([
    [{ Name: 'a--b', Protocol: 'HTTP', Port: 80, VpcId: SEED_VPC_ID }, 'consecutive hyphens'],
    [{ Name: 'x'.repeat(33), Protocol: 'HTTP', Port: 80, VpcId: SEED_VPC_ID }, "cannot be longer than '32' characters"],
    [{ Name: 'no-protocol', Port: 80, VpcId: SEED_VPC_ID }, 'A protocol must be specified'],
    [{ Name: 'no-port', Protocol: 'HTTP', VpcId: SEED_VPC_ID }, 'A port must be specified'],
    [{ Name: 'no-vpc', Protocol: 'HTTP', Port: 80 }, 'A VPC ID must be specified'],
    [{ Name: 'ghost-vpc', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-0123456789abcdef0' }, "The VPC ID 'vpc-0123456789abcdef0' is not found"],
    [{ Name: 'slow-hc', Protocol: 'HTTP', Port: 80, VpcId: SEED_VPC_ID, HealthCheckTimeoutSeconds: 6, HealthCheckIntervalSeconds: 5 }, "Health check timeout '6' must be smaller than the interval '5'"],
    [{ Name: 'low-iv', Protocol: 'HTTP', Port: 80, VpcId: SEED_VPC_ID, HealthCheckIntervalSeconds: 1 }, "Value '1' at 'healthCheckIntervalSeconds'"],
    [{ Name: 'tcp-hc', Protocol: 'HTTP', Port: 80, VpcId: SEED_VPC_ID, HealthCheckProtocol: 'TCP' }, "Health check protocol 'TCP' is not supported"],
  ] as const)('rejects %j with ValidationError', async (input, text) => {
    const err = await failure(h.elbv2.send(new CreateTargetGroupCommand(input as never)));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toContain(text);
  });
});

describe('DescribeTargetGroups', () => {
  it('filters by names, ARNs or load balancer, one at a time', async () => {
    const a = await targetGroup(h.elbv2, 'desc-a');
    const byName = await h.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['desc-a'] }));
    expect(byName.TargetGroups!.map((t) => t.TargetGroupArn)).toEqual([a]);
    const lb = await alb(h.elbv2, 'desc-lb');
    await httpListener(h.elbv2, lb, a);
    const byLb = await h.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lb }));
    expect(byLb.TargetGroups!.map((t) => [t.TargetGroupArn, t.LoadBalancerArns])).toEqual([[a, [lb]]]);
    const both = await failure(h.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['desc-a'], TargetGroupArns: [a] })));
    expect(both).toMatchObject({ name: 'ValidationError', message: 'Target group names, target group ARNs, and a load balancer ARN cannot be specified at the same time' });
    expect(await failure(h.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['nope'] })))).toMatchObject({ name: 'TargetGroupNotFoundException', message: 'One or more target groups not found' });
    expect((await failure(h.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [a.replace(/[0-9a-f]{16}$/, '0123456789abcdef')] })))).name).toBe('TargetGroupNotFoundException');
    expect((await failure(h.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lb.replace(/[0-9a-f]{16}$/, '0123456789abcdef') })))).name).toBe('LoadBalancerNotFoundException');
  });

  it('pages across several pages', async () => {
    for (let i = 0; i < 5; i++) await targetGroup(h.elbv2, `page-tg-${i}`);
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await h.elbv2.send(new DescribeTargetGroupsCommand({ PageSize: 2, Marker: marker }));
      seen.push(...page.TargetGroups!.map((t) => t.TargetGroupName!));
      marker = page.NextMarker;
      pages += 1;
    } while (marker);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(expect.arrayContaining(['page-tg-0', 'page-tg-4']));
  });
});

describe('ModifyTargetGroup and attributes', () => {
  it('changes health checks only', async () => {
    const arn = await targetGroup(h.elbv2, 'mod-tg');
    const out = await h.elbv2.send(new ModifyTargetGroupCommand({ TargetGroupArn: arn, HealthCheckPath: '/ready', Matcher: { HttpCode: '200-299' }, HealthCheckIntervalSeconds: 10 }));
    expect(out.TargetGroups![0]).toMatchObject({ HealthCheckPath: '/ready', Matcher: { HttpCode: '200-299' }, HealthCheckIntervalSeconds: 10, Port: 80 });
    expect((await failure(h.elbv2.send(new ModifyTargetGroupCommand({ TargetGroupArn: arn, HealthCheckEnabled: false })))).name).toBe('InvalidConfigurationRequestException');
  });

  it('describes and modifies attributes with validation', async () => {
    const arn = await targetGroup(h.elbv2, 'attr-tg');
    const attrs = (await h.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))).Attributes!;
    expect(attrs).toEqual(expect.arrayContaining([{ Key: 'deregistration_delay.timeout_seconds', Value: '300' }, { Key: 'stickiness.type', Value: 'lb_cookie' }]));
    const out = await h.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }] }));
    expect(out.Attributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '30' });
    const range = await failure(h.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '4000' }] })));
    expect(range).toMatchObject({ name: 'ValidationError', message: "'deregistration_delay.timeout_seconds' value '4000' must be between '0-3600' inclusive" });
    const sticky = await failure(h.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: [{ Key: 'stickiness.type', Value: 'source_ip' }] })));
    expect(sticky.name).toBe('InvalidConfigurationRequestException');
  });
});

describe('DeleteTargetGroup', () => {
  it('refuses a target group still used by a listener with ResourceInUse', async () => {
    const tg = await targetGroup(h.elbv2, 'inuse-tg');
    await httpListener(h.elbv2, await alb(h.elbv2, 'inuse-lb'), tg);
    const err = await failure(h.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: tg })));
    expect(err).toMatchObject({ name: 'ResourceInUseException', message: `Target group '${tg}' is currently in use by a listener or a rule` });
    const free = await targetGroup(h.elbv2, 'free-tg');
    await h.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: free }));
    expect((await failure(h.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [free] })))).name).toBe('TargetGroupNotFoundException');
  });
});

describe('targets and health', () => {
  it('reports unused targets until a listener uses the group, then initial and healthy', async () => {
    const tg = await targetGroup(h.elbv2, 'health-tg');
    await h.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.0.128.50' }, { Id: '10.0.128.51', Port: 8080 }] }));
    const unused = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(unused.TargetHealthDescriptions!.map((d) => [d.Target!.Id, d.Target!.Port, d.TargetHealth!.State, d.TargetHealth!.Reason])).toEqual([
      ['10.0.128.50', 80, 'unused', 'Target.NotInUse'],
      ['10.0.128.51', 8080, 'unused', 'Target.NotInUse'],
    ]);
    await httpListener(h.elbv2, await alb(h.elbv2, 'health-lb'), tg);
    // The pod ENIs carry the node SG; healthy needs it to admit the ALB's (default) SG on port 80
    // (elbv2-targets-health.test.ts covers the unhealthy side).
    await h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: NODE_SG, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: DEFAULT_SG }] }] }));
    const first = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(first.TargetHealthDescriptions![0]!.TargetHealth).toMatchObject({ State: 'initial', Reason: 'Elb.RegistrationInProgress' });
    const second = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(second.TargetHealthDescriptions![0]!.TargetHealth).toEqual({ State: 'healthy' });
    const notRegistered = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.0.128.99' }] }));
    expect(notRegistered.TargetHealthDescriptions![0]!.TargetHealth).toMatchObject({ State: 'unused', Reason: 'Target.NotRegistered' });
    // Without the port override the deregistration silently does nothing (aws-api-facts.md §0.13).
    await h.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.0.128.51' }] }));
    expect((await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }))).TargetHealthDescriptions).toHaveLength(2);
    await h.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.0.128.51', Port: 8080 }] }));
    const draining = await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(draining.TargetHealthDescriptions!.find((d) => d.Target!.Port === 8080)!.TargetHealth).toMatchObject({ State: 'draining', Reason: 'Target.DeregistrationInProgress' });
    expect((await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }))).TargetHealthDescriptions).toHaveLength(1);
  });

  it('registers running instances and rejects bad targets with InvalidTarget', async () => {
    const tg = await targetGroup(h.elbv2, 'inst-tg', { TargetType: 'instance' });
    await h.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: NODE_INSTANCES.map((Id) => ({ Id, Port: 30080 })) }));
    expect((await h.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }))).TargetHealthDescriptions).toHaveLength(3);
    expect((await failure(h.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: 'i-0123456789abcdef0' }] })))).name).toBe('InvalidTargetException');
    const ipTg = await targetGroup(h.elbv2, 'ip-tg');
    expect((await failure(h.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: ipTg, Targets: [{ Id: '8.8.8.8' }] })))).name).toBe('InvalidTargetException');
    expect((await failure(h.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg.replace(/[0-9a-f]{16}$/, '0123456789abcdef'), Targets: [{ Id: '10.0.0.1' }] })))).name).toBe('TargetGroupNotFoundException');
  });
});
