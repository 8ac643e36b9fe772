import { describe, expect, it } from 'vitest';
import type { SubnetFacts } from '../../src/model/index.js';
import { buildLb, factsWith, FOO_SUBNETS, fooConfigs, mappingField, named } from './subnet-fixtures.js';

// pkg/gateway/model/model_build_subnet_test.go. Subnets are named like the Go cases' (`foo`,
// `bar`) through their Name tags; the IDs are chosen so that `foo` sorts after `bar`, which shows
// when an order is the configuration's and when it is the resolver's (by subnet ID).
const FOO = named('foo', 'subnet-0f', 'us-east-1a', '10.0.1.0/24', '2600:1f13:837:8501::/64');
const BAR = named('bar', 'subnet-0b', 'us-east-1b', '10.0.2.0/24', '2600:1f13:837:8502::/64');

describe('model_build_subnet_test.go Test_NewSubnetModelBuilder', () => {
  // Go counts the mutators wired per LB type (NLB 4, ALB 0); what shows of that is that an NLB's
  // mappings carry all four fields and an ALB's carry only subnet IDs.
  it('model_build_subnet_test.go Test_NewSubnetModelBuilder', () => {
    const facts = factsWith(FOO_SUBNETS);
    const cfgs = [1, 2, 3].map((i) => ({ identifier: `foo${i}`, privateIPv4Allocation: `10.0.${i}.9`, ipv6Allocation: `2600:1f13:837:850${i}::9`, sourceNatIPv6Prefix: 'auto_assigned' }));
    const nlb = buildLb('nlb', { scheme: 'internal', ipAddressType: 'dualstack', loadBalancerSubnets: cfgs }, { facts });
    expect(nlb.errors).toEqual([]);
    expect(nlb.lb?.['subnetMapping']).toEqual(
      [1, 2, 3].map((i) => ({ privateIPv4Address: `10.0.${i}.9`, ipv6Address: `2600:1f13:837:850${i}::9`, sourceNatIpv6Prefix: 'auto_assigned', subnetID: `subnet-0${i}` })),
    );
    const eip = buildLb('nlb', { scheme: 'internet-facing', loadBalancerSubnets: fooConfigs('eipAllocation', ['eipalloc-1', 'eipalloc-2', 'eipalloc-3']) }, { facts });
    expect(mappingField(eip.lb, 'allocationID')).toEqual(['eipalloc-1', 'eipalloc-2', 'eipalloc-3']);
    const alb = buildLb('alb', { loadBalancerSubnets: fooConfigs() }, { facts });
    expect(alb.errors).toEqual([]);
    expect(alb.lb?.['subnetMapping']).toEqual([{ subnetID: 'subnet-01' }, { subnetID: 'subnet-02' }, { subnetID: 'subnet-03' }]);
  });
});

describe('model_build_subnet_test.go Test_BuildLoadBalancerSubnets', () => {
  it('model_build_subnet_test.go Test_BuildLoadBalancerSubnets', () => {
    const r = buildLb('nlb', { scheme: 'internal', loadBalancerSubnets: [{ identifier: 'foo' }, { identifier: 'bar' }] }, { facts: factsWith([FOO, BAR]) });
    expect(r.errors).toEqual([]);
    expect(r.lb?.['subnetMapping']).toEqual([{ subnetID: 'subnet-0f' }, { subnetID: 'subnet-0b' }]);
    expect(r.lb?.['enablePrefixForIpv6SourceNat']).toBe('off');
  });
});

describe('model_build_subnet_test.go Test_ValidateSubnetsInput', () => {
  const facts = factsWith([FOO, BAR]);
  type Row = readonly [name: string, kind: 'alb' | 'nlb', scheme: string, ipAddressType: string, subnets: Record<string, string>[], expected: { sourceNat: 'on' | 'off' | undefined } | { error: string }];
  // Go validates only; as manifests the whole build runs, so where the Go values ('foo', 'bar')
  // would then fail a mutator, the valid rows use addresses inside the discovered subnets (bar's
  // ID sorts first, so bar is the first mapping).
  const rows: Row[] = [
    ['no config to validate', 'alb', 'internet-facing', 'ipv4', [], { sourceNat: undefined }],
    ['EIPAllocation specified', 'nlb', 'internet-facing', 'ipv4', [{ eipAllocation: 'foo' }, { eipAllocation: 'bar' }], { sourceNat: 'off' }],
    ['IPv6 allocation specified', 'nlb', 'internet-facing', 'dualstack', [{ ipv6Allocation: '2600:1f13:837:8501::f' }, { ipv6Allocation: '2600:1f13:837:8502::b' }], { sourceNat: 'off' }],
    ['PrivateIPv4Allocation specified', 'nlb', 'internal', 'dualstack', [{ privateIPv4Allocation: '10.0.1.15' }, { privateIPv4Allocation: '10.0.2.11' }], { sourceNat: 'off' }],
    ['SourceNatIPv6Prefix not specified in all', 'nlb', 'internet-facing', 'ipv4', [{ sourceNatIPv6Prefix: '2600:1f13:837:8502:b::/80' }, { sourceNatIPv6Prefix: '2600:1f13:837:8501:f::/80' }], { sourceNat: 'on' }],
    ['EIPAllocation not specified in all', 'nlb', 'internet-facing', 'ipv4', [{ eipAllocation: 'foo' }, {}], { error: 'Either specify all eip allocations or none.' }],
    ['IPv6 allocation not specified in all', 'nlb', 'internet-facing', 'dualstack', [{ ipv6Allocation: 'foo' }, {}], { error: 'Either specify all ipv6 allocations or none.' }],
    ['PrivateIPv4Allocation not specified in all', 'nlb', 'internal', 'dualstack', [{ privateIPv4Allocation: 'foo' }, {}], { error: 'Either specify all private ipv4 allocations or none.' }],
    // Go's t.Run names a repeated subtest name with a #01 suffix.
    ['SourceNatIPv6Prefix not specified in all#01', 'nlb', 'internet-facing', 'ipv4', [{ sourceNatIPv6Prefix: 'foo' }, {}], { error: 'Either specify all source nat prefixes or none.' }],
    ['EIPAllocation specified for alb', 'alb', 'internet-facing', 'ipv4', [{ eipAllocation: 'foo' }, { eipAllocation: 'bar' }], { error: 'EIP Allocation is only allowed for Network LoadBalancers' }],
    ['EIPAllocation specified for non-internet facing nlb', 'nlb', 'internal', 'ipv4', [{ eipAllocation: 'foo' }, { eipAllocation: 'bar' }], { error: 'EIPAllocation can only be set for internet facing load balancers' }],
    ['IPv6 allocation specified for alb', 'alb', 'internet-facing', 'dualstack', [{ ipv6Allocation: 'foo' }, { ipv6Allocation: 'bar' }], { error: 'IPv6Allocation is only supported for Network LoadBalancers' }],
    ['IPv6 allocation specified for non-dualstack nlb', 'nlb', 'internet-facing', 'ipv4', [{ ipv6Allocation: 'foo' }, { ipv6Allocation: 'bar' }], { error: 'IPv6Allocation can only be set for dualstack load balancers' }],
    ['PrivateIPv4Allocation specified for internet facing nlb', 'nlb', 'internet-facing', 'dualstack', [{ privateIPv4Allocation: 'foo' }, { privateIPv4Allocation: 'bar' }], { error: 'PrivateIPv4Allocation can only be set for internal load balancers' }],
    ['PrivateIPv4Allocation specified for alb', 'alb', 'internal', 'dualstack', [{ privateIPv4Allocation: 'foo' }, { privateIPv4Allocation: 'bar' }], { error: 'PrivateIPv4Allocation is only supported for Network LoadBalancers' }],
    ['SourceNatIPv6Prefix specified for alb', 'alb', 'internet-facing', 'ipv4', [{ sourceNatIPv6Prefix: 'foo' }, { sourceNatIPv6Prefix: 'bar' }], { error: 'SourceNatIPv6Prefix is only supported for Network LoadBalancers' }],
  ];
  it.each(rows)('model_build_subnet_test.go Test_ValidateSubnetsInput/%s', (_name, kind, scheme, ipAddressType, loadBalancerSubnets, expected) => {
    const r = buildLb(kind, { scheme, ipAddressType, loadBalancerSubnets }, { facts });
    if ('error' in expected) {
      expect(r.errors).toEqual([expected.error]);
      return;
    }
    expect(r.errors).toEqual([]);
    expect(r.lb?.['enablePrefixForIpv6SourceNat']).toBe(expected.sourceNat);
  });
});

describe('model_build_subnet_test.go Test_ResolveEC2Subnets', () => {
  // Go resolves for an internal ipv4 NLB with the resolver and the LB lookup mocked; here the
  // facts hold what those calls would return, and the "- fail" cases are facts that make the real
  // resolver fail.
  const BAZ = named('baz', 'subnet-0a', 'us-east-1c', '10.0.3.0/24', '2600:1f13:837:8503::/64', { key1: 'v3' });
  const untagged = (s: SubnetFacts): SubnetFacts => ({ ...s, tags: { Name: s.tags['Name']! } });
  const selectable = [{ ...FOO, tags: { ...FOO.tags, key1: 'v1' } }, { ...BAR, tags: { ...BAR.tags, key1: 'v2' } }, BAZ];
  const existing = (scheme: 'internal' | 'internet-facing') => [{ stackId: 'ns/gw', scheme, subnetIds: ['subnet-0f', 'subnet-0b'] }];
  type Row = readonly [name: string, spec: Record<string, unknown>, facts: ReturnType<typeof factsWith>, expected: { subnets: string[] } | { error: string }];
  const rows: Row[] = [
    ['resolve static ids', { loadBalancerSubnets: [{ identifier: 'foo' }, { identifier: 'bar' }] }, factsWith([FOO, BAR]), { subnets: ['subnet-0f', 'subnet-0b'] }],
    ['resolve static ids - fail', { loadBalancerSubnets: [{ identifier: 'foo' }, { identifier: 'bar' }] }, factsWith([FOO]), { error: "failed to list subnets by names or IDs: couldn't find all subnets, missing names: [bar]" }],
    ['resolve via selector', { loadBalancerSubnetsSelector: { key1: ['v1', 'v2'] } }, factsWith(selectable), { subnets: ['subnet-0b', 'subnet-0f'] }],
    ['resolve via selector - fail', { loadBalancerSubnetsSelector: { key1: ['v1', 'v2'] } }, factsWith([BAZ]), { error: 'unable to resolve at least one subnet. Evaluated 0 subnets: 0 are tagged for other clusters, and 0 have insufficient available IP addresses' }],
    ['no lbs triggers discovery', {}, factsWith([FOO, BAR]), { subnets: ['subnet-0b', 'subnet-0f'] }],
    // No subnet has the internal-elb role tag and every subnet routes to an internet gateway, so
    // discovery by reachability finds no private subnet either.
    ['no lbs triggers discovery - fail', {}, factsWith([FOO, BAR].map(untagged)), { error: 'unable to resolve at least one subnet. Evaluated 0 subnets: 0 are tagged for other clusters, and 0 have insufficient available IP addresses' }],
    // The stack's LB is internet-facing, this one is internal: discovery, not reuse.
    ['wrong scheme triggers discovery', {}, factsWith([untagged(FOO), untagged(BAR), { ...BAZ, tags: { 'kubernetes.io/role/internal-elb': '1' } }], { existingLoadBalancers: existing('internet-facing') }), { subnets: ['subnet-0a'] }],
    // The stack's internal LB keeps foo and bar, in its own order, though discovery would pick baz.
    ['reuse lb subnet settings for static ids', {}, factsWith([untagged(FOO), untagged(BAR), { ...BAZ, tags: { 'kubernetes.io/role/internal-elb': '1' } }], { existingLoadBalancers: existing('internal') }), { subnets: ['subnet-0f', 'subnet-0b'] }],
  ];
  it.each(rows)('model_build_subnet_test.go Test_ResolveEC2Subnets/%s', (_name, spec, facts, expected) => {
    const r = buildLb('nlb', { scheme: 'internal', ...spec }, { facts });
    if ('error' in expected) {
      expect(r.errors).toEqual([expected.error]);
      return;
    }
    expect(r.errors).toEqual([]);
    expect(mappingField(r.lb, 'subnetID')).toEqual(expected.subnets);
  });
});
