/**
 * EC2 ids in requests: malformed ids get the resource's `.Malformed` code and unknown ones its
 * `.NotFound` code; in a list every id must exist (aws-api-facts.md §5.1).
 */
import { AwsError } from '../errors.js';
import type { EmulatorState } from '../state.js';
import type { Ec2Tag } from './records.js';

interface IdKind {
  readonly prefix: string;
  readonly malformed: string;
  readonly notFound: string;
  readonly noun: string;
  readonly table: (state: EmulatorState) => Record<string, { tags: Ec2Tag[] }>;
}

export const VPC: IdKind = { prefix: 'vpc', malformed: 'InvalidVpcID.Malformed', notFound: 'InvalidVpcID.NotFound', noun: 'vpc ID', table: (s) => s.ec2.vpcs };
export const SUBNET: IdKind = { prefix: 'subnet', malformed: 'InvalidSubnetID.Malformed', notFound: 'InvalidSubnetID.NotFound', noun: 'subnet ID', table: (s) => s.ec2.subnets };
export const SECURITY_GROUP: IdKind = { prefix: 'sg', malformed: 'InvalidGroupId.Malformed', notFound: 'InvalidGroup.NotFound', noun: 'security group', table: (s) => s.ec2.securityGroups };
export const INSTANCE: IdKind = { prefix: 'i', malformed: 'InvalidInstanceID.Malformed', notFound: 'InvalidInstanceID.NotFound', noun: 'instance ID', table: (s) => s.ec2.instances };
export const NETWORK_INTERFACE: IdKind = {
  prefix: 'eni',
  malformed: 'InvalidNetworkInterfaceID.Malformed',
  notFound: 'InvalidNetworkInterfaceID.NotFound',
  noun: 'networkInterface ID',
  table: (s) => s.ec2.networkInterfaces,
};

const KINDS = [VPC, SUBNET, SECURITY_GROUP, INSTANCE, NETWORK_INTERFACE];

function wellFormed(kind: IdKind, id: string): boolean {
  return new RegExp(`^${kind.prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`).test(id);
}

export function requireId<T>(state: EmulatorState, kind: IdKind, id: string): T {
  if (!wellFormed(kind, id)) throw new AwsError(kind.malformed, `Invalid id: "${id}" (expecting "${kind.prefix}-...")`);
  const found = kind.table(state)[id];
  if (!found) throw new AwsError(kind.notFound, `The ${kind.noun} '${id}' does not exist`);
  return found as T;
}

/** Every listed id must exist; the message names all the missing ones, as EC2 does. */
export function requireIds<T>(state: EmulatorState, kind: IdKind, ids: readonly string[]): T[] {
  for (const id of ids) if (!wellFormed(kind, id)) throw new AwsError(kind.malformed, `Invalid id: "${id}" (expecting "${kind.prefix}-...")`);
  const missing = ids.filter((id) => !kind.table(state)[id]);
  if (missing.length > 0) throw new AwsError(kind.notFound, `The ${kind.noun}${missing.length > 1 ? 's' : ''} '${missing.join(', ')}' ${missing.length > 1 ? 'do' : 'does'} not exist`);
  return [...new Set(ids)].map((id) => kind.table(state)[id] as T);
}

/** Any taggable resource, by its id prefix (CreateTags/DeleteTags). */
export function requireTaggable(state: EmulatorState, id: string): { tags: Ec2Tag[] } {
  const kind = KINDS.find((k) => id.startsWith(`${k.prefix}-`));
  if (!kind) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  return requireId(state, kind, id);
}
