/**
 * LB subnets (pkg/gateway/model/model_build_subnet.go, pkg/networking/subnet_resolver.go):
 * explicit identifiers (kept in order) > selector > sticky reuse of the stack's existing LB
 * (same scheme) > discovery by role tag (then by reachability), one subnet per AZ preferring the
 * cluster-tagged one, then the smallest ID. NLB subnet mutators apply positionally.
 */
import type { SubnetConfiguration } from '../source/lbc-crds.js';
import type { BuildContext } from './context.js';
import { CODES } from './context.js';
import type { SubnetFacts } from './discovery.js';
import { unknown } from './discovery.js';
import type { SubnetMapping } from './stack.js';

export interface SubnetResult {
  readonly mappings: SubnetMapping[];
  readonly sourceNatEnabled: boolean;
}

function eligible(ctx: BuildContext, s: SubnetFacts, ipAddressType: string): boolean {
  const cluster = ctx.settings.clusterName;
  if (ctx.settings.featureGates.SubnetsClusterTagCheck) {
    const clusterTags = Object.keys(s.tags).filter((k) => k.startsWith('kubernetes.io/cluster/'));
    if (clusterTags.length > 0 && !clusterTags.includes(`kubernetes.io/cluster/${cluster}`)) return false;
  }
  if (s.availableIpAddressCount < 8) return false;
  if (ipAddressType !== 'ipv4' && s.ipv6Cidrs.length === 0) return false;
  return true;
}

/** One per AZ: prefer `kubernetes.io/cluster/<this>`, then the smallest ID; result sorted by ID. */
export function chooseOnePerAz(subnets: readonly SubnetFacts[], cluster: string): SubnetFacts[] {
  const byAz = new Map<string, SubnetFacts>();
  const tagged = (s: SubnetFacts): boolean => `kubernetes.io/cluster/${cluster}` in s.tags;
  for (const s of subnets) {
    const cur = byAz.get(s.availabilityZone);
    if (!cur || (tagged(s) && !tagged(cur)) || (tagged(s) === tagged(cur) && s.id < cur.id)) byAz.set(s.availabilityZone, s);
  }
  return [...byAz.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function resolveIds(ctx: BuildContext, ids: readonly string[], all: readonly SubnetFacts[]): SubnetFacts[] | string {
  const out: SubnetFacts[] = [];
  const used = new Set<string>();
  for (const id of ids) {
    const found = id.startsWith('subnet-')
      ? all.find((s) => s.id === id)
      : [...all].sort((a, b) => (a.id < b.id ? -1 : 1)).find((s) => s.tags['Name'] === id && !used.has(s.id));
    if (!found) return `couldn't find all subnets, want: ${ids.join(',')}`;
    used.add(found.id);
    out.push(found);
  }
  void ctx;
  return out;
}

function validateConfigs(ctx: BuildContext, cfgs: readonly SubnetConfiguration[], scheme: string, ipType: string): string | undefined {
  const nlb = ctx.gw.loadBalancerType === 'network';
  const all = <K extends keyof SubnetConfiguration>(k: K): boolean => cfgs.every((c) => c[k] !== undefined);
  const any = <K extends keyof SubnetConfiguration>(k: K): boolean => cfgs.some((c) => c[k] !== undefined);
  if (any('identifier') && !all('identifier')) return 'Either specify all subnet identifiers or none.';
  if (any('eipAllocation')) {
    if (!nlb) return 'EIP Allocation is only allowed for Network LoadBalancers';
    if (scheme !== 'internet-facing') return 'EIPAllocation can only be set for internet facing load balancers';
  }
  if (any('ipv6Allocation')) {
    if (!nlb) return 'IPv6 Allocation is only supported for Network LoadBalancers';
    if (ipType !== 'dualstack') return 'IPv6 Allocation can only be set for dualstack load balancers';
  }
  if (any('privateIPv4Allocation')) {
    if (!nlb) return 'PrivateIPv4Allocation is only supported for Network LoadBalancers';
    if (scheme !== 'internal') return 'PrivateIPv4Allocation can only be set for internal load balancers';
  }
  if (any('sourceNatIPv6Prefix') && !nlb) return 'SourceNatIPv6Prefix is only supported for Network LoadBalancers';
  return undefined;
}

export function buildSubnets(ctx: BuildContext, scheme: string, ipAddressType: string): SubnetResult {
  const cfg = ctx.gw.loadBalancerConfig ?? {};
  const cfgs = cfg.loadBalancerSubnets ?? [];
  const at = { object: ctx.gw.gateway, path: ['spec', 'infrastructure', 'parametersRef'] };
  const bad = validateConfigs(ctx, cfgs, scheme, ipAddressType);
  if (bad) {
    ctx.error(CODES.subnets, bad, at);
    return { mappings: [], sourceNatEnabled: false };
  }
  const sourceNatEnabled = cfgs.some((c) => c.sourceNatIPv6Prefix !== undefined);
  const ids = cfgs.every((c) => c.identifier !== undefined) && cfgs.length > 0 ? cfgs.map((c) => c.identifier!) : undefined;
  const facts = ctx.facts;
  if (facts.kind === 'unknown') {
    ctx.subnetCidrs = undefined;
    const mappings = ids ? ids.map((id, i) => mutate({ subnetID: id.startsWith('subnet-') ? id : unknown(`subnet ${id}`) }, cfgs[i])) : [{ subnetID: unknown('subnets (discovered)') }];
    return { mappings, sourceNatEnabled };
  }
  let chosen: SubnetFacts[] | string;
  if (ids) chosen = resolveIds(ctx, ids, facts.subnets);
  else if (cfg.loadBalancerSubnetsSelector) {
    const sel = cfg.loadBalancerSubnetsSelector;
    const matching = facts.subnets.filter((s) => Object.entries(sel).every(([k, vs]) => k in s.tags && (vs.length === 0 || vs.includes(s.tags[k]!))));
    chosen = chooseOnePerAz(matching.filter((s) => eligible(ctx, s, ipAddressType)), ctx.settings.clusterName);
  } else {
    const existing = facts.existingLoadBalancers.find((l) => l.stackId === ctx.stackId && l.scheme === scheme);
    if (existing) chosen = resolveIds(ctx, existing.subnetIds, facts.subnets);
    else {
      const role = scheme === 'internet-facing' ? 'kubernetes.io/role/elb' : 'kubernetes.io/role/internal-elb';
      let candidates = facts.subnets.filter((s) => role in s.tags && (s.tags[role] === '' || s.tags[role] === '1'));
      if (candidates.length === 0 && ctx.settings.featureGates.SubnetDiscoveryByReachability) {
        candidates = facts.subnets.filter((s) => (s.public ?? false) === (scheme === 'internet-facing'));
      }
      chosen = chooseOnePerAz(candidates.filter((s) => eligible(ctx, s, ipAddressType)), ctx.settings.clusterName);
    }
  }
  if (typeof chosen === 'string') {
    ctx.error(CODES.subnets, chosen, at);
    return { mappings: [], sourceNatEnabled };
  }
  if (chosen.length === 0) {
    ctx.error(CODES.subnets, 'unable to resolve at least one subnet', at);
    return { mappings: [], sourceNatEnabled };
  }
  if (ctx.gw.loadBalancerType === 'application' && chosen.length < 2 && !ctx.settings.featureGates.ALBSingleSubnet) {
    ctx.error(CODES.subnets, `subnets count less than minimal required count: ${chosen.length} < 2`, at);
  }
  if (cfgs.length > 0 && cfgs.length !== chosen.length && cfgs.some((c) => c.eipAllocation ?? c.privateIPv4Allocation ?? c.ipv6Allocation ?? c.sourceNatIPv6Prefix)) {
    ctx.error(CODES.subnets, `count of subnet configurations (${cfgs.length}) does not match resolved subnets (${chosen.length})`, at);
  }
  ctx.subnetCidrs = chosen.map((s) => s.ipv4Cidr);
  return { mappings: chosen.map((s, i) => mutate({ subnetID: s.id }, cfgs[i])), sourceNatEnabled };
}

function mutate(m: SubnetMapping, c: SubnetConfiguration | undefined): SubnetMapping {
  if (!c) return m;
  return {
    ...(c.eipAllocation !== undefined ? { allocationID: c.eipAllocation } : {}),
    ...(c.privateIPv4Allocation !== undefined ? { privateIPv4Address: c.privateIPv4Allocation } : {}),
    ...(c.ipv6Allocation !== undefined ? { ipv6Address: c.ipv6Allocation } : {}),
    ...(c.sourceNatIPv6Prefix !== undefined ? { sourceNatIpv6Prefix: c.sourceNatIPv6Prefix } : {}),
    subnetID: m.subnetID,
  };
}
