/**
 * DescribeSecurityGroups, CreateSecurityGroup and DeleteSecurityGroup (aws-api-facts.md §5.1,
 * §5.2). Names are unique per VPC regardless of case; a group still used by a load balancer, a
 * network interface or another group's rule cannot be deleted (DependencyViolation).
 */
import { AwsError } from '../errors.js';
import { ACCOUNT_ID, ec2Id } from '../ids.js';
import type { HandlerContext } from '../elbv2/context.js';
import type { EmulatorState } from '../state.js';
import type { QueryInput } from '../wire/query-input.js';
import { applyFilters, readFilters, type FilterFields } from './filters.js';
import { requireId, requireIds, SECURITY_GROUP, VPC } from './lookup.js';
import { ec2Paginate } from './paging.js';
import type { SecurityGroupRecord, SecurityGroupRuleRecord, VpcRecord } from './records.js';
import { securityGroupArn, securityGroupShape, tagSet } from './serialize.js';
import { readTagSpecifications } from './tags.js';

const NAME_PATTERN = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

function ruleFields(pick: (g: SecurityGroupRecord) => SecurityGroupRuleRecord[]): FilterFields<SecurityGroupRecord> {
  const peers = (g: SecurityGroupRecord, kind: string, get: (r: SecurityGroupRuleRecord) => string | undefined) => pick(g).filter((r) => r.peer.kind === kind).map(get);
  return {
    cidr: (g) => peers(g, 'ipv4', (r) => (r.peer.kind === 'ipv4' ? r.peer.cidr : undefined)),
    'ipv6-cidr': (g) => peers(g, 'ipv6', (r) => (r.peer.kind === 'ipv6' ? r.peer.cidr : undefined)),
    'prefix-list-id': (g) => peers(g, 'prefix-list', (r) => (r.peer.kind === 'prefix-list' ? r.peer.prefixListId : undefined)),
    'group-id': (g) => peers(g, 'group', (r) => (r.peer.kind === 'group' ? r.peer.groupId : undefined)),
    'user-id': (g) => peers(g, 'group', (r) => (r.peer.kind === 'group' ? r.peer.userId : undefined)),
    'from-port': (g) => pick(g).map((r) => r.fromPort ?? -1),
    'to-port': (g) => pick(g).map((r) => r.toPort ?? -1),
    protocol: (g) => pick(g).map((r) => r.ipProtocol),
  };
}

function prefixed(prefix: string, fields: FilterFields<SecurityGroupRecord>): FilterFields<SecurityGroupRecord> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}${k}`, v]));
}

const SG_FILTERS: FilterFields<SecurityGroupRecord> = {
  description: (g) => [g.description],
  'group-id': (g) => [g.groupId],
  'group-name': (g) => [g.groupName],
  'owner-id': () => [ACCOUNT_ID],
  'vpc-id': (g) => [g.vpcId],
  ...prefixed('ip-permission.', ruleFields((g) => g.ingress)),
  ...prefixed('egress.ip-permission.', ruleFields((g) => g.egress)),
};

export function defaultVpc(state: EmulatorState): VpcRecord {
  const vpc = Object.values(state.ec2.vpcs).find((v) => v.isDefault);
  if (!vpc) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.');
  return vpc;
}

/** `GroupName` addresses groups of the default VPC only (§5.1). */
function byName(state: EmulatorState, name: string): SecurityGroupRecord {
  const vpc = defaultVpc(state);
  const g = Object.values(state.ec2.securityGroups).find((s) => s.vpcId === vpc.vpcId && s.groupName === name);
  if (!g) throw new AwsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${vpc.vpcId}'`);
  return g;
}

/** The group a mutation addresses: `GroupId`, or `GroupName` in the default VPC. */
export function targetGroup(state: EmulatorState, input: QueryInput): SecurityGroupRecord {
  const id = input.str('GroupId');
  if (id !== undefined) return requireId<SecurityGroupRecord>(state, SECURITY_GROUP, id);
  const name = input.str('GroupName');
  if (name !== undefined) return byName(state, name);
  throw new AwsError('MissingParameter', 'The request must contain the parameter groupName or groupId');
}

export function describeSecurityGroups(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const ids = input.itemStrings('GroupId');
  const names = input.itemStrings('GroupName');
  let base = Object.values(state.ec2.securityGroups);
  if (ids) base = requireIds<SecurityGroupRecord>(state, SECURITY_GROUP, ids);
  if (names) base = base.filter((g) => names.map((n) => byName(state, n).groupId).includes(g.groupId));
  const page = ec2Paginate(applyFilters(base, readFilters(input), SG_FILTERS), input);
  return { securityGroupInfo: page.items.map((g) => securityGroupShape(state, g)), nextToken: page.nextToken };
}

export function createSecurityGroup(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const name = input.str('GroupName');
  if (name === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter GroupName');
  const description = input.str('GroupDescription');
  if (description === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter GroupDescription');
  if (!NAME_PATTERN.test(name)) throw new AwsError('InvalidParameterValue', `Value (${name}) for parameter GroupName is invalid. Character sets beyond ASCII are not supported.`);
  if (name.toLowerCase().startsWith('sg-')) throw new AwsError('InvalidParameterValue', "Group names may not be in the format sg-*.");
  if (description.length > 255 || !NAME_PATTERN.test(description)) throw new AwsError('InvalidParameterValue', `Value (${description}) for parameter GroupDescription is invalid.`);
  const vpcId = input.str('VpcId');
  const vpc = vpcId !== undefined ? requireId<VpcRecord>(state, VPC, vpcId) : defaultVpc(state);
  const tags = readTagSpecifications(input, 'security-group');
  const clash = Object.values(state.ec2.securityGroups).find((g) => g.vpcId === vpc.vpcId && g.groupName.toLowerCase() === name.toLowerCase());
  if (clash) throw new AwsError('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpc.vpcId}'`);
  const groupId = ec2Id('sg');
  // A new VPC group allows all outbound traffic and no inbound traffic (§5.2).
  const group: SecurityGroupRecord = {
    groupId,
    groupName: name,
    description,
    vpcId: vpc.vpcId,
    ingress: [],
    egress: [{ ruleId: ec2Id('sgr'), ipProtocol: '-1', peer: { kind: 'ipv4', cidr: '0.0.0.0/0' } }],
    tags,
  };
  state.ec2.securityGroups[groupId] = group;
  ctx.store.changed();
  return { return: true, groupId, securityGroupArn: securityGroupArn(groupId), tagSet: tags.length > 0 ? tagSet(tags) : undefined };
}

/** What still depends on a group: load balancers, network interfaces and other groups' rules. */
function dependents(state: EmulatorState, groupId: string): string[] {
  const out: string[] = [];
  for (const lb of Object.values(state.elbv2.loadBalancers)) if (lb.securityGroups?.includes(groupId)) out.push(lb.arn);
  for (const n of Object.values(state.ec2.networkInterfaces)) if (n.groupIds.includes(groupId)) out.push(n.networkInterfaceId);
  for (const g of Object.values(state.ec2.securityGroups)) {
    if (g.groupId === groupId) continue;
    if ([...g.ingress, ...g.egress].some((r) => r.peer.kind === 'group' && r.peer.groupId === groupId)) out.push(g.groupId);
  }
  return out;
}

export function deleteSecurityGroup(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const group = targetGroup(state, input);
  if (group.groupName === 'default') {
    throw new AwsError('CannotDelete', `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`);
  }
  if (dependents(state, group.groupId).length > 0) throw new AwsError('DependencyViolation', `resource ${group.groupId} has a dependent object`);
  delete state.ec2.securityGroups[group.groupId];
  ctx.store.changed();
  return { return: true, groupId: group.groupId };
}
