/**
 * CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer, SetSubnets, SetSecurityGroups
 * and SetIpAddressType (aws-api-facts.md §2.3 "Load balancers").
 */
import { AwsError, validationError } from '../errors.js';
import { ALB_HOSTED_ZONE_ID, digits, hex, NLB_HOSTED_ZONE_ID, REGION } from '../ids.js';
import type { EmulatorState } from '../state.js';
import type { QueryInput } from '../wire/query-input.js';
import { findLoadBalancer, newLoadBalancerArn, requireLoadBalancer } from './arns.js';
import { loadBalancerAttributeDefaults } from './attribute-defaults.js';
import type { HandlerContext } from './context.js';
import { checkIpAddressType, checkSecurityGroups, defaultSecurityGroup, readPlacement } from './network.js';
import { paginate } from './pagination.js';
import { checkSourceNat, readSourceNat, sourceNatShape } from './source-nat.js';
import type { LoadBalancerRecord, LoadBalancerType, Scheme } from './records.js';
import { listenersOf, rulesOf } from './references.js';
import { availabilityZonesShape, loadBalancerShape } from './serialize.js';
import { readTags, sameSet, validateLoadBalancerName } from './validation.js';

const TYPES: readonly LoadBalancerType[] = ['application', 'network', 'gateway'];
const SCHEMES: readonly Scheme[] = ['internet-facing', 'internal'];
const IP_ADDRESS_TYPES = ['ipv4', 'dualstack', 'dualstack-without-public-ipv4'] as const;
const MAX_LOAD_BALANCERS: Record<LoadBalancerType, number> = { application: 50, network: 50, gateway: 100 };

function dnsName(type: LoadBalancerType, scheme: Scheme, name: string): string {
  const prefix = scheme === 'internal' ? 'internal-' : '';
  return type === 'application' ? `${prefix}${name}-${digits(10)}.${REGION}.elb.amazonaws.com` : `${prefix}${name}-${hex(16)}.elb.${REGION}.amazonaws.com`;
}

export function createLoadBalancer(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const name = input.requiredStr('Name');
  validateLoadBalancerName(name);
  const type = input.enumValue('Type', TYPES) ?? 'application';
  const scheme = input.enumValue('Scheme', SCHEMES) ?? 'internet-facing';
  const ipAddressType = input.enumValue('IpAddressType', IP_ADDRESS_TYPES) ?? 'ipv4';
  const placement = readPlacement(state, input, type);
  checkIpAddressType(type, scheme, ipAddressType, placement.allHaveIpv6);
  const sourceNat = readSourceNat(input, type, ipAddressType, undefined);
  const requestedGroups = input.memberStrings('SecurityGroups');
  if (type === 'gateway' && requestedGroups && requestedGroups.length > 0) {
    throw new AwsError('InvalidConfigurationRequest', 'Gateway Load Balancers do not support security groups; remove SecurityGroups');
  }
  let securityGroups: string[] | undefined;
  if (requestedGroups && requestedGroups.length > 0) securityGroups = checkSecurityGroups(state, placement.vpcId, requestedGroups);
  else if (type === 'application') securityGroups = defaultSecurityGroup(state, placement.vpcId);
  const tags = readTags(input);

  const existing = Object.values(state.elbv2.loadBalancers).find((lb) => lb.name.toLowerCase() === name.toLowerCase());
  if (existing) {
    // Same name and same settings is idempotent and returns the existing LB (§0.7).
    const same =
      existing.type === type &&
      existing.scheme === scheme &&
      existing.ipAddressType === ipAddressType &&
      sourceNatShape(existing) === sourceNat &&
      sameSet(existing.subnets.map((s) => s.subnetId), placement.subnets.map((s) => s.subnetId)) &&
      sameSet(existing.securityGroups, securityGroups);
    if (!same) throw new AwsError('DuplicateLoadBalancerName', `A load balancer with the same name '${name}' exists, but with different settings`);
    return { LoadBalancers: [loadBalancerShape(existing)] };
  }
  const count = Object.values(state.elbv2.loadBalancers).filter((lb) => lb.type === type).length;
  if (count >= MAX_LOAD_BALANCERS[type]) {
    throw new AwsError('TooManyLoadBalancers', `The quota of ${MAX_LOAD_BALANCERS[type]} ${type} load balancers per region has been reached; delete one first`);
  }
  const arn = newLoadBalancerArn(type, name);
  const activeAtOnce = ctx.controls.lifecycle().describesUntilActive <= 0;
  const lb: LoadBalancerRecord = {
    arn,
    name,
    type,
    scheme,
    dnsName: dnsName(type, scheme, name),
    hostedZoneId: type === 'application' ? ALB_HOSTED_ZONE_ID : NLB_HOSTED_ZONE_ID,
    createdTime: new Date(ctx.now).toISOString(),
    createdAtMs: ctx.now,
    vpcId: placement.vpcId,
    subnets: placement.subnets,
    securityGroups,
    ipAddressType,
    state: activeAtOnce ? 'active' : 'provisioning',
    describesSeen: 0,
    attributes: loadBalancerAttributeDefaults(type, scheme),
    ...(type === 'network' && securityGroups ? { enforcePrivateLinkInbound: 'on' } : {}),
    ...(sourceNat ? { enablePrefixForIpv6SourceNat: sourceNat } : {}),
  };
  state.elbv2.loadBalancers[arn] = lb;
  state.elbv2.tags[arn] = tags ?? [];
  ctx.store.changed();
  return { LoadBalancers: [loadBalancerShape(lb)] };
}

/** Moves a provisioning LB to active after N describes or M ms (see LifecycleSettings). */
function observe(lb: LoadBalancerRecord, ctx: HandlerContext): void {
  if (lb.state === 'active') return;
  const { describesUntilActive, msUntilActive } = ctx.controls.lifecycle();
  lb.describesSeen += 1;
  if (lb.describesSeen >= describesUntilActive || (msUntilActive !== undefined && ctx.now - lb.createdAtMs >= msUntilActive)) lb.state = 'active';
  ctx.store.changed();
}

export function describeLoadBalancers(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const arns = input.memberStrings('LoadBalancerArns');
  const names = input.memberStrings('Names');
  if (arns && arns.length > 0 && names && names.length > 0) throw validationError('Load balancer names and load balancer ARNs cannot be specified at the same time');
  let selected = Object.values(state.elbv2.loadBalancers);
  if (arns && arns.length > 0) {
    if (arns.length > 20) throw validationError(`At most 20 load balancer ARNs can be given per call; ${arns.length} were given`);
    const missing = arns.filter((a) => !findLoadBalancer(state, a));
    if (missing.length > 0) throw new AwsError('LoadBalancerNotFound', `Load balancers '[${missing.join(', ')}]' not found`);
    selected = arns.map((a) => state.elbv2.loadBalancers[a]!);
  } else if (names && names.length > 0) {
    const missing = names.filter((n) => !selected.some((lb) => lb.name === n));
    if (missing.length > 0) throw new AwsError('LoadBalancerNotFound', `Load balancers '[${missing.join(', ')}]' not found`);
    selected = names.map((n) => selected.find((lb) => lb.name === n)!);
  }
  const page = paginate(selected, input);
  for (const lb of page.items) observe(lb, ctx);
  return { LoadBalancers: page.items.map(loadBalancerShape), NextMarker: page.nextMarker };
}

/** Deletes listeners and rules with the LB; target groups and their targets survive (§2.3). */
export function deleteLoadBalancer(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const lb = findLoadBalancer(state, input.requiredStr('LoadBalancerArn'));
  if (!lb) return {};
  if (lb.attributes['deletion_protection.enabled'] === 'true') {
    throw new AwsError('OperationNotPermitted', `Load balancer '${lb.arn}' cannot be deleted because deletion protection is enabled; set deletion_protection.enabled=false first`);
  }
  removeLoadBalancer(state, lb.arn);
  ctx.store.changed();
  return {};
}

export function removeLoadBalancer(state: EmulatorState, arn: string): void {
  for (const listener of listenersOf(state, arn)) {
    for (const rule of rulesOf(state, listener.arn)) {
      delete state.elbv2.rules[rule.arn];
      delete state.elbv2.tags[rule.arn];
    }
    delete state.elbv2.listeners[listener.arn];
    delete state.elbv2.tags[listener.arn];
  }
  delete state.elbv2.loadBalancers[arn];
  delete state.elbv2.tags[arn];
}

export function setSubnets(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const lb = requireLoadBalancer(state, input.requiredStr('LoadBalancerArn'));
  const placement = readPlacement(state, input, lb.type);
  if (placement.vpcId !== lb.vpcId) throw new AwsError('InvalidConfigurationRequest', `The subnets must be in the load balancer's VPC '${lb.vpcId}'`);
  if (lb.type === 'network') {
    const dropped = lb.subnets.filter((s) => !placement.subnets.some((p) => p.subnetId === s.subnetId));
    if (dropped.length > 0) {
      throw new AwsError('InvalidConfigurationRequest', `A Network Load Balancer must keep every subnet it was enabled in; include '${dropped.map((s) => s.subnetId).join("', '")}'`);
    }
  }
  const ipAddressType = input.enumValue('IpAddressType', IP_ADDRESS_TYPES) ?? lb.ipAddressType;
  checkIpAddressType(lb.type, lb.scheme, ipAddressType, placement.allHaveIpv6);
  const sourceNat = readSourceNat(input, lb.type, ipAddressType, lb.enablePrefixForIpv6SourceNat);
  lb.subnets = placement.subnets;
  lb.ipAddressType = ipAddressType;
  if (sourceNat) lb.enablePrefixForIpv6SourceNat = sourceNat;
  ctx.store.changed();
  return { AvailabilityZones: availabilityZonesShape(lb), IpAddressType: lb.ipAddressType, EnablePrefixForIpv6SourceNat: sourceNatShape(lb) };
}

export function setSecurityGroups(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const lb = requireLoadBalancer(state, input.requiredStr('LoadBalancerArn'));
  const groups = input.memberStrings('SecurityGroups');
  if (groups === undefined) throw validationError("1 validation error detected: Value null at 'securityGroups' failed to satisfy constraint: Member must not be null");
  if (lb.type === 'gateway') throw new AwsError('InvalidConfigurationRequest', 'Gateway Load Balancers do not support security groups');
  if (lb.type === 'network' && lb.securityGroups === undefined) {
    throw new AwsError('InvalidConfigurationRequest', 'This Network Load Balancer was created without security groups, so none can be added; recreate it with SecurityGroups');
  }
  if (lb.type === 'application' && groups.length === 0) throw new AwsError('InvalidConfigurationRequest', 'An Application Load Balancer needs at least one security group');
  lb.securityGroups = checkSecurityGroups(state, lb.vpcId, groups);
  const enforce = input.enumValue('EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic', ['on', 'off'] as const);
  if (enforce !== undefined) {
    if (lb.type !== 'network') throw new AwsError('InvalidConfigurationRequest', 'EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic applies only to Network Load Balancers');
    lb.enforcePrivateLinkInbound = enforce;
  }
  ctx.store.changed();
  return { SecurityGroupIds: lb.securityGroups, EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: lb.enforcePrivateLinkInbound };
}

export function setIpAddressType(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const lb = requireLoadBalancer(state, input.requiredStr('LoadBalancerArn'));
  const ipAddressType = input.enumValue('IpAddressType', IP_ADDRESS_TYPES) ?? input.requiredStr('IpAddressType');
  const allHaveIpv6 = lb.subnets.every((s) => state.ec2.subnets[s.subnetId]?.ipv6CidrBlock !== undefined);
  checkIpAddressType(lb.type, lb.scheme, ipAddressType, allHaveIpv6);
  checkSourceNat(sourceNatShape(lb), ipAddressType);
  lb.ipAddressType = ipAddressType;
  ctx.store.changed();
  return { IpAddressType: lb.ipAddressType };
}
