/**
 * CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup and DeleteTargetGroup
 * (aws-api-facts.md §2.3 "Target groups").
 */
import { AwsError, validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import { expectKind, newTargetGroupArn, requireLoadBalancer, requireTargetGroup } from './arns.js';
import { targetGroupAttributeDefaults } from './attribute-defaults.js';
import type { HandlerContext } from './context.js';
import { defaultHealthCheck, readHealthCheck } from './health-checks.js';
import { paginate } from './pagination.js';
import type { TargetGroupRecord } from './records.js';
import { targetGroupLoadBalancers } from './references.js';
import { targetGroupShape } from './serialize.js';
import { readTags, validateTargetGroupName } from './validation.js';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE', 'QUIC', 'TCP_QUIC'] as const;
const TARGET_TYPES = ['instance', 'ip', 'lambda', 'alb'] as const;
const PROTOCOL_VERSIONS = ['HTTP1', 'HTTP2', 'GRPC'];
const MAX_TARGET_GROUPS = 3000;

/** The settings that decide whether a repeated CreateTargetGroup is idempotent (§0.7). */
function settingsKey(tg: Omit<TargetGroupRecord, 'arn' | 'attributes' | 'targets'>): string {
  return JSON.stringify([tg.protocol, tg.port, tg.vpcId, tg.targetType, tg.protocolVersion, tg.ipAddressType, tg.healthCheck]);
}

export function createTargetGroup(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const name = input.requiredStr('Name');
  validateTargetGroupName(name);
  const targetType = input.enumValue('TargetType', TARGET_TYPES) ?? 'instance';
  const protocol = input.enumValue('Protocol', PROTOCOLS);
  const port = input.int('Port', { min: 1, max: 65535 });
  const vpcId = input.str('VpcId');
  if (targetType === 'lambda') {
    if (protocol !== undefined || port !== undefined || vpcId !== undefined) {
      throw validationError('Protocol, port and VPC ID cannot be specified for target groups with the lambda target type');
    }
  } else {
    if (protocol === undefined) throw validationError('A protocol must be specified');
    if (port === undefined && protocol !== 'GENEVE') throw validationError('A port must be specified');
    if (vpcId === undefined) throw validationError('A VPC ID must be specified');
    if (!state.ec2.vpcs[vpcId]) throw validationError(`The VPC ID '${vpcId}' is not found`);
  }
  if (targetType === 'alb' && protocol !== 'TCP') throw validationError("Target groups with target type 'alb' must use the TCP protocol");
  const protocolVersionRaw = input.str('ProtocolVersion');
  if (protocolVersionRaw !== undefined) {
    if (!PROTOCOL_VERSIONS.includes(protocolVersionRaw)) throw validationError(`Protocol version '${protocolVersionRaw}' is not valid; use one of [${PROTOCOL_VERSIONS.join(', ')}]`);
    if (protocol !== 'HTTP' && protocol !== 'HTTPS') throw validationError('A protocol version can only be specified for HTTP and HTTPS target groups');
  }
  const protocolVersion = protocolVersionRaw ?? (protocol === 'HTTP' || protocol === 'HTTPS' ? 'HTTP1' : undefined);
  const ipAddressType = input.enumValue('IpAddressType', ['ipv4', 'ipv6'] as const) ?? (targetType === 'lambda' ? undefined : 'ipv4');
  const kind = { protocol, targetType, protocolVersion };
  const healthCheck = readHealthCheck(input, kind, defaultHealthCheck(kind));
  const tags = readTags(input);
  const settings = { name, targetType, protocol, port: port ?? (protocol === 'GENEVE' ? 6081 : undefined), vpcId, protocolVersion, ipAddressType, healthCheck };

  // Names are unique per region across ALB, NLB and GWLB target groups (§2.3).
  const existing = Object.values(state.elbv2.targetGroups).find((tg) => tg.name.toLowerCase() === name.toLowerCase());
  if (existing) {
    if (settingsKey(existing) !== settingsKey(settings)) throw new AwsError('DuplicateTargetGroupName', `A target group with the same name '${name}' exists, but with different settings`);
    return { TargetGroups: [targetGroupShape(state, existing)] };
  }
  if (Object.keys(state.elbv2.targetGroups).length >= MAX_TARGET_GROUPS) {
    throw new AwsError('TooManyTargetGroups', `The quota of ${MAX_TARGET_GROUPS} target groups per region has been reached; delete unused target groups first`);
  }
  const tg: TargetGroupRecord = { ...stripUndefined(settings), arn: newTargetGroupArn(name), attributes: targetGroupAttributeDefaults(kind), targets: [] };
  state.elbv2.targetGroups[tg.arn] = tg;
  state.elbv2.tags[tg.arn] = tags ?? [];
  ctx.store.changed();
  return { TargetGroups: [targetGroupShape(state, tg)] };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function describeTargetGroups(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const lbArn = input.str('LoadBalancerArn');
  const arns = input.memberStrings('TargetGroupArns');
  const names = input.memberStrings('Names');
  const given = [lbArn !== undefined, (arns?.length ?? 0) > 0, (names?.length ?? 0) > 0].filter(Boolean).length;
  if (given > 1) throw validationError('Target group names, target group ARNs, and a load balancer ARN cannot be specified at the same time');
  let selected = Object.values(state.elbv2.targetGroups);
  if (lbArn !== undefined) {
    requireLoadBalancer(state, lbArn);
    selected = selected.filter((tg) => targetGroupLoadBalancers(state, tg.arn).includes(lbArn));
  } else if (arns && arns.length > 0) {
    for (const arn of arns) requireTargetGroup(state, arn);
    selected = arns.map((a) => state.elbv2.targetGroups[a]!);
  } else if (names && names.length > 0) {
    const found = names.map((n) => selected.find((tg) => tg.name === n));
    if (found.some((tg) => tg === undefined)) throw new AwsError('TargetGroupNotFound', 'One or more target groups not found');
    selected = found as TargetGroupRecord[];
  }
  const page = paginate(selected, input);
  return { TargetGroups: page.items.map((tg) => targetGroupShape(state, tg)), NextMarker: page.nextMarker };
}

/** Only health-check settings can change; protocol, port and VPC are fixed at creation (§2.3). */
export function modifyTargetGroup(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const tg = requireTargetGroup(state, input.requiredStr('TargetGroupArn'));
  tg.healthCheck = readHealthCheck(input, tg, tg.healthCheck);
  ctx.store.changed();
  return { TargetGroups: [targetGroupShape(state, tg)] };
}

export function deleteTargetGroup(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const arn = input.requiredStr('TargetGroupArn');
  // The model lists no NotFound error here, so deleting an unknown target group succeeds (§2.3).
  if (!state.elbv2.targetGroups[arn]) {
    expectKind(arn, 'targetgroup');
    return {};
  }
  if (targetGroupLoadBalancers(state, arn).length > 0) {
    throw new AwsError('ResourceInUse', `Target group '${arn}' is currently in use by a listener or a rule`);
  }
  delete state.elbv2.targetGroups[arn];
  delete state.elbv2.tags[arn];
  ctx.store.changed();
  return {};
}

