import { describe, expect, it } from 'vitest';
import { skipCase } from './harness.js';
import { buildLb, factsWith, FOO_SUBNETS, fooConfigs, mappingField } from './subnet-fixtures.js';

// pkg/gateway/model/subnet/ipv6_mutator_test.go: an internet-facing dualstack NLB over foo1…foo3,
// whose IPv6 CIDRs are 2600:1f13:837:8501::/64 … 8503::/64. The Go cases mock the CIDR filter;
// here the subnets' real CIDRs decide which address goes where.
const facts = factsWith(FOO_SUBNETS);
const build = (loadBalancerSubnets: Record<string, string>[]) => buildLb('nlb', { scheme: 'internet-facing', ipAddressType: 'dualstack', loadBalancerSubnets }, { facts });
const none = [undefined, undefined, undefined];

describe('ipv6_mutator_test.go Test_IPv6Mutator', () => {
  it.each([
    ['no subnet config', [], none],
    ['subnet config but no ipv6 addrs', fooConfigs(), none],
    // Go's addresses are all in 8504::/64 (its filter is mocked); these sit one in each subnet.
    ['subnet config with ipv6 addrs', fooConfigs('ipv6Allocation', ['2600:1f13:837:8501::1', '2600:1f13:837:8502::2', '2600:1f13:837:8503::3']), ['2600:1f13:837:8501::1', '2600:1f13:837:8502::2', '2600:1f13:837:8503::3']],
  ])('ipv6_mutator_test.go Test_IPv6Mutator/%s', (_name, loadBalancerSubnets, expected) => {
    const r = build(loadBalancerSubnets);
    expect(r.errors).toEqual([]);
    expect(mappingField(r.lb, 'ipv6Address')).toEqual(expected);
  });

  it.each([
    ['ip doesnt belong to cidr', fooConfigs('ipv6Allocation', ['2600:1f13:837:8504::1', '2600:1f13:837:8504::2', '2600:1f13:837:8504::3']), 'expect one IPv6 address configured for subnet: subnet-01'],
    ['subnet config with ipv6 addrs - allocation is not an ip address', fooConfigs('ipv6Allocation', ['foo', '2600:1f13:837:8504::2', '2600:1f13:837:8504::3']), 'IPv6 addresses must be valid IP address: foo'],
    ['subnet config with ipv6 addrs - allocation is not an ipv6 address', fooConfigs('ipv6Allocation', ['127.0.0.1', '2600:1f13:837:8504::2', '2600:1f13:837:8504::3']), 'IPv6 addresses must be valid IPv6 address: 127.0.0.1'],
    // Go pairs one configuration with three mappings directly; as manifests the configuration has
    // no identifier, so discovery resolves the three subnets.
    ['mismatch subnet config length should trigger error', [{ ipv6Allocation: '2600:1f13:837:8504::1' }], 'Unable to assign IPv6 addresses we have 3 subnets and 1 addresses'],
  ])('ipv6_mutator_test.go Test_IPv6Mutator/%s', (_name, loadBalancerSubnets, message) => {
    const r = build(loadBalancerSubnets);
    expect(r.errors).toEqual([message]);
    expect(r.lb).toBeUndefined();
  });

  skipCase('ipv6_mutator_test.go Test_IPv6Mutator/cidr resolver error', 'GetSubnetAssociatedIPv6CIDRs fails only on a CIDR EC2 would never return; discovery facts hold well-formed CIDRs');
});
