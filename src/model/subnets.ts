/**
 * LB subnets (pkg/gateway/model/model_build_subnet.go): validate `loadBalancerSubnets`, resolve
 * the EC2 subnets (explicit identifiers > selector > sticky reuse of the stack's existing LB of the
 * same scheme > discovery; subnet-resolver.ts), then run the NLB mutators (subnet-mutators.ts).
 * Like LBC, the first problem stops the subnet step.
 */
import type { SubnetConfiguration } from '../source/lbc-crds.js';
import type { BuildContext } from './context.js';
import { CODES } from './context.js';
import type { KnownDiscoveryFacts } from './discovery.js';
import { unknown } from './discovery.js';
import type { SubnetMapping } from './stack.js';
import type { MutatorSubnet } from './subnet-mutators.js';
import { mutateSubnetMappings } from './subnet-mutators.js';
import type { Resolved, ResolveOptions } from './subnet-resolver.js';
import { resolveByDiscovery, resolveByNameOrIds, resolveBySelector } from './subnet-resolver.js';

export interface SubnetResult {
  readonly mappings: SubnetMapping[];
  readonly sourceNatEnabled: boolean;
}

/**
 * model_build_subnet.go `validateSubnetsInput` (106–176). The first configuration decides which
 * fields are "specified": the LB-type / scheme / IP-type checks run on it, then every
 * configuration must agree with it field by field. An empty identifier counts as unset.
 */
export function validateSubnetsInput(cfgs: readonly SubnetConfiguration[], lbType: 'application' | 'network', scheme: string, ipAddressType: string): string | undefined {
  const first = cfgs[0];
  if (!first) return undefined;
  const nlb = lbType === 'network';
  const has = {
    identifier: (c: SubnetConfiguration) => c.identifier !== undefined && c.identifier !== '',
    eip: (c: SubnetConfiguration) => c.eipAllocation !== undefined,
    ipv6: (c: SubnetConfiguration) => c.ipv6Allocation !== undefined,
    privateIPv4: (c: SubnetConfiguration) => c.privateIPv4Allocation !== undefined,
    sourceNat: (c: SubnetConfiguration) => c.sourceNatIPv6Prefix !== undefined,
  };
  if (has.eip(first)) {
    if (!nlb) return 'EIP Allocation is only allowed for Network LoadBalancers';
    if (scheme !== 'internet-facing') return 'EIPAllocation can only be set for internet facing load balancers';
  }
  if (has.ipv6(first)) {
    if (!nlb) return 'IPv6Allocation is only supported for Network LoadBalancers';
    if (ipAddressType !== 'dualstack') return 'IPv6Allocation can only be set for dualstack load balancers';
  }
  if (has.privateIPv4(first)) {
    if (!nlb) return 'PrivateIPv4Allocation is only supported for Network LoadBalancers';
    if (scheme !== 'internal') return 'PrivateIPv4Allocation can only be set for internal load balancers';
  }
  if (has.sourceNat(first) && !nlb) return 'SourceNatIPv6Prefix is only supported for Network LoadBalancers';
  const allOrNone: readonly [keyof typeof has, string][] = [
    ['identifier', 'Either specify all subnet identifiers or none.'],
    ['eip', 'Either specify all eip allocations or none.'],
    ['ipv6', 'Either specify all ipv6 allocations or none.'],
    ['privateIPv4', 'Either specify all private ipv4 allocations or none.'],
    ['sourceNat', 'Either specify all source nat prefixes or none.'],
  ];
  for (const c of cfgs) {
    for (const [field, message] of allOrNone) if (has[field](c) !== has[field](first)) return message;
  }
  return undefined;
}

export function buildSubnets(ctx: BuildContext, scheme: 'internal' | 'internet-facing', ipAddressType: string): SubnetResult {
  const cfg = ctx.gw.loadBalancerConfig ?? {};
  const cfgs = cfg.loadBalancerSubnets ?? [];
  const lbType = ctx.gw.loadBalancerType;
  const at = { object: ctx.gw.gateway, path: ['spec', 'infrastructure', 'parametersRef'] };
  const failed = (message: string): SubnetResult => {
    ctx.error(CODES.subnets, message, at);
    return { mappings: [], sourceNatEnabled: false };
  };
  const bad = validateSubnetsInput(cfgs, lbType, scheme, ipAddressType);
  if (bad) return failed(bad);
  const sourceNatEnabled = cfgs[0]?.sourceNatIPv6Prefix !== undefined;
  const ids = cfgs[0]?.identifier ? cfgs.map((c) => c.identifier!) : undefined;
  let subnets: MutatorSubnet[];
  if (ctx.facts.kind === 'unknown') {
    // Offline: named subnets and discovered ones are unknown; so are their CIDRs.
    if (!ids) return { mappings: [{ subnetID: unknown('subnets (discovered)') }], sourceNatEnabled };
    subnets = ids.map((id) => ({ id: id.startsWith('subnet-') ? id : unknown(`subnet ${id}`) }));
  } else {
    const resolved = resolveEc2Subnets(ctx, ctx.facts, ids, { lbType, scheme, ipAddressType, settings: ctx.settings });
    if (!resolved.ok) return failed(resolved.message);
    subnets = resolved.subnets.map((s) => ({ id: s.id, ipv4Cidrs: [s.ipv4Cidr], ipv6Cidrs: s.ipv6Cidrs }));
  }
  if (lbType === 'application') return { mappings: subnets.map((s) => ({ subnetID: s.id })), sourceNatEnabled };
  const mutated = mutateSubnetMappings(subnets, cfgs);
  if (!mutated.ok) return failed(mutated.message);
  return { mappings: mutated.mappings, sourceNatEnabled };
}

// model_build_subnet.go `resolveEC2Subnets`: identifiers, selector, the stack's LB (stickiness), discovery.
function resolveEc2Subnets(ctx: BuildContext, facts: KnownDiscoveryFacts, ids: readonly string[] | undefined, opts: ResolveOptions): Resolved {
  if (ids) return resolveByNameOrIds(ids, facts.subnets, opts);
  const selector = ctx.gw.loadBalancerConfig?.loadBalancerSubnetsSelector;
  if (selector && Object.keys(selector).length > 0) return resolveBySelector(selector, facts.subnets, opts);
  const existing = facts.existingLoadBalancers.find((l) => l.stackId === ctx.stackId);
  if (!existing || existing.scheme !== opts.scheme) return resolveByDiscovery(facts.subnets, opts);
  return resolveByNameOrIds(existing.subnetIds, facts.subnets, opts);
}
