import {
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  ModifyLoadBalancerAttributesCommand,
  SetIpAddressTypeCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { SEED_VPC_ID } from '../../src/emulator/index.js';
import { alb, nlb } from './fixtures.js';
import { DEFAULT_SG, PRIVATE_SUBNETS, PUBLIC_SUBNETS, failure, useEmulator } from './helpers.js';

const h = useEmulator();

describe('CreateLoadBalancer', () => {
  it('returns the AWS shape with the VPC default security group for an ALB', async () => {
    const out = await h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'shape-alb', Subnets: PUBLIC_SUBNETS, Tags: [{ Key: 'team', Value: 'a' }] }));
    const lb = out.LoadBalancers![0]!;
    expect(lb.LoadBalancerArn).toMatch(/^arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer\/app\/shape-alb\/[0-9a-f]{16}$/);
    expect(lb.DNSName).toMatch(/^shape-alb-\d+\.us-west-2\.elb\.amazonaws\.com$/);
    expect(lb).toMatchObject({ LoadBalancerName: 'shape-alb', Scheme: 'internet-facing', Type: 'application', VpcId: SEED_VPC_ID, IpAddressType: 'ipv4', SecurityGroups: [DEFAULT_SG] });
    expect(lb.CreatedTime).toBeInstanceOf(Date);
    expect(lb.AvailabilityZones!.map((z) => z.ZoneName)).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
  });

  it('gives internal ALBs an internal- DNS name and NLBs the NLB DNS form without security groups', async () => {
    const internal = await h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'shape-int', Subnets: PRIVATE_SUBNETS, Scheme: 'internal' }));
    expect(internal.LoadBalancers![0]!.DNSName).toMatch(/^internal-shape-int-\d+\.us-west-2\.elb\.amazonaws\.com$/);
    const n = await h.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [await nlb(h.elbv2, 'shape-nlb')] }));
    expect(n.LoadBalancers![0]!.DNSName).toMatch(/^shape-nlb-[0-9a-f]{16}\.elb\.us-west-2\.amazonaws\.com$/);
    expect(n.LoadBalancers![0]!.SecurityGroups).toBeUndefined();
  });

  it('is idempotent for the same name and settings and rejects different settings', async () => {
    const first = await alb(h.elbv2, 'idem-alb');
    expect(await alb(h.elbv2, 'idem-alb')).toBe(first);
    const err = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'idem-alb', Subnets: PUBLIC_SUBNETS, Scheme: 'internal' })));
    expect(err).toMatchObject({ name: 'DuplicateLoadBalancerNameException', status: 400, message: "A load balancer with the same name 'idem-alb' exists, but with different settings" });
  });

  it.each([
    ['-lead', "cannot begin or end with '-'"],
    ['internal-x', "cannot begin with 'internal-'"],
    ['a'.repeat(33), "cannot be longer than '32'"],
    ['bad_name', 'alphanumeric characters or hyphens'],
  ])('rejects the name %s with ValidationError', async (name, text) => {
    const err = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: name, Subnets: PUBLIC_SUBNETS })));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toContain(text);
  });

  it('checks subnets and security groups against EC2', async () => {
    const one = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'one-az', Subnets: [PUBLIC_SUBNETS[0]!] })));
    expect(one).toMatchObject({ name: 'ValidationError', message: 'At least two subnets in two different Availability Zones must be specified' });
    const none = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'no-subnets', Subnets: [] })));
    expect(none.name).toBe('ValidationError');
    const missing = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'missing', Subnets: ['subnet-0123456789abcdef0', PUBLIC_SUBNETS[0]!] })));
    expect(missing.name).toBe('SubnetNotFoundException');
    const sameAz = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'same-az', Subnets: [PUBLIC_SUBNETS[0]!, PRIVATE_SUBNETS[0]!, PUBLIC_SUBNETS[1]!] })));
    expect(sameAz).toMatchObject({ name: 'InvalidConfigurationRequestException', message: 'A load balancer cannot be attached to multiple subnets in the same Availability Zone' });
    const sg = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'bad-sg', Subnets: PUBLIC_SUBNETS, SecurityGroups: ['sg-0123456789abcdef0'] })));
    expect(sg.name).toBe('InvalidSecurityGroupException');
  });

  it('validates enums with the real constraint message', async () => {
    const err = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'bad-ip', Subnets: PUBLIC_SUBNETS, IpAddressType: 'ipv5' as never })));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe("1 validation error detected: Value 'ipv5' at 'ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack, dualstack-without-public-ipv4]");
    const internal = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'int-dual', Subnets: PRIVATE_SUBNETS, Scheme: 'internal', IpAddressType: 'dualstack' })));
    expect(internal.name).toBe('InvalidConfigurationRequestException');
  });
});

describe('DescribeLoadBalancers', () => {
  it('moves a new load balancer from provisioning to active', async () => {
    h.emulator.controls.setLifecycle({ describesUntilActive: 2 });
    try {
      const arn = await alb(h.elbv2, 'lifecycle-alb');
      const states: string[] = [];
      for (let i = 0; i < 3; i++) states.push((await h.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers![0]!.State!.Code!);
      expect(states).toEqual(['provisioning', 'active', 'active']);
    } finally {
      h.emulator.controls.setLifecycle({ describesUntilActive: 0 });
    }
  });

  it('reports unknown names and ARNs as LoadBalancerNotFound and malformed ARNs as ValidationError', async () => {
    expect(await failure(h.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['nope', 'nada'] })))).toMatchObject({ name: 'LoadBalancerNotFoundException', message: "Load balancers '[nope, nada]' not found" });
    const unknown = 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/ghost/0123456789abcdef';
    expect((await failure(h.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [unknown] })))).name).toBe('LoadBalancerNotFoundException');
    expect(await failure(h.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: ['not-an-arn'] })))).toMatchObject({ name: 'ValidationError', message: "'not-an-arn' must be in ARN format" });
  });

  it('pages with Marker/PageSize across several pages', async () => {
    for (let i = 0; i < 5; i++) await alb(h.elbv2, `page-alb-${i}`);
    const first = await h.elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 2 }));
    expect(first.LoadBalancers).toHaveLength(2);
    expect(first.NextMarker).toBeTruthy();
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeLoadBalancers({ client: h.elbv2 }, { PageSize: 2 })) {
      pages += 1;
      names.push(...page.LoadBalancers!.map((lb) => lb.LoadBalancerName!));
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(names).toEqual(expect.arrayContaining(['page-alb-0', 'page-alb-1', 'page-alb-2', 'page-alb-3', 'page-alb-4']));
    expect(new Set(names).size).toBe(names.length);
    expect((await failure(h.elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 401 })))).name).toBe('ValidationError');
    expect((await failure(h.elbv2.send(new DescribeLoadBalancersCommand({ Marker: 'garbage' })))).name).toBe('ValidationError');
  });
});

describe('DeleteLoadBalancer', () => {
  it('is idempotent and honours deletion protection', async () => {
    const arn = await alb(h.elbv2, 'delete-me');
    await h.elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }] }));
    expect((await failure(h.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn })))).name).toBe('OperationNotPermittedException');
    await h.elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'deletion_protection.enabled', Value: 'false' }] }));
    await h.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
    await h.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
    expect((await failure(h.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] })))).name).toBe('LoadBalancerNotFoundException');
  });
});

describe('SetSubnets, SetSecurityGroups, SetIpAddressType', () => {
  it('replaces subnets and security groups and answers with SecurityGroupIds', async () => {
    const arn = await alb(h.elbv2, 'set-alb');
    const subnets = await h.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: PUBLIC_SUBNETS.slice(0, 2) }));
    expect(subnets.AvailabilityZones!.map((z) => z.SubnetId)).toEqual(PUBLIC_SUBNETS.slice(0, 2));
    expect(subnets.IpAddressType).toBe('ipv4');
    const sg = await h.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'set-alb-sg', Description: 'lb', VpcId: SEED_VPC_ID }));
    const groups = await h.elbv2.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: [sg.GroupId!] }));
    expect(groups.SecurityGroupIds).toEqual([sg.GroupId]);
    expect((await failure(h.elbv2.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: ['sg-0123456789abcdef0'] })))).name).toBe('InvalidSecurityGroupException');
    expect((await failure(h.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: ['subnet-0123456789abcdef0', PUBLIC_SUBNETS[0]!] })))).name).toBe('SubnetNotFoundException');
    expect((await failure(h.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: [PUBLIC_SUBNETS[0]!, PRIVATE_SUBNETS[0]!] })))).name).toBe('InvalidConfigurationRequestException');
  });

  it('refuses security groups on an NLB created without them', async () => {
    const arn = await nlb(h.elbv2, 'set-nlb');
    expect((await failure(h.elbv2.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: [DEFAULT_SG] })))).name).toBe('InvalidConfigurationRequestException');
  });

  it('sets the IP address type, needing IPv6 subnets for dualstack', async () => {
    const arn = await alb(h.elbv2, 'ip-alb');
    expect((await h.elbv2.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: 'ipv4' }))).IpAddressType).toBe('ipv4');
    expect((await failure(h.elbv2.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: 'dualstack' })))).name).toBe('InvalidSubnetException');
    expect((await failure(h.elbv2.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: 'ipv9' as never })))).name).toBe('ValidationError');
  });
});

describe('load balancer attributes', () => {
  it('describes defaults, modifies and returns the full list, and rejects unknown keys and bad values', async () => {
    const arn = await alb(h.elbv2, 'attr-alb');
    const attrs = (await h.elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))).Attributes!;
    expect(attrs).toEqual(expect.arrayContaining([{ Key: 'idle_timeout.timeout_seconds', Value: '60' }, { Key: 'deletion_protection.enabled', Value: 'false' }]));
    const modified = await h.elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '120' }] }));
    expect(modified.Attributes).toHaveLength(attrs.length);
    expect(modified.Attributes).toContainEqual({ Key: 'idle_timeout.timeout_seconds', Value: '120' });
    expect((await failure(h.elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'tcp.nonsense', Value: '1' }] })))).name).toBe('InvalidConfigurationRequestException');
    expect((await failure(h.elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '5000' }] })))).name).toBe('ValidationError');
  });
});

describe('quotas', () => {
  it('stops at 50 application load balancers with TooManyLoadBalancers', async () => {
    const existing = (await h.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers!.filter((lb) => lb.Type === 'application').length;
    for (let i = existing; i < 50; i++) await alb(h.elbv2, `quota-${i}`);
    expect((await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'quota-over', Subnets: PUBLIC_SUBNETS })))).name).toBe('TooManyLoadBalancersException');
  });
});
