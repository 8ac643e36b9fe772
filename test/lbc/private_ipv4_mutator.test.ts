import { describe, expect, it } from 'vitest';
import { skipCase } from './harness.js';
import { buildLb, factsWith, FOO_SUBNETS, fooConfigs, mappingField } from './subnet-fixtures.js';

// pkg/gateway/model/subnet/private_ipv4_mutator_test.go: an internal NLB over foo1…foo3, whose
// IPv4 CIDRs are 10.0.1.0/24 … 10.0.3.0/24. The Go cases mock the CIDR filter; here the subnets'
// real CIDRs decide which address goes where.
const facts = factsWith(FOO_SUBNETS);
const build = (loadBalancerSubnets: Record<string, string>[]) => buildLb('nlb', { scheme: 'internal', loadBalancerSubnets }, { facts });
const none = [undefined, undefined, undefined];

describe('private_ipv4_mutator_test.go Test_PrivateIPv4Mutator', () => {
  it.each([
    ['no subnet config', [], none],
    ['subnet config but no ipv4 addrs', fooConfigs(), none],
    // Go's addresses are 127.0.0.1…3 (its filter is mocked); these sit one in each subnet.
    ['subnet config with ipv4 addrs', fooConfigs('privateIPv4Allocation', ['10.0.1.1', '10.0.2.2', '10.0.3.3']), ['10.0.1.1', '10.0.2.2', '10.0.3.3']],
  ])('private_ipv4_mutator_test.go Test_PrivateIPv4Mutator/%s', (_name, loadBalancerSubnets, expected) => {
    const r = build(loadBalancerSubnets);
    expect(r.errors).toEqual([]);
    expect(mappingField(r.lb, 'privateIPv4Address')).toEqual(expected);
  });

  it.each([
    ['ip doesnt belong to cidr', fooConfigs('privateIPv4Allocation', ['127.0.0.1', '127.0.0.2', '127.0.0.3']), 'expect one private IPv4 address configured for subnet: subnet-01'],
    ['subnet config with ipv4 addrs - allocation is not an ip address', fooConfigs('privateIPv4Allocation', ['foo', '127.0.0.2', '127.0.0.3']), 'private IPv4 addresses must be valid IP address: foo'],
    ['subnet config with ipv6 addrs - allocation is not an ipv4 address', fooConfigs('privateIPv4Allocation', ['2600:1f13:837:8504::2', '127.0.0.2', '127.0.0.3']), 'private IPv4 addresses must be valid IPv4 address: 2600:1f13:837:8504::2'],
    // Go pairs one configuration with three mappings directly; as manifests the configuration has
    // no identifier, so discovery resolves the three subnets.
    ['mismatch subnet config length should trigger error', [{ privateIPv4Allocation: '127.0.0.2' }], 'Unable to assign private IPv4 addresses we have 3 subnets and 1 addresses'],
  ])('private_ipv4_mutator_test.go Test_PrivateIPv4Mutator/%s', (_name, loadBalancerSubnets, message) => {
    const r = build(loadBalancerSubnets);
    expect(r.errors).toEqual([message]);
    expect(r.lb).toBeUndefined();
  });

  skipCase('private_ipv4_mutator_test.go Test_PrivateIPv4Mutator/cidr resolver error', 'GetSubnetAssociatedIPv4CIDRs fails only on a CIDR EC2 would never return; discovery facts hold well-formed CIDRs');
});
