/** DescribeVpcs and DescribeSubnets with their filters (aws-api-facts.md §5.1). */
import { ACCOUNT_ID } from '../ids.js';
import type { HandlerContext } from '../elbv2/context.js';
import type { QueryInput } from '../wire/query-input.js';
import { applyFilters, readFilters, type FilterFields } from './filters.js';
import { requireIds, SUBNET, VPC } from './lookup.js';
import { ec2Paginate } from './paging.js';
import type { SubnetRecord, VpcRecord } from './records.js';
import { subnetArn, subnetShape, vpcShape } from './serialize.js';

const VPC_FILTERS: FilterFields<VpcRecord> = {
  'vpc-id': (v) => [v.vpcId],
  cidr: (v) => [v.cidrBlock],
  'cidr-block-association.cidr-block': (v) => [v.cidrBlock],
  'cidr-block-association.state': () => ['associated'],
  'ipv6-cidr-block-association.ipv6-cidr-block': (v) => [v.ipv6CidrBlock],
  'dhcp-options-id': (v) => [v.dhcpOptionsId],
  'is-default': (v) => [v.isDefault],
  'owner-id': () => [ACCOUNT_ID],
  state: () => ['available'],
};

const SUBNET_FILTERS: FilterFields<SubnetRecord> = {
  'availability-zone': (s) => [s.availabilityZone],
  availabilityZone: (s) => [s.availabilityZone],
  'availability-zone-id': (s) => [s.availabilityZoneId],
  availabilityZoneId: (s) => [s.availabilityZoneId],
  'available-ip-address-count': (s) => [s.availableIpAddressCount],
  'cidr-block': (s) => [s.cidrBlock],
  cidr: (s) => [s.cidrBlock],
  cidrBlock: (s) => [s.cidrBlock],
  'default-for-az': (s) => [s.defaultForAz],
  defaultForAz: (s) => [s.defaultForAz],
  'ipv6-cidr-block-association.ipv6-cidr-block': (s) => [s.ipv6CidrBlock],
  'map-public-ip-on-launch': (s) => [s.mapPublicIpOnLaunch],
  'owner-id': () => [ACCOUNT_ID],
  state: () => ['available'],
  'subnet-arn': (s) => [subnetArn(s.subnetId)],
  'subnet-id': (s) => [s.subnetId],
  'vpc-id': (s) => [s.vpcId],
};

export function describeVpcs(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const ids = input.itemStrings('VpcId');
  const base = ids ? requireIds<VpcRecord>(state, VPC, ids) : Object.values(state.ec2.vpcs);
  const page = ec2Paginate(applyFilters(base, readFilters(input), VPC_FILTERS), input);
  return { vpcSet: page.items.map(vpcShape), nextToken: page.nextToken };
}

export function describeSubnets(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const ids = input.itemStrings('SubnetId');
  const base = ids ? requireIds<SubnetRecord>(state, SUBNET, ids) : Object.values(state.ec2.subnets);
  const page = ec2Paginate(applyFilters(base, readFilters(input), SUBNET_FILTERS), input);
  return { subnetSet: page.items.map(subnetShape), nextToken: page.nextToken };
}
