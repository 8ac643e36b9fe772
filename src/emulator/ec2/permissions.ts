/**
 * Authorize/RevokeSecurityGroupIngress and …Egress (aws-api-facts.md §5.2). Each peer of an
 * IpPermission becomes one rule (one security group rule id); rule identity is protocol + ports +
 * peer, never the description. CIDRs are stored canonicalised.
 */
import { QUOTAS, SECURITY_GROUP_RULES_MESSAGE } from '../../aws-rules/quotas.js';
import { canonicalIpv4Cidr, canonicalIpv6Cidr } from './cidr.js';
import { AwsError } from '../errors.js';
import { ACCOUNT_ID, ec2Id } from '../ids.js';
import type { HandlerContext } from '../elbv2/context.js';
import type { EmulatorState } from '../state.js';
import type { QueryInput } from '../wire/query-input.js';
import { requireId, SECURITY_GROUP } from './lookup.js';
import type { RulePeer, SecurityGroupRecord, SecurityGroupRuleRecord } from './records.js';
import { ipPermissionSet, securityGroupRuleShape } from './serialize.js';
import { targetGroup } from './security-groups.js';

const NAMED: Record<string, string> = { tcp: 'tcp', udp: 'udp', icmp: 'icmp', icmpv6: 'icmpv6', '-1': '-1', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

type Rule = Omit<SecurityGroupRuleRecord, 'ruleId'>;

function protocolOf(raw: string | undefined): string {
  if (raw === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter ipProtocol');
  const p = NAMED[raw.toLowerCase()] ?? (/^\d+$/.test(raw) && Number(raw) <= 255 ? raw : undefined);
  if (p === undefined) throw new AwsError('InvalidParameterValue', `Invalid value '${raw}' for IP protocol. Unknown protocol.`);
  return p;
}

function portsOf(protocol: string, from: string | undefined, to: string | undefined): Pick<Rule, 'fromPort' | 'toPort'> {
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'icmp' && protocol !== 'icmpv6') return {};
  if (from === undefined || to === undefined) {
    if (protocol === 'tcp' || protocol === 'udp') throw new AwsError('InvalidParameterValue', "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
    return { fromPort: -1, toPort: -1 };
  }
  const f = Number(from);
  const t = Number(to);
  const ok = protocol === 'tcp' || protocol === 'udp' ? f >= 0 && t <= 65535 && f <= t : f >= -1 && t >= -1 && f <= 255 && t <= 255;
  if (!Number.isInteger(f) || !Number.isInteger(t) || !ok) throw new AwsError('InvalidParameterValue', `Invalid port range ${from}-${to} for protocol ${protocol}`);
  return { fromPort: f, toPort: t };
}

function cidr(raw: string, v6: boolean): string {
  const c = v6 ? canonicalIpv6Cidr(raw) : canonicalIpv4Cidr(raw);
  if (c === undefined) throw new AwsError('InvalidParameterValue', `Value (${raw}) for parameter ${v6 ? 'cidrIpv6' : 'cidrIp'} is invalid. This is not a valid CIDR block.`);
  return c;
}

/** Reads `IpPermissions.N` (or the legacy top-level members) into one rule per peer. */
function readRules(state: EmulatorState, input: QueryInput, group: SecurityGroupRecord): Rule[] {
  const perms = input.items('IpPermissions');
  const rules: Rule[] = [];
  const add = (protocol: string, ports: Pick<Rule, 'fromPort' | 'toPort'>, peer: RulePeer, description: string | undefined) =>
    rules.push({ ipProtocol: protocol, ...ports, peer, ...(description !== undefined ? { description } : {}) });
  if (!perms) {
    const protocol = protocolOf(input.str('IpProtocol'));
    const ports = portsOf(protocol, input.str('FromPort'), input.str('ToPort'));
    const c = input.str('CidrIp');
    const source = input.str('SourceSecurityGroupName');
    if (c !== undefined) add(protocol, ports, { kind: 'ipv4', cidr: cidr(c, false) }, undefined);
    if (source !== undefined) {
      const peer = Object.values(state.ec2.securityGroups).find((g) => g.vpcId === group.vpcId && g.groupName === source);
      if (!peer) throw new AwsError('InvalidGroup.NotFound', `The security group '${source}' does not exist`);
      add(protocol, ports, { kind: 'group', groupId: peer.groupId, userId: ACCOUNT_ID }, undefined);
    }
    return rules;
  }
  for (const p of perms) {
    const protocol = protocolOf(p.str('IpProtocol'));
    const ports = portsOf(protocol, p.str('FromPort'), p.str('ToPort'));
    for (const r of p.items('IpRanges') ?? []) add(protocol, ports, { kind: 'ipv4', cidr: cidr(r.requiredStr('CidrIp'), false) }, r.str('Description'));
    for (const r of p.items('Ipv6Ranges') ?? []) add(protocol, ports, { kind: 'ipv6', cidr: cidr(r.requiredStr('CidrIpv6'), true) }, r.str('Description'));
    for (const r of p.items('PrefixListIds') ?? []) add(protocol, ports, { kind: 'prefix-list', prefixListId: r.requiredStr('PrefixListId') }, r.str('Description'));
    for (const r of p.items('Groups') ?? []) {
      const id = r.str('GroupId');
      const name = r.str('GroupName');
      const peer = id !== undefined ? requireId<SecurityGroupRecord>(state, SECURITY_GROUP, id) : Object.values(state.ec2.securityGroups).find((g) => g.vpcId === group.vpcId && g.groupName === name);
      if (!peer) throw new AwsError('InvalidGroup.NotFound', `The security group '${name ?? ''}' does not exist`);
      add(protocol, ports, { kind: 'group', groupId: peer.groupId, userId: r.str('UserId') ?? ACCOUNT_ID }, r.str('Description'));
    }
  }
  return rules;
}

function identity(r: Rule): string {
  const peer = r.peer.kind === 'ipv4' || r.peer.kind === 'ipv6' ? r.peer.cidr : r.peer.kind === 'group' ? r.peer.groupId : r.peer.prefixListId;
  return `${r.ipProtocol}|${r.fromPort ?? ''}|${r.toPort ?? ''}|${peer}`;
}

/** The observed text of InvalidPermission.Duplicate: "peer: 0.0.0.0/0, TCP, from port: 443, to port: 443, ALLOW". */
function describeRule(r: Rule): string {
  const peer = identity(r).split('|')[3];
  const protocol = r.ipProtocol === '-1' ? 'ALL' : NAMED[r.ipProtocol] === r.ipProtocol ? r.ipProtocol.toUpperCase() : `protocol: ${r.ipProtocol}`;
  const ports = r.fromPort !== undefined && r.ipProtocol !== '-1' ? `, from port: ${r.fromPort}, to port: ${r.toPort}` : '';
  return `peer: ${peer}, ${protocol}${ports}, ALLOW`;
}

function direction(input: QueryInput, state: EmulatorState, egress: boolean): SecurityGroupRecord {
  if (egress && input.str('GroupId') === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter groupId');
  return targetGroup(state, input);
}

function authorize(egress: boolean) {
  return (input: QueryInput, ctx: HandlerContext) => {
    const state = ctx.store.state;
    const group = direction(input, state, egress);
    const requested = readRules(state, input, group);
    if (requested.length === 0) throw new AwsError('MissingParameter', 'No permissions were specified; give IpPermissions with at least one IP range, prefix list or group');
    const ids = requested.map(identity);
    if (new Set(ids).size !== ids.length) throw new AwsError('InvalidParameterValue', 'The same permission must not appear multiple times');
    const current = egress ? group.egress : group.ingress;
    const existing = requested.find((r) => current.some((c) => identity(c) === identity(r)));
    if (existing) throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(existing)}" already exists`);
    if (current.length + requested.length > QUOTAS.securityGroupRules) throw new AwsError('RulesPerSecurityGroupLimitExceeded', SECURITY_GROUP_RULES_MESSAGE);
    const added = requested.map((r): SecurityGroupRuleRecord => ({ ...r, ruleId: ec2Id('sgr') }));
    current.push(...added);
    ctx.store.changed();
    return { return: true, securityGroupRuleSet: added.map((r) => securityGroupRuleShape(group, r, egress)) };
  };
}

/** Missing rules: InvalidPermission.NotFound outside the default VPC; listed as unknown inside it (§5.2). */
function revoke(egress: boolean) {
  return (input: QueryInput, ctx: HandlerContext) => {
    const state = ctx.store.state;
    const group = direction(input, state, egress);
    const current = egress ? group.egress : group.ingress;
    const ruleIds = input.itemStrings('SecurityGroupRuleId');
    let removed: SecurityGroupRuleRecord[];
    let unknown: Rule[] = [];
    if (ruleIds) {
      const missing = ruleIds.find((id) => !current.some((r) => r.ruleId === id));
      if (missing) throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${missing}' does not exist`);
      removed = current.filter((r) => ruleIds.includes(r.ruleId));
    } else {
      const requested = readRules(state, input, group);
      unknown = requested.filter((r) => !current.some((c) => identity(c) === identity(r)));
      if (unknown.length > 0 && !state.ec2.vpcs[group.vpcId]?.isDefault) {
        throw new AwsError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
      }
      const wanted = new Set(requested.map(identity));
      removed = current.filter((c) => wanted.has(identity(c)));
    }
    const next = current.filter((r) => !removed.includes(r));
    if (egress) group.egress = next;
    else group.ingress = next;
    ctx.store.changed();
    return {
      return: true,
      unknownIpPermissionSet: unknown.length > 0 ? ipPermissionSet(state, unknown.map((r) => ({ ...r, ruleId: '' }))) : undefined,
      revokedSecurityGroupRuleSet: removed.map((r) => {
        const shape = securityGroupRuleShape(group, r, egress);
        return { ...shape, referencedGroupId: r.peer.kind === 'group' ? r.peer.groupId : undefined, referencedGroupInfo: undefined, tagSet: undefined, groupOwnerId: undefined, securityGroupRuleArn: undefined };
      }),
    };
  };
}

export const authorizeSecurityGroupIngress = authorize(false);
export const authorizeSecurityGroupEgress = authorize(true);
export const revokeSecurityGroupIngress = revoke(false);
export const revokeSecurityGroupEgress = revoke(true);
