/**
 * NLB subnet mutators (pkg/gateway/model/subnet/*.go, chained in model_build_subnet.go in this
 * order: EIP, private IPv4, IPv6, source NAT). Each runs only when the first subnet configuration
 * sets its field (validateSubnetsInput already made it all-or-none), needs as many configurations
 * as resolved subnets, and stops the build at its first error, with LBC's text.
 *
 * EIPs and source-NAT prefixes pair with subnets by position; private IPv4 and IPv6 addresses pair
 * by CIDR: each subnet takes the one configured address inside its CIDRs, wherever it is listed.
 */
import type { SubnetConfiguration } from '../source/lbc-crds.js';
import type { StringToken, SubnetMapping } from './stack.js';
import type { IpAddress, IpPrefix } from './ip-address.js';
import { formatIpAddress, formatIpPrefix, parseIpAddress, parseIpPrefix, prefixContains } from './ip-address.js';

/** A resolved subnet as the mutators see it. CIDRs are undefined when discovery is offline. */
export interface MutatorSubnet {
  readonly id: StringToken;
  readonly ipv4Cidrs?: readonly string[];
  readonly ipv6Cidrs?: readonly string[];
}

export type MutateResult = { readonly ok: true; readonly mappings: SubnetMapping[] } | { readonly ok: false; readonly message: string };

type Mutator = (mappings: readonly SubnetMapping[], subnets: readonly MutatorSubnet[], cfgs: readonly SubnetConfiguration[]) => MutateResult;

const ok = (mappings: SubnetMapping[]): MutateResult => ({ ok: true, mappings });
const fail = (message: string): MutateResult => ({ ok: false, message });
const idText = (id: StringToken): string => (typeof id === 'string' ? id : '$unknown' in id ? id.$unknown : id.$ref);
const prefixes = (cidrs: readonly string[]): IpPrefix[] => cidrs.map(parseIpPrefix).filter((p): p is IpPrefix => p !== undefined);

// eip_mutator.go
const eip: Mutator = (mappings, _subnets, cfgs) => {
  if (cfgs[0]?.eipAllocation === undefined) return ok([...mappings]);
  if (mappings.length !== cfgs.length) return fail(`Unable to assign EIP allocations we have ${mappings.length} subnets and ${cfgs.length} EIP allocations`);
  return ok(mappings.map((m, i) => ({ ...m, allocationID: cfgs[i]!.eipAllocation! })));
};

interface AddressKind {
  readonly field: 'privateIPv4Allocation' | 'ipv6Allocation';
  readonly family: 4 | 6;
  /** How LBC names the addresses in its messages. */
  readonly noun: string;
  readonly cidrs: (s: MutatorSubnet) => readonly string[] | undefined;
  readonly set: (m: SubnetMapping, address: string) => SubnetMapping;
}

// private_ipv4_mutator.go and ipv6_mutator.go: the same algorithm for two address families.
function addressMutator(kind: AddressKind): Mutator {
  return (mappings, subnets, cfgs) => {
    if (cfgs[0]?.[kind.field] === undefined) return ok([...mappings]);
    if (mappings.length !== cfgs.length) return fail(`Unable to assign ${kind.noun} addresses we have ${mappings.length} subnets and ${cfgs.length} addresses`);
    const addresses: IpAddress[] = [];
    for (const c of cfgs) {
      const text = c[kind.field]!;
      const a = parseIpAddress(text);
      if (!a) return fail(`${kind.noun} addresses must be valid IP address: ${text}`);
      if (a.family !== kind.family) return fail(`${kind.noun} addresses must be valid IPv${kind.family} address: ${text}`);
      addresses.push(a);
    }
    const out: SubnetMapping[] = [];
    for (const [i, m] of mappings.entries()) {
      const subnet = subnets[i]!;
      const cidrs = kind.cidrs(subnet);
      // Offline the subnet CIDRs are unknown: pair by position, the best guess at the user's intent.
      const inside = cidrs === undefined ? [addresses[i]!] : addresses.filter((a) => prefixes(cidrs).some((p) => prefixContains(p, a)));
      if (inside.length !== 1) return fail(`expect one ${kind.noun} address configured for subnet: ${idText(subnet.id)}`);
      out.push(kind.set(m, formatIpAddress(inside[0]!)));
    }
    return ok(out);
  };
}

const privateIPv4 = addressMutator({
  field: 'privateIPv4Allocation',
  family: 4,
  noun: 'private IPv4',
  cidrs: (s) => s.ipv4Cidrs,
  set: (m, privateIPv4Address) => ({ ...m, privateIPv4Address }),
});

const ipv6 = addressMutator({
  field: 'ipv6Allocation',
  family: 6,
  noun: 'IPv6',
  cidrs: (s) => s.ipv6Cidrs,
  set: (m, ipv6Address) => ({ ...m, ipv6Address }),
});

/** elbv2model.SourceNatIpv6PrefixAutoAssigned */
export const SOURCE_NAT_AUTO_ASSIGNED = 'auto_assigned';

/** networking/utils.go `ValidateSourceNatPrefixForSubnetPair`; undefined when valid. */
export function sourceNatPrefixError(prefix: string, subnetIpv6Cidrs: readonly string[] | undefined): string | undefined {
  if (prefix === SOURCE_NAT_AUTO_ASSIGNED) return undefined;
  const parts = prefix.split('/');
  if (parts.length < 2) return `Invalid value in source-nat-ipv6-prefixes: ${prefix}.`;
  if (parts[1] !== '80') return `Invalid value in source-nat-ipv6-prefixes: ${prefix}. Prefix length must be 80, but ${parts[1]} is specified.`;
  const a = parseIpAddress(parts[0]!);
  if (!a || a.family !== 6) return `Invalid value in source-nat-ipv6-prefixes: ${prefix}. Value must be a valid IPv6 CIDR.`;
  if (subnetIpv6Cidrs === undefined) return undefined; // offline: the subnet's CIDRs are not known yet
  const cidrs = prefixes(subnetIpv6Cidrs);
  if (!cidrs.some((p) => prefixContains(p, a))) {
    return `Invalid value in source-nat-ipv6-prefixes: ${prefix}. Value must be within subnet CIDR range: [${cidrs.map(formatIpPrefix).join(' ')}].`;
  }
  return undefined;
}

// source_nat_mutator.go
const sourceNat: Mutator = (mappings, subnets, cfgs) => {
  if (cfgs[0]?.sourceNatIPv6Prefix === undefined) return ok([...mappings]);
  if (mappings.length !== cfgs.length) return fail(`Unable to assign Source NAT prefix because we have ${mappings.length} subnets and ${cfgs.length} prefixes`);
  const out: SubnetMapping[] = [];
  for (const [i, m] of mappings.entries()) {
    const prefix = cfgs[i]!.sourceNatIPv6Prefix!;
    const bad = sourceNatPrefixError(prefix, subnets[i]!.ipv6Cidrs);
    if (bad) return fail(bad);
    out.push({ ...m, sourceNatIpv6Prefix: prefix });
  }
  return ok(out);
};

const NLB_CHAIN: readonly Mutator[] = [eip, privateIPv4, ipv6, sourceNat];

/** Runs the NLB mutator chain over the resolved subnets' mappings (ALBs have no mutators). */
export function mutateSubnetMappings(subnets: readonly MutatorSubnet[], cfgs: readonly SubnetConfiguration[]): MutateResult {
  let mappings: SubnetMapping[] = subnets.map((s) => ({ subnetID: s.id }));
  for (const mutate of NLB_CHAIN) {
    const r = mutate(mappings, subnets, cfgs);
    if (!r.ok) return r;
    mappings = r.mappings;
  }
  return ok(mappings.map(inGoFieldOrder));
}

/** Keys in elbv2model.SubnetMapping's field order, so the stack JSON reads as LBC's. */
function inGoFieldOrder(m: SubnetMapping): SubnetMapping {
  return {
    ...(m.allocationID !== undefined ? { allocationID: m.allocationID } : {}),
    ...(m.privateIPv4Address !== undefined ? { privateIPv4Address: m.privateIPv4Address } : {}),
    ...(m.ipv6Address !== undefined ? { ipv6Address: m.ipv6Address } : {}),
    ...(m.sourceNatIpv6Prefix !== undefined ? { sourceNatIpv6Prefix: m.sourceNatIpv6Prefix } : {}),
    subnetID: m.subnetID,
  };
}
