/**
 * `EnablePrefixForIpv6SourceNat`: AWS reports it on every NLB (default `off`), never on an
 * ALB; `on` needs the dualstack IP address type; SetSubnets sets and returns it.
 */
import { CreateLoadBalancerCommand, DescribeLoadBalancersCommand, SetIpAddressTypeCommand, SetSubnetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import { alb, nlb } from './fixtures.js';
import { failure, PUBLIC_SUBNETS, useEmulator } from './helpers.js';

const h = useEmulator();

const describeOne = async (arn: string) => (await h.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers![0]!;

beforeAll(() => {
  // The seed has IPv4-only subnets; give the public ones IPv6 so dualstack NLBs can exist.
  PUBLIC_SUBNETS.forEach((id, i) => {
    h.emulator.state.ec2.subnets[id] = { ...h.emulator.state.ec2.subnets[id]!, ipv6CidrBlock: `2600:1f14:0:${i}00::/56` };
  });
});

describe('EnablePrefixForIpv6SourceNat', () => {
  it('is off on an NLB by default and absent on an ALB', async () => {
    const n = await nlb(h.elbv2, 'snat-default');
    expect((await describeOne(n)).EnablePrefixForIpv6SourceNat).toBe('off');
    const a = await alb(h.elbv2, 'snat-alb');
    expect((await describeOne(a)).EnablePrefixForIpv6SourceNat).toBeUndefined();
  });

  it('is kept from CreateLoadBalancer for a dualstack NLB and is idempotent only with the same value', async () => {
    const input = { Name: 'snat-on', Type: 'network' as const, Subnets: PUBLIC_SUBNETS, IpAddressType: 'dualstack' as const, EnablePrefixForIpv6SourceNat: 'on' as const };
    const created = (await h.elbv2.send(new CreateLoadBalancerCommand(input))).LoadBalancers![0]!;
    expect(created.EnablePrefixForIpv6SourceNat).toBe('on');
    expect((await describeOne(created.LoadBalancerArn!)).EnablePrefixForIpv6SourceNat).toBe('on');
    const again = await h.elbv2.send(new CreateLoadBalancerCommand(input));
    expect(again.LoadBalancers![0]!.LoadBalancerArn).toBe(created.LoadBalancerArn);
    expect((await failure(h.elbv2.send(new CreateLoadBalancerCommand({ ...input, EnablePrefixForIpv6SourceNat: 'off' })))).name).toBe('DuplicateLoadBalancerNameException');
    // Turning source NAT prefixes on pins the IP address type to dualstack.
    expect((await failure(h.elbv2.send(new SetIpAddressTypeCommand({ LoadBalancerArn: created.LoadBalancerArn, IpAddressType: 'ipv4' })))).name).toBe('InvalidConfigurationRequestException');
  });

  it('rejects on for an ipv4 NLB and for an ALB', async () => {
    const ipv4 = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'snat-ipv4', Type: 'network', Subnets: PUBLIC_SUBNETS, EnablePrefixForIpv6SourceNat: 'on' })));
    expect(ipv4.name).toBe('InvalidConfigurationRequestException');
    const onAlb = await failure(h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'snat-alb-on', Subnets: PUBLIC_SUBNETS, EnablePrefixForIpv6SourceNat: 'off' })));
    expect(onAlb.name).toBe('InvalidConfigurationRequestException');
  });

  it('is set and returned by SetSubnets', async () => {
    const n = (await h.elbv2.send(new CreateLoadBalancerCommand({ Name: 'snat-set', Type: 'network', Subnets: PUBLIC_SUBNETS, IpAddressType: 'dualstack' }))).LoadBalancers![0]!.LoadBalancerArn!;
    const same = await h.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: n, Subnets: PUBLIC_SUBNETS }));
    expect(same.EnablePrefixForIpv6SourceNat).toBe('off');
    const on = await h.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: n, Subnets: PUBLIC_SUBNETS, EnablePrefixForIpv6SourceNat: 'on' }));
    expect(on.EnablePrefixForIpv6SourceNat).toBe('on');
    expect((await describeOne(n)).EnablePrefixForIpv6SourceNat).toBe('on');
  });
});
