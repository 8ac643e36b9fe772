import { describe, expect, it } from 'vitest';
import type { SubnetConfiguration } from '../source/lbc-crds.js';
import { gateway, httpListener, resolution } from './fixtures.test-util.js';
import { buildStack } from './index.js';
import type { KnownDiscoveryFacts, SubnetFacts } from './discovery.js';
import { emptyKnownFacts, OFFLINE_FACTS } from './discovery.js';
import { defaultClusterSettings } from './settings.js';
import type { LoadBalancerSpec } from './stack.js';

// Issue 8 (LBC parity): loadBalancerSubnets as model_build_subnet.go 106–176 and the NLB subnet
// mutators (pkg/gateway/model/subnet/*_mutator.go) treat them.

const subnet = (id: string, az: string, ipv4Cidr: string, ipv6Cidrs: string[]): SubnetFacts => ({
  id,
  availabilityZone: az,
  zoneType: 'availability-zone',
  ipv4Cidr,
  ipv6Cidrs,
  availableIpAddressCount: 100,
  tags: { 'kubernetes.io/role/elb': '1', 'kubernetes.io/role/internal-elb': '1' },
});
const facts: KnownDiscoveryFacts = {
  ...emptyKnownFacts({ id: 'vpc-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: ['2600:1f13:837:8500::/56'] }),
  subnets: [subnet('subnet-a', 'az-a', '10.0.1.0/24', ['2600:1f13:837:8501::/64']), subnet('subnet-b', 'az-b', '10.0.2.0/24', ['2600:1f13:837:8502::/64'])],
};

function nlb(scheme: 'internal' | 'internet-facing', loadBalancerSubnets: SubnetConfiguration[], ipAddressType: 'ipv4' | 'dualstack' = 'ipv4') {
  const gw = gateway('ns', 'gw', [httpListener(80, undefined, 'TCP')]);
  const r = buildStack(resolution(gw, {}, { type: 'network', lbc: { scheme, ipAddressType, loadBalancerSubnets } }), { facts, settings: defaultClusterSettings('c') });
  // The stack LBC builds, also when AWS would then reject it (pre-flight GWLB36x, e.g. IPv6 source NAT on an ipv4 NLB).
  const lb = (r.stack ?? r.rejected)?.resources.find((x) => x.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  return {
    errors: r.diagnostics.filter((d) => d.severity === 'error' && !d.code.startsWith('GWLB36')).map((d) => d.message.replace('Gateway ns/gw: ', '')),
    mappings: (lb?.spec as LoadBalancerSpec | undefined)?.subnetMapping,
  };
}

describe('loadBalancerSubnets: each field on all subnet configurations or on none', () => {
  it.each([
    ['internet-facing', 'ipv4', { eipAllocation: 'eipalloc-1' }, 'Either specify all eip allocations or none.'],
    ['internet-facing', 'dualstack', { ipv6Allocation: '2600:1f13:837:8501::10' }, 'Either specify all ipv6 allocations or none.'],
    ['internal', 'ipv4', { privateIPv4Allocation: '10.0.1.10' }, 'Either specify all private ipv4 allocations or none.'],
    ['internal', 'ipv4', { sourceNatIPv6Prefix: 'auto_assigned' }, 'Either specify all source nat prefixes or none.'],
  ] as const)('%s %s NLB, %j on the first subnet only → "%s"', (scheme, ipType, field, message) => {
    const r = nlb(scheme, [{ identifier: 'subnet-a', ...field }, { identifier: 'subnet-b' }], ipType);
    expect(r.errors).toEqual([message]);
  });

  it('a field set on a later subnet only is the same error (the first configuration decides)', () => {
    expect(nlb('internal', [{ identifier: 'subnet-a' }, { identifier: 'subnet-b', privateIPv4Allocation: '10.0.2.10' }]).errors).toEqual(['Either specify all private ipv4 allocations or none.']);
  });
});

describe('private IPv4 and IPv6 addresses go to the subnet whose CIDR contains them', () => {
  it('private IPv4 listed in the other order still lands in its own subnet', () => {
    const r = nlb('internal', [
      { identifier: 'subnet-a', privateIPv4Allocation: '10.0.2.10' },
      { identifier: 'subnet-b', privateIPv4Allocation: '10.0.1.10' },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.mappings).toEqual([
      { privateIPv4Address: '10.0.1.10', subnetID: 'subnet-a' },
      { privateIPv4Address: '10.0.2.10', subnetID: 'subnet-b' },
    ]);
  });

  it('IPv6 listed in the other order still lands in its own subnet, written as netip prints it', () => {
    const r = nlb(
      'internet-facing',
      [
        { identifier: 'subnet-a', ipv6Allocation: '2600:1f13:837:8502:0:0:0:10' },
        { identifier: 'subnet-b', ipv6Allocation: '2600:1F13:837:8501::10' },
      ],
      'dualstack',
    );
    expect(r.errors).toEqual([]);
    expect(r.mappings).toEqual([
      { ipv6Address: '2600:1f13:837:8501::10', subnetID: 'subnet-a' },
      { ipv6Address: '2600:1f13:837:8502::10', subnetID: 'subnet-b' },
    ]);
  });
});

describe('addresses must be valid, and each subnet needs exactly one', () => {
  it.each([
    ['not an address', 'internal', 'privateIPv4Allocation', 'foo', 'private IPv4 addresses must be valid IP address: foo'],
    ['IPv6 where IPv4 is due', 'internal', 'privateIPv4Allocation', '2600:1f13:837:8501::10', 'private IPv4 addresses must be valid IPv4 address: 2600:1f13:837:8501::10'],
    ['leading zero in an IPv4 field', 'internal', 'privateIPv4Allocation', '10.0.1.010', 'private IPv4 addresses must be valid IP address: 10.0.1.010'],
    ['not an address', 'internet-facing', 'ipv6Allocation', 'foo', 'IPv6 addresses must be valid IP address: foo'],
    ['IPv4 where IPv6 is due', 'internet-facing', 'ipv6Allocation', '10.0.1.10', 'IPv6 addresses must be valid IPv6 address: 10.0.1.10'],
  ] as const)('%s (%s)', (_what, scheme, field, value, message) => {
    const other = field === 'privateIPv4Allocation' ? '10.0.2.10' : '2600:1f13:837:8502::10';
    const r = nlb(scheme, [{ identifier: 'subnet-a', [field]: value }, { identifier: 'subnet-b', [field]: other }], field === 'ipv6Allocation' ? 'dualstack' : 'ipv4');
    expect(r.errors).toEqual([message]);
  });

  it.each([
    ['two private IPv4 in one subnet', 'internal', 'privateIPv4Allocation', ['10.0.1.10', '10.0.1.11'], 'expect one private IPv4 address configured for subnet: subnet-a'],
    ['a private IPv4 outside every subnet', 'internal', 'privateIPv4Allocation', ['10.0.1.10', '10.9.9.9'], 'expect one private IPv4 address configured for subnet: subnet-b'],
    ['two IPv6 in one subnet', 'internet-facing', 'ipv6Allocation', ['2600:1f13:837:8502::1', '2600:1f13:837:8502::2'], 'expect one IPv6 address configured for subnet: subnet-a'],
    ['an IPv6 outside every subnet', 'internet-facing', 'ipv6Allocation', ['2600:1f13:837:8501::1', '2600:1f13:837:85ff::2'], 'expect one IPv6 address configured for subnet: subnet-b'],
  ] as const)('%s', (_what, scheme, field, [a, b], message) => {
    const r = nlb(scheme, [{ identifier: 'subnet-a', [field]: a }, { identifier: 'subnet-b', [field]: b }], field === 'ipv6Allocation' ? 'dualstack' : 'ipv4');
    expect(r.errors).toEqual([message]);
  });
});

describe('LBC message texts', () => {
  it('IPv6Allocation on an ipv4 NLB', () => {
    expect(nlb('internet-facing', [{ identifier: 'subnet-a', ipv6Allocation: '2600:1f13:837:8501::10' }]).errors).toEqual(['IPv6Allocation can only be set for dualstack load balancers']);
  });

  it('an empty identifier counts as unset', () => {
    expect(nlb('internal', [{ identifier: '' }, { identifier: 'subnet-b' }]).errors).toEqual(['Either specify all subnet identifiers or none.']);
  });
});

describe('source NAT prefixes (networking/utils.go ValidateSourceNatPrefixForSubnetPair)', () => {
  it.each([
    ['2600:1f13:837:8501:1::/80', undefined],
    ['auto_assigned', undefined],
    ['2600:1f13:837:8501::', 'Invalid value in source-nat-ipv6-prefixes: 2600:1f13:837:8501::.'],
    ['2600:1f13:837:8501::/64', 'Invalid value in source-nat-ipv6-prefixes: 2600:1f13:837:8501::/64. Prefix length must be 80, but 64 is specified.'],
    ['10.0.1.0/80', 'Invalid value in source-nat-ipv6-prefixes: 10.0.1.0/80. Value must be a valid IPv6 CIDR.'],
    ['2600:1f13:837:85ff:1::/80', 'Invalid value in source-nat-ipv6-prefixes: 2600:1f13:837:85ff:1::/80. Value must be within subnet CIDR range: [2600:1f13:837:8501::/64].'],
  ])('%s on subnet-a', (prefix, message) => {
    const r = nlb('internal', [{ identifier: 'subnet-a', sourceNatIPv6Prefix: prefix }]);
    expect(r.errors).toEqual(message ? [message] : []);
    if (!message) expect(r.mappings).toEqual([{ sourceNatIpv6Prefix: prefix, subnetID: 'subnet-a' }]);
  });
});

describe('offline (subnet CIDRs unknown)', () => {
  it('private IPv4 addresses pair with the named subnets by position, still validated', () => {
    const gw = gateway('ns', 'gw', [httpListener(80, undefined, 'TCP')]);
    const build = (loadBalancerSubnets: SubnetConfiguration[]) =>
      buildStack(resolution(gw, {}, { type: 'network', lbc: { scheme: 'internal', loadBalancerSubnets } }), { facts: OFFLINE_FACTS, settings: defaultClusterSettings('c') });
    const ok = build([
      { identifier: 'subnet-a', privateIPv4Allocation: '10.0.2.10' },
      { identifier: 'subnet-b', privateIPv4Allocation: '10.0.1.10' },
    ]);
    const lb = ok.stack?.resources.find((x) => x.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect((lb?.spec as LoadBalancerSpec).subnetMapping).toEqual([
      { privateIPv4Address: '10.0.2.10', subnetID: 'subnet-a' },
      { privateIPv4Address: '10.0.1.10', subnetID: 'subnet-b' },
    ]);
    const bad = build([{ identifier: 'subnet-a', privateIPv4Allocation: 'foo' }]);
    expect(bad.diagnostics.map((d) => d.message)).toContain('Gateway ns/gw: private IPv4 addresses must be valid IP address: foo');
  });
});
