/**
 * The EC2 side of load balancer placement: subnets and security groups given to
 * CreateLoadBalancer / SetSubnets / SetSecurityGroups must exist, share one VPC and follow
 * the per-AZ rules, and the IP address type must suit the subnets (aws-api-facts.md §2.3, §6).
 */
import { ipAddressTypeError } from '../../aws-rules/load-balancers.js';
import { AwsError, validationError } from '../errors.js';
import type { EmulatorState } from '../state.js';
import type { QueryInput } from '../wire/query-input.js';
import type { LoadBalancerSubnet, LoadBalancerType, Scheme } from './records.js';

export const MAX_LB_SECURITY_GROUPS = 5;

export interface Placement {
  readonly vpcId: string;
  readonly subnets: LoadBalancerSubnet[];
  readonly allHaveIpv6: boolean;
}

/** Reads `Subnets` or `SubnetMappings` (exactly one of them) and checks them against EC2. */
export function readPlacement(state: EmulatorState, input: QueryInput, type: LoadBalancerType): Placement {
  const plain = input.memberStrings('Subnets');
  const mappings = input.members('SubnetMappings');
  if (plain !== undefined && mappings !== undefined) throw validationError('Specify either subnets or subnet mappings, not both');
  const ids = plain ?? mappings?.map((m) => m.requiredStr('SubnetId')) ?? [];
  if (ids.length === 0 && type !== 'network') throw validationError('At least two subnets in two different Availability Zones must be specified');
  if (ids.length === 0) throw validationError('At least one subnet must be specified');
  const records = ids.map((id) => {
    const s = state.ec2.subnets[id];
    if (!s) throw new AwsError('SubnetNotFound', `The subnet ID '${id}' does not exist; check the id with DescribeSubnets`);
    return s;
  });
  const vpcId = records[0]!.vpcId;
  const stray = records.find((s) => s.vpcId !== vpcId);
  if (stray) throw new AwsError('InvalidConfigurationRequest', `All subnets must belong to the same VPC: '${records[0]!.subnetId}' is in '${vpcId}' but '${stray.subnetId}' is in '${stray.vpcId}'`);
  const zones = new Set<string>();
  for (const s of records) {
    if (zones.has(s.availabilityZone)) throw new AwsError('InvalidConfigurationRequest', 'A load balancer cannot be attached to multiple subnets in the same Availability Zone');
    zones.add(s.availabilityZone);
  }
  if (type === 'application' && zones.size < 2) throw validationError('At least two subnets in two different Availability Zones must be specified');
  return {
    vpcId,
    subnets: records.map((s) => ({ subnetId: s.subnetId, zoneName: s.availabilityZone })),
    allHaveIpv6: records.every((s) => s.ipv6CidrBlock !== undefined),
  };
}

/** Every group must exist in the load balancer's VPC (InvalidSecurityGroup otherwise); at most 5. */
export function checkSecurityGroups(state: EmulatorState, vpcId: string, groupIds: readonly string[]): string[] {
  if (groupIds.length > MAX_LB_SECURITY_GROUPS) {
    throw new AwsError('InvalidConfigurationRequest', `A load balancer can have at most ${MAX_LB_SECURITY_GROUPS} security groups; ${groupIds.length} were given`);
  }
  for (const id of groupIds) {
    const sg = state.ec2.securityGroups[id];
    if (!sg) throw new AwsError('InvalidSecurityGroup', `Security group '${id}' does not exist`);
    if (sg.vpcId !== vpcId) throw new AwsError('InvalidSecurityGroup', `Security group '${id}' is in VPC '${sg.vpcId}', not in the load balancer's VPC '${vpcId}'`);
  }
  return [...new Set(groupIds)];
}

/** The VPC's `default` group, which an ALB created without security groups gets (§2.3). */
export function defaultSecurityGroup(state: EmulatorState, vpcId: string): string[] {
  const sg = Object.values(state.ec2.securityGroups).find((g) => g.vpcId === vpcId && g.groupName === 'default');
  return sg ? [sg.groupId] : [];
}

/** The IP address type against the LB type, scheme and its subnets' IPv6 blocks. */
export function checkIpAddressType(type: LoadBalancerType, scheme: Scheme, ipAddressType: string, allHaveIpv6: boolean): void {
  const typeProblem = ipAddressTypeError(type, ipAddressType);
  if (typeProblem) throw new AwsError('InvalidConfigurationRequest', typeProblem);
  // The API model: "Internal load balancers must use ipv4" (§2.3 CreateLoadBalancer).
  if (scheme === 'internal' && ipAddressType !== 'ipv4') {
    throw new AwsError('InvalidConfigurationRequest', `An internal load balancer must use IP address type 'ipv4', not '${ipAddressType}'`);
  }
  if (ipAddressType !== 'ipv4' && !allHaveIpv6) {
    throw new AwsError('InvalidSubnet', `IP address type '${ipAddressType}' needs an IPv6 CIDR block on every subnet of the load balancer`);
  }
}
