import { describe, expect, it } from 'vitest';
import { buildLb, factsWith, FOO_SUBNETS, fooConfigs, mappingField } from './subnet-fixtures.js';

// pkg/gateway/model/subnet/eip_mutator_test.go: an internet-facing NLB over the three subnets
// foo1…foo3. EIPs pair with the resolved subnets by position.
const facts = factsWith(FOO_SUBNETS);

describe('eip_mutator_test.go Test_EIPMutator', () => {
  it.each([
    ['no subnet config', [], [undefined, undefined, undefined]],
    ['subnet config but no eip allocation', fooConfigs(), [undefined, undefined, undefined]],
    ['subnet config with eip allocation', fooConfigs('eipAllocation', ['alloc1', 'alloc2', 'alloc3']), ['alloc1', 'alloc2', 'alloc3']],
  ])('eip_mutator_test.go Test_EIPMutator/%s', (_name, loadBalancerSubnets, expected) => {
    const r = buildLb('nlb', { scheme: 'internet-facing', loadBalancerSubnets }, { facts });
    expect(r.errors).toEqual([]);
    expect(mappingField(r.lb, 'subnetID')).toEqual(['subnet-01', 'subnet-02', 'subnet-03']);
    expect(mappingField(r.lb, 'allocationID')).toEqual(expected);
  });

  // Go pairs one configuration with three mappings directly; as manifests the one configuration
  // has no identifier, so discovery resolves the three subnets.
  it('eip_mutator_test.go Test_EIPMutator/mismatch subnet config length should trigger error', () => {
    const r = buildLb('nlb', { scheme: 'internet-facing', loadBalancerSubnets: [{ eipAllocation: 'alloc1' }] }, { facts });
    expect(r.errors).toEqual(['Unable to assign EIP allocations we have 3 subnets and 1 EIP allocations']);
    expect(r.lb).toBeUndefined();
  });
});
