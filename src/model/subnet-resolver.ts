/**
 * Which EC2 subnets an LB gets (pkg/networking/subnet_resolver.go), from known discovery facts:
 * by names or IDs (kept in the order given), by tag selector, or by discovery (role tag, then
 * reachability), one subnet per AZ. Errors carry LBC's text.
 */
import type { ClusterSettings } from './settings.js';
import type { SubnetFacts } from './discovery.js';

export interface ResolveOptions {
  readonly lbType: 'application' | 'network';
  readonly scheme: 'internal' | 'internet-facing';
  readonly ipAddressType: string;
  readonly settings: ClusterSettings;
}

export type Resolved = { readonly ok: true; readonly subnets: SubnetFacts[] } | { readonly ok: false; readonly message: string };

const ok = (subnets: SubnetFacts[]): Resolved => ({ ok: true, subnets });
const fail = (message: string): Resolved => ({ ok: false, message });
const byId = (a: SubnetFacts, b: SubnetFacts): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Go's `%v` of a string slice. */
const goList = (xs: readonly string[]): string => `[${xs.join(' ')}]`;

/** `isIPv6CIDRRequired` (and model utilities.go `isIPv6Supported`): both dualstack types. */
export function isIPv6Required(ipAddressType: string): boolean {
  return ipAddressType === 'dualstack' || ipAddressType === 'dualstack-without-public-ipv4';
}

/** `ResolveViaNameOrIDSlice`: IDs (`subnet-…`) and `Name` tags, in the order given, then validated. */
export function resolveByNameOrIds(nameOrIds: readonly string[], all: readonly SubnetFacts[], opts: ResolveOptions): Resolved {
  const listed = listByNameOrIds(nameOrIds, all);
  if (typeof listed === 'string') return fail(`failed to list subnets by names or IDs: ${listed}`);
  const bad = validateSpecified(listed, opts);
  return bad ? fail(bad) : ok(listed);
}

// listSubnetsByNameOrIDs: subnets sharing a Name tag are handed out in subnet-ID order.
function listByNameOrIds(nameOrIds: readonly string[], all: readonly SubnetFacts[]): SubnetFacts[] | string {
  const ids = nameOrIds.filter((x) => x.startsWith('subnet-'));
  const names = [...new Set(nameOrIds.filter((x) => !x.startsWith('subnet-')))];
  if (ids.length > 0) {
    const found = all.filter((s) => ids.includes(s.id));
    if (found.length !== ids.length) return `couldn't find all subnets, want: ${goList(ids)}, found: ${goList(found.map((s) => s.id))}`;
  }
  const missing = names.filter((n) => !all.some((s) => s.tags['Name'] === n));
  if (missing.length > 0) return `couldn't find all subnets, missing names: ${goList(missing)}`;
  const used = new Map<string, number>();
  const out: SubnetFacts[] = [];
  for (const x of nameOrIds) {
    if (x.startsWith('subnet-')) {
      out.push(all.find((s) => s.id === x)!);
      continue;
    }
    const named = all.filter((s) => s.tags['Name'] === x).sort(byId);
    const n = used.get(x) ?? 0;
    if (n >= named.length) return `subnet with Name tag ${JSON.stringify(x)} requested ${n + 1} times but only ${named.length} subnet(s) found with that name`;
    used.set(x, n + 1);
    out.push(named[n]!);
  }
  return out;
}

// validateSpecifiedSubnets
function validateSpecified(subnets: readonly SubnetFacts[], opts: ResolveOptions): string | undefined {
  if (subnets.length === 0) return 'unable to resolve at least one subnet';
  for (const az of new Set(subnets.map((s) => s.availabilityZone))) {
    const inAz = subnets.filter((s) => s.availabilityZone === az);
    if (inAz.length > 1) return `multiple subnets in same Availability Zone ${az}: ${goList(inAz.map((s) => s.id))}`;
  }
  const bad = validateLocaleAndCount(subnets, opts);
  if (bad) return bad;
  const withoutV6 = subnets.filter((s) => s.ipv6Cidrs.length === 0).map((s) => s.id);
  if (isIPv6Required(opts.ipAddressType) && withoutV6.length > 0) {
    return `subnets ${goList(withoutV6)} do not have an associated IPv6 CIDR block, which is required for ${opts.ipAddressType} load balancers`;
  }
  return undefined;
}

// validateSubnetsLocaleUniformity + validateSubnetsMinimalCount (ALB in regular AZs needs two).
function validateLocaleAndCount(subnets: readonly SubnetFacts[], opts: ResolveOptions): string | undefined {
  const locales = [...new Set(subnets.map((s) => s.zoneType ?? 'availability-zone'))].sort();
  if (locales.length > 1) return `subnets in multiple locales: ${goList(locales)}`;
  const minimal = opts.lbType === 'application' && locales[0] === 'availability-zone' && !opts.settings.featureGates.ALBSingleSubnet ? 2 : 1;
  if (subnets.length < minimal) return `subnets count less than minimal required count: ${subnets.length} < ${minimal}`;
  return undefined;
}

/** `ResolveViaSelector` (tags): every selector key present with one of its values (any value if none listed). */
export function resolveBySelector(selector: Readonly<Record<string, readonly string[]>>, all: readonly SubnetFacts[], opts: ResolveOptions): Resolved {
  const matching = all.filter((s) => Object.entries(selector).every(([k, vs]) => k in s.tags && (vs.length === 0 || vs.includes(s.tags[k]!))));
  return chooseAndValidatePerAz(matching, opts);
}

/** `ResolveViaDiscovery`: the scheme's role tag (`""` or `"1"`), else (gate on) reachability. */
export function resolveByDiscovery(all: readonly SubnetFacts[], opts: ResolveOptions): Resolved {
  const role = opts.scheme === 'internet-facing' ? 'kubernetes.io/role/elb' : 'kubernetes.io/role/internal-elb';
  let candidates = all.filter((s) => s.tags[role] === '' || s.tags[role] === '1');
  if (candidates.length === 0 && opts.settings.featureGates.SubnetDiscoveryByReachability) {
    candidates = all.filter((s) => (s.public ?? false) === (opts.scheme === 'internet-facing'));
  }
  return chooseAndValidatePerAz(candidates, opts);
}

// chooseAndValidateSubnetsPerAZ, with categorizeSubnetsByEligibility's counts in the error.
function chooseAndValidatePerAz(subnets: readonly SubnetFacts[], opts: ResolveOptions): Resolved {
  const cluster = opts.settings.clusterName;
  const v6 = isIPv6Required(opts.ipAddressType);
  const count = { otherCluster: 0, fewIps: 0, noV6: 0 };
  const eligible: SubnetFacts[] = [];
  for (const s of subnets) {
    if (!hasEligibleClusterTag(s, cluster, opts.settings.featureGates.SubnetsClusterTagCheck)) count.otherCluster++;
    else if (s.availableIpAddressCount < 8) count.fewIps++;
    else if (v6 && s.ipv6Cidrs.length === 0) count.noV6++;
    else eligible.push(s);
  }
  const chosen = chooseOnePerAz(eligible, cluster);
  if (chosen.length === 0) {
    const head = `unable to resolve at least one subnet. Evaluated ${subnets.length} subnets: ${count.otherCluster} are tagged for other clusters`;
    return fail(
      v6
        ? `${head}, ${count.fewIps} have insufficient available IP addresses, and ${count.noV6} don't have an associated IPv6 CIDR block, which is required for ${opts.ipAddressType} load balancers`
        : `${head}, and ${count.fewIps} have insufficient available IP addresses`,
    );
  }
  const bad = validateLocaleAndCount(chosen, opts);
  return bad ? fail(bad) : ok(chosen);
}

// isSubnetContainsEligibleClusterTag: note the prefix has no trailing slash.
function hasEligibleClusterTag(s: SubnetFacts, cluster: string, check: boolean): boolean {
  if (!check) return true;
  const keys = Object.keys(s.tags);
  return keys.includes(`kubernetes.io/cluster/${cluster}`) || !keys.some((k) => k.startsWith('kubernetes.io/cluster'));
}

/** `chooseSubnetsPerAZ`: prefer `kubernetes.io/cluster/<this>`, then the smallest ID; result sorted by ID. */
export function chooseOnePerAz(subnets: readonly SubnetFacts[], cluster: string): SubnetFacts[] {
  const best = new Map<string, SubnetFacts>();
  const tagged = (s: SubnetFacts): boolean => `kubernetes.io/cluster/${cluster}` in s.tags;
  for (const s of subnets) {
    const cur = best.get(s.availabilityZone);
    if (!cur || (tagged(s) && !tagged(cur)) || (tagged(s) === tagged(cur) && s.id < cur.id)) best.set(s.availabilityZone, s);
  }
  return [...best.values()].sort(byId);
}
