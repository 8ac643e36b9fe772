/** EC2 state as the emulator stores it (JSON-serialisable). */
export interface Ec2Tag {
  Key: string;
  Value: string;
}

export interface VpcRecord {
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly ipv6CidrBlock?: string;
  readonly isDefault: boolean;
  readonly dhcpOptionsId: string;
  tags: Ec2Tag[];
}

export interface SubnetRecord {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly ipv6CidrBlock?: string;
  readonly availabilityZone: string;
  readonly availabilityZoneId: string;
  readonly mapPublicIpOnLaunch: boolean;
  readonly defaultForAz: boolean;
  availableIpAddressCount: number;
  tags: Ec2Tag[];
}

/** The peer of one security group rule; AWS stores one rule per peer (security group rule ids). */
export type RulePeer =
  | { readonly kind: 'ipv4'; readonly cidr: string }
  | { readonly kind: 'ipv6'; readonly cidr: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string }
  | { readonly kind: 'group'; readonly groupId: string; readonly userId: string };

export interface SecurityGroupRuleRecord {
  readonly ruleId: string;
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly peer: RulePeer;
  description?: string;
}

export interface SecurityGroupRecord {
  readonly groupId: string;
  readonly groupName: string;
  readonly description: string;
  readonly vpcId: string;
  ingress: SecurityGroupRuleRecord[];
  egress: SecurityGroupRuleRecord[];
  tags: Ec2Tag[];
}

export interface InstanceRecord {
  readonly instanceId: string;
  readonly imageId: string;
  readonly instanceType: string;
  state: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  readonly privateIpAddress: string;
  readonly privateDnsName: string;
  readonly launchTime: string;
  readonly reservationId: string;
  readonly networkInterfaceIds: string[];
  tags: Ec2Tag[];
}

export interface NetworkInterfaceRecord {
  readonly networkInterfaceId: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  readonly description: string;
  groupIds: string[];
  readonly interfaceType: string;
  readonly privateIpAddress: string;
  /** Secondary private IPv4 addresses (what the VPC CNI hands to pods); absent = none. */
  readonly secondaryPrivateIpAddresses?: readonly string[];
  readonly privateDnsName: string;
  readonly macAddress: string;
  readonly status: 'in-use' | 'available';
  readonly requesterManaged: boolean;
  readonly attachment?: { attachmentId: string; instanceId: string; deviceIndex: number; status: string; attachTime: string };
  tags: Ec2Tag[];
}

export interface Ec2State {
  vpcs: Record<string, VpcRecord>;
  subnets: Record<string, SubnetRecord>;
  securityGroups: Record<string, SecurityGroupRecord>;
  instances: Record<string, InstanceRecord>;
  networkInterfaces: Record<string, NetworkInterfaceRecord>;
}

export function emptyEc2State(): Ec2State {
  return { vpcs: {}, subnets: {}, securityGroups: {}, instances: {}, networkInterfaces: {} };
}
