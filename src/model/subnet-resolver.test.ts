import { describe, expect, it } from 'vitest';
import type { SubnetFacts } from './discovery.js';
import { defaultClusterSettings } from './settings.js';
import type { ResolveOptions } from './subnet-resolver.js';
import { resolveByDiscovery, resolveByNameOrIds } from './subnet-resolver.js';

// pkg/networking/subnet_resolver.go: what each resolution path returns, and its error texts.
const s = (id: string, az: string, extra: Partial<SubnetFacts> = {}): SubnetFacts => ({
  id,
  availabilityZone: az,
  zoneType: 'availability-zone',
  ipv4Cidr: '10.0.0.0/24',
  ipv6Cidrs: [],
  availableIpAddressCount: 100,
  tags: {},
  ...extra,
});
const opts = (o: Partial<Omit<ResolveOptions, 'settings'>> = {}, gates: Record<string, boolean> = {}): ResolveOptions => ({
  lbType: 'network',
  scheme: 'internal',
  ipAddressType: 'ipv4',
  ...o,
  settings: defaultClusterSettings('c', { featureGates: { ...defaultClusterSettings('c').featureGates, ...gates } }),
});
const ids = (r: ReturnType<typeof resolveByNameOrIds>) => (r.ok ? r.subnets.map((x) => x.id) : r.message);

describe('by names or IDs (ResolveViaNameOrIDSlice)', () => {
  const all = [s('subnet-2', 'a', { tags: { Name: 'web' } }), s('subnet-1', 'b', { tags: { Name: 'web' } }), s('subnet-3', 'a'), s('subnet-4', 'lz', { zoneType: 'local-zone' })];
  it.each([
    ['keeps the order given; a shared Name is handed out by subnet ID', ['web', 'web'], opts(), ['subnet-1', 'subnet-2']],
    ['unknown ID', ['subnet-1', 'subnet-9'], opts(), "failed to list subnets by names or IDs: couldn't find all subnets, want: [subnet-1 subnet-9], found: [subnet-1]"],
    ['Name used more often than it exists', ['web', 'web', 'web'], opts(), 'failed to list subnets by names or IDs: subnet with Name tag "web" requested 3 times but only 2 subnet(s) found with that name'],
    ['two subnets in one AZ', ['subnet-2', 'subnet-3'], opts(), 'multiple subnets in same Availability Zone a: [subnet-2 subnet-3]'],
    ['an AZ and a local zone', ['subnet-1', 'subnet-4'], opts(), 'subnets in multiple locales: [availability-zone local-zone]'],
    ['one subnet for an ALB', ['subnet-1'], opts({ lbType: 'application' }), 'subnets count less than minimal required count: 1 < 2'],
    ['one subnet for an ALB with ALBSingleSubnet', ['subnet-1'], opts({ lbType: 'application' }, { ALBSingleSubnet: true }), ['subnet-1']],
    ['a local-zone subnet alone for an ALB', ['subnet-4'], opts({ lbType: 'application' }), ['subnet-4']],
    ['dualstack without IPv6 CIDRs', ['subnet-1', 'subnet-2'], opts({ ipAddressType: 'dualstack' }), 'subnets [subnet-1 subnet-2] do not have an associated IPv6 CIDR block, which is required for dualstack load balancers'],
  ] as const)('%s', (_what, nameOrIds, o, expected) => {
    expect(ids(resolveByNameOrIds(nameOrIds, all, o))).toEqual(expected);
  });
});

describe('by discovery (ResolveViaDiscovery)', () => {
  const role = { 'kubernetes.io/role/internal-elb': '1' };
  it.each([
    ['one per AZ, this cluster first, then the smallest ID; sorted by ID', [s('subnet-9', 'a', { tags: role }), s('subnet-5', 'a', { tags: { ...role, 'kubernetes.io/cluster/c': 'shared' } }), s('subnet-1', 'b', { tags: role })], opts(), ['subnet-1', 'subnet-5']],
    ['counts why none qualified', [s('subnet-1', 'a', { tags: { ...role, 'kubernetes.io/cluster/other': 'owned' } }), s('subnet-2', 'b', { tags: role, availableIpAddressCount: 7 })], opts(), 'unable to resolve at least one subnet. Evaluated 2 subnets: 1 are tagged for other clusters, and 1 have insufficient available IP addresses'],
    ['counts the missing IPv6 CIDRs for dualstack', [s('subnet-1', 'a', { tags: role })], opts({ ipAddressType: 'dualstack' }), "unable to resolve at least one subnet. Evaluated 1 subnets: 0 are tagged for other clusters, 0 have insufficient available IP addresses, and 1 don't have an associated IPv6 CIDR block, which is required for dualstack load balancers"],
    ['falls back to reachability when no subnet has the role tag', [s('subnet-1', 'a', { public: false }), s('subnet-2', 'b', { public: true })], opts(), ['subnet-1']],
  ] as const)('%s', (_what, all, o, expected) => {
    expect(ids(resolveByDiscovery(all, o))).toEqual(expected);
  });
});
