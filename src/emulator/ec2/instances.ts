/**
 * DescribeInstances and DescribeNetworkInterfaces: what gwlb needs to find node security groups
 * (instance → primary ENI → groupSet, the way LBC does). Instances are grouped into their
 * reservations, as EC2 returns them.
 */
import { ACCOUNT_ID } from '../ids.js';
import type { HandlerContext } from '../elbv2/context.js';
import type { QueryInput } from '../wire/query-input.js';
import type { EmulatorState } from '../state.js';
import { applyFilters, readFilters, type FilterFields } from './filters.js';
import { INSTANCE, NETWORK_INTERFACE, requireIds } from './lookup.js';
import { ec2Paginate } from './paging.js';
import type { InstanceRecord, NetworkInterfaceRecord } from './records.js';
import { instanceShape, networkInterfaceShape } from './serialize.js';

function enis(state: EmulatorState, i: InstanceRecord): NetworkInterfaceRecord[] {
  return i.networkInterfaceIds.map((id) => state.ec2.networkInterfaces[id]).filter((n): n is NetworkInterfaceRecord => n !== undefined);
}

function instanceFilters(state: EmulatorState): FilterFields<InstanceRecord> {
  return {
    'instance-id': (i) => [i.instanceId],
    'instance-state-name': (i) => [i.state],
    'instance-type': (i) => [i.instanceType],
    'image-id': (i) => [i.imageId],
    'vpc-id': (i) => [i.vpcId],
    'subnet-id': (i) => [i.subnetId],
    'availability-zone': (i) => [i.availabilityZone],
    'private-ip-address': (i) => [i.privateIpAddress],
    'private-dns-name': (i) => [i.privateDnsName],
    'reservation-id': (i) => [i.reservationId],
    'owner-id': () => [ACCOUNT_ID],
    'network-interface.network-interface-id': (i) => i.networkInterfaceIds,
    'instance.group-id': (i) => enis(state, i).flatMap((n) => n.groupIds),
    'network-interface.group-id': (i) => enis(state, i).flatMap((n) => n.groupIds),
  };
}

const ENI_FILTERS: FilterFields<NetworkInterfaceRecord> = {
  'network-interface-id': (n) => [n.networkInterfaceId],
  'attachment.instance-id': (n) => [n.attachment?.instanceId],
  'attachment.attachment-id': (n) => [n.attachment?.attachmentId],
  'attachment.device-index': (n) => [n.attachment?.deviceIndex],
  'attachment.status': (n) => [n.attachment?.status],
  'availability-zone': (n) => [n.availabilityZone],
  description: (n) => [n.description],
  'group-id': (n) => n.groupIds,
  'interface-type': (n) => [n.interfaceType],
  'mac-address': (n) => [n.macAddress],
  'owner-id': () => [ACCOUNT_ID],
  'private-ip-address': (n) => [n.privateIpAddress],
  'addresses.private-ip-address': (n) => [n.privateIpAddress, ...(n.secondaryPrivateIpAddresses ?? [])],
  'private-dns-name': (n) => [n.privateDnsName],
  'requester-managed': (n) => [n.requesterManaged],
  status: (n) => [n.status],
  'subnet-id': (n) => [n.subnetId],
  'vpc-id': (n) => [n.vpcId],
};

export function describeInstances(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const ids = input.itemStrings('InstanceId');
  const base = ids ? requireIds<InstanceRecord>(state, INSTANCE, ids) : Object.values(state.ec2.instances);
  const page = ec2Paginate(applyFilters(base, readFilters(input), instanceFilters(state)), input);
  const reservations = new Map<string, InstanceRecord[]>();
  for (const i of page.items) reservations.set(i.reservationId, [...(reservations.get(i.reservationId) ?? []), i]);
  return {
    reservationSet: [...reservations].map(([reservationId, instances]) => ({
      reservationId,
      ownerId: ACCOUNT_ID,
      groupSet: [],
      instancesSet: instances.map((i) => instanceShape(state, i)),
    })),
    nextToken: page.nextToken,
  };
}

export function describeNetworkInterfaces(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const ids = input.itemStrings('NetworkInterfaceId');
  const base = ids ? requireIds<NetworkInterfaceRecord>(state, NETWORK_INTERFACE, ids) : Object.values(state.ec2.networkInterfaces);
  const page = ec2Paginate(applyFilters(base, readFilters(input), ENI_FILTERS), input);
  return { networkInterfaceSet: page.items.map((n) => networkInterfaceShape(state, n)), nextToken: page.nextToken };
}
