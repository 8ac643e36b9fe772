import { describe, expect, it } from 'vitest';
import { buildLb, factsWith, FOO_SUBNETS, fooConfigs, mappingField } from './subnet-fixtures.js';

// pkg/gateway/model/subnet/source_nat_mutator_test.go: an NLB over foo1…foo3 (IPv6 CIDRs
// 2600:1f13:837:8501::/64 … 8503::/64). Prefixes pair with the subnets by position.
const facts = factsWith(FOO_SUBNETS);
const build = (loadBalancerSubnets: Record<string, string>[]) => buildLb('nlb', { scheme: 'internet-facing', loadBalancerSubnets }, { facts });
const none = [undefined, undefined, undefined];
const prefixes = ['2600:1f13:837:8501:1::/80', '2600:1f13:837:8502:2::/80', 'auto_assigned'];

describe('source_nat_mutator_test.go Test_SourceNATMutator', () => {
  it.each([
    ['no subnet config', [], none, 'off'],
    ['subnet config but no source nat config', fooConfigs(), none, 'off'],
    // Go's values alloc1…alloc3 pass its mocked validator; the real one wants a /80 inside the
    // subnet's IPv6 CIDR, or auto_assigned.
    ['subnet config with source nat config', fooConfigs('sourceNatIPv6Prefix', prefixes), prefixes, 'on'],
  ])('source_nat_mutator_test.go Test_SourceNATMutator/%s', (_name, loadBalancerSubnets, expected, enabled) => {
    const r = build(loadBalancerSubnets);
    expect(r.errors).toEqual([]);
    expect(mappingField(r.lb, 'sourceNatIpv6Prefix')).toEqual(expected);
    expect(r.lb?.['enablePrefixForIpv6SourceNat']).toBe(enabled);
  });

  // Go pairs one configuration with three mappings directly; as manifests the configuration has
  // no identifier, so discovery resolves the three subnets.
  it('source_nat_mutator_test.go Test_SourceNATMutator/mismatch subnet config length should trigger error', () => {
    const r = build([{ sourceNatIPv6Prefix: 'alloc1' }]);
    expect(r.errors).toEqual(['Unable to assign Source NAT prefix because we have 3 subnets and 1 prefixes']);
    expect(r.lb).toBeUndefined();
  });
});
