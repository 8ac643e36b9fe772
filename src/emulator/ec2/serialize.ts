/**
 * EC2 records → ec2Query output shapes. Element names are the model `locationName`s (lowerCamel,
 * `…Set` for lists) because the SDK matches them exactly (aws-api-facts.md §1.5, §5.1).
 */
import { ACCOUNT_ID, REGION } from '../ids.js';
import type { EmulatorState } from '../state.js';
import type { XmlValue } from '../wire/xml.js';
import type { Ec2Tag, InstanceRecord, NetworkInterfaceRecord, SecurityGroupRecord, SecurityGroupRuleRecord, SubnetRecord, VpcRecord } from './records.js';

type Struct = { [name: string]: XmlValue };

const INSTANCE_STATE_CODES: Record<InstanceRecord['state'], number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };

export function tagSet(tags: readonly Ec2Tag[]): XmlValue {
  return tags.map((t) => ({ key: t.Key, value: t.Value }));
}

export function vpcShape(v: VpcRecord): Struct {
  return {
    vpcId: v.vpcId,
    ownerId: ACCOUNT_ID,
    state: 'available',
    cidrBlock: v.cidrBlock,
    cidrBlockAssociationSet: [{ associationId: `${v.vpcId.replace('vpc-', 'vpc-cidr-assoc-')}`, cidrBlock: v.cidrBlock, cidrBlockState: { state: 'associated' } }],
    ipv6CidrBlockAssociationSet: v.ipv6CidrBlock ? [{ associationId: v.vpcId.replace('vpc-', 'vpc-cidr-assoc-6'), ipv6CidrBlock: v.ipv6CidrBlock, ipv6CidrBlockState: { state: 'associated' } }] : undefined,
    dhcpOptionsId: v.dhcpOptionsId,
    instanceTenancy: 'default',
    isDefault: v.isDefault,
    tagSet: tagSet(v.tags),
  };
}

export function subnetArn(id: string): string {
  return `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:subnet/${id}`;
}

export function subnetShape(s: SubnetRecord): Struct {
  return {
    subnetId: s.subnetId,
    subnetArn: subnetArn(s.subnetId),
    state: 'available',
    vpcId: s.vpcId,
    cidrBlock: s.cidrBlock,
    ipv6CidrBlockAssociationSet: s.ipv6CidrBlock ? [{ associationId: s.subnetId.replace('subnet-', 'subnet-cidr-assoc-'), ipv6CidrBlock: s.ipv6CidrBlock, ipv6CidrBlockState: { state: 'associated' } }] : [],
    availableIpAddressCount: s.availableIpAddressCount,
    availabilityZone: s.availabilityZone,
    availabilityZoneId: s.availabilityZoneId,
    defaultForAz: s.defaultForAz,
    mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    ownerId: ACCOUNT_ID,
    tagSet: tagSet(s.tags),
  };
}

export function securityGroupArn(id: string): string {
  return `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:security-group/${id}`;
}

/** Rules grouped by protocol and port range, each group listing its peers, as DescribeSecurityGroups shows them. */
export function ipPermissionSet(state: EmulatorState, rules: readonly SecurityGroupRuleRecord[]): XmlValue {
  const groups = new Map<string, SecurityGroupRuleRecord[]>();
  for (const r of rules) {
    const key = `${r.ipProtocol}|${r.fromPort ?? ''}|${r.toPort ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs) => {
    const first = rs[0]!;
    const peers = <K extends SecurityGroupRuleRecord['peer']['kind']>(kind: K) => rs.filter((r) => r.peer.kind === kind) as (SecurityGroupRuleRecord & { peer: Extract<SecurityGroupRuleRecord['peer'], { kind: K }> })[];
    return {
      ipProtocol: first.ipProtocol,
      fromPort: first.fromPort,
      toPort: first.toPort,
      groups: peers('group').map((r) => ({ userId: r.peer.userId, groupId: r.peer.groupId, vpcId: state.ec2.securityGroups[r.peer.groupId]?.vpcId, description: r.description })),
      ipRanges: peers('ipv4').map((r) => ({ cidrIp: r.peer.cidr, description: r.description })),
      ipv6Ranges: peers('ipv6').map((r) => ({ cidrIpv6: r.peer.cidr, description: r.description })),
      prefixListIds: peers('prefix-list').map((r) => ({ prefixListId: r.peer.prefixListId, description: r.description })),
    };
  });
}

export function securityGroupShape(state: EmulatorState, g: SecurityGroupRecord): Struct {
  return {
    ownerId: ACCOUNT_ID,
    groupId: g.groupId,
    groupName: g.groupName,
    groupDescription: g.description,
    ipPermissions: ipPermissionSet(state, g.ingress),
    ipPermissionsEgress: ipPermissionSet(state, g.egress),
    vpcId: g.vpcId,
    securityGroupArn: securityGroupArn(g.groupId),
    tagSet: tagSet(g.tags),
  };
}

/** One `SecurityGroupRule` item (Authorize/Revoke responses). */
export function securityGroupRuleShape(g: SecurityGroupRecord, r: SecurityGroupRuleRecord, isEgress: boolean): Struct {
  return {
    securityGroupRuleId: r.ruleId,
    groupId: g.groupId,
    groupOwnerId: ACCOUNT_ID,
    isEgress,
    ipProtocol: r.ipProtocol,
    fromPort: r.fromPort ?? -1,
    toPort: r.toPort ?? -1,
    cidrIpv4: r.peer.kind === 'ipv4' ? r.peer.cidr : undefined,
    cidrIpv6: r.peer.kind === 'ipv6' ? r.peer.cidr : undefined,
    prefixListId: r.peer.kind === 'prefix-list' ? r.peer.prefixListId : undefined,
    referencedGroupInfo: r.peer.kind === 'group' ? { groupId: r.peer.groupId, userId: r.peer.userId } : undefined,
    description: r.description,
    tagSet: [],
    securityGroupRuleArn: `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:security-group-rule/${r.ruleId}`,
  };
}

function groupSet(state: EmulatorState, ids: readonly string[]): XmlValue {
  return ids.map((id) => ({ groupId: id, groupName: state.ec2.securityGroups[id]?.groupName }));
}

export function networkInterfaceShape(state: EmulatorState, n: NetworkInterfaceRecord): Struct {
  return {
    networkInterfaceId: n.networkInterfaceId,
    subnetId: n.subnetId,
    vpcId: n.vpcId,
    availabilityZone: n.availabilityZone,
    description: n.description,
    ownerId: ACCOUNT_ID,
    requesterManaged: n.requesterManaged,
    status: n.status,
    macAddress: n.macAddress,
    privateIpAddress: n.privateIpAddress,
    privateDnsName: n.privateDnsName,
    sourceDestCheck: true,
    groupSet: groupSet(state, n.groupIds),
    attachment: n.attachment && { ...n.attachment, instanceOwnerId: ACCOUNT_ID, deleteOnTermination: n.attachment.deviceIndex === 0 },
    interfaceType: n.interfaceType,
    privateIpAddressesSet: [{ privateIpAddress: n.privateIpAddress, privateDnsName: n.privateDnsName, primary: true }, ...(n.secondaryPrivateIpAddresses ?? []).map((ip) => ({ privateIpAddress: ip, primary: false }))],
    tagSet: tagSet(n.tags),
  };
}

/** Instance groups are those of its primary network interface. */
export function instanceShape(state: EmulatorState, i: InstanceRecord): Struct {
  const enis = i.networkInterfaceIds.map((id) => state.ec2.networkInterfaces[id]).filter((n): n is NetworkInterfaceRecord => n !== undefined);
  return {
    instanceId: i.instanceId,
    imageId: i.imageId,
    instanceState: { code: INSTANCE_STATE_CODES[i.state], name: i.state },
    privateDnsName: i.privateDnsName,
    instanceType: i.instanceType,
    launchTime: i.launchTime,
    placement: { availabilityZone: i.availabilityZone, tenancy: 'default' },
    subnetId: i.subnetId,
    vpcId: i.vpcId,
    privateIpAddress: i.privateIpAddress,
    groupSet: groupSet(state, enis[0]?.groupIds ?? []),
    networkInterfaceSet: enis.map((n) => ({
      networkInterfaceId: n.networkInterfaceId,
      subnetId: n.subnetId,
      vpcId: n.vpcId,
      ownerId: ACCOUNT_ID,
      status: n.status,
      macAddress: n.macAddress,
      privateIpAddress: n.privateIpAddress,
      privateDnsName: n.privateDnsName,
      privateIpAddressesSet: [{ privateIpAddress: n.privateIpAddress, primary: true }, ...(n.secondaryPrivateIpAddresses ?? []).map((ip) => ({ privateIpAddress: ip, primary: false }))],
      groupSet: groupSet(state, n.groupIds),
      attachment: n.attachment && { attachmentId: n.attachment.attachmentId, deviceIndex: n.attachment.deviceIndex, status: n.attachment.status, attachTime: n.attachment.attachTime },
      interfaceType: n.interfaceType,
    })),
    tagSet: tagSet(i.tags),
  };
}
