/**
 * Network interfaces holding pod IPs, as the VPC CNI attaches them to worker nodes: each carries
 * the node's security groups (EKS's cluster security group), so ip targets pass health checks only
 * when that group admits the load balancer (elbv2/target-health.ts). The sandbox seeds a few
 * (SEED_POD_IPS); tests add more for their own IPs with `addPodNetworkInterface` or the control
 * path (`POST /_emulator/pod-network-interfaces {"privateIpAddress": "10.0.128.77"}`).
 */
import { AwsError } from '../errors.js';
import type { EmulatorState } from '../state.js';
import { cidrContains } from './cidr.js';
import type { NetworkInterfaceRecord } from './records.js';

/** Two pod IPs in each private subnet of the sandbox. */
export const SEED_POD_IPS: readonly string[] = ['10.0.128.50', '10.0.128.51', '10.0.144.50', '10.0.144.51', '10.0.160.50', '10.0.160.51'];

/** `eni-0b0d` + the IPv4 address in hex + `00000`: a stable, well-formed id per IP. */
function eniId(ip: string): string {
  const hex = ip
    .split('.')
    .map((b) => Number(b).toString(16).padStart(2, '0'))
    .join('');
  return `eni-0b0d${hex}00000`;
}

export interface PodEniOptions {
  /** Security groups of the interface; default: those of a node's primary interface in the same subnet. */
  readonly groupIds?: readonly string[];
}

/** Adds (or returns) the interface holding `ip`, in the subnet whose CIDR contains it. */
export function addPodNetworkInterface(state: EmulatorState, ip: string, opts: PodEniOptions = {}): NetworkInterfaceRecord {
  const existing = Object.values(state.ec2.networkInterfaces).find((n) => n.privateIpAddress === ip);
  if (existing) return existing;
  const subnet = Object.values(state.ec2.subnets).find((s) => cidrContains(s.cidrBlock, ip));
  if (!subnet) throw new AwsError('InvalidParameterValue', `No subnet contains the address ${ip}`);
  const node = Object.values(state.ec2.networkInterfaces).find((n) => n.subnetId === subnet.subnetId && n.attachment?.deviceIndex === 0);
  const vpcDefault = Object.values(state.ec2.securityGroups).find((g) => g.vpcId === subnet.vpcId && g.groupName === 'default');
  const groupIds = [...(opts.groupIds ?? node?.groupIds ?? (vpcDefault ? [vpcDefault.groupId] : []))];
  const id = eniId(ip);
  const eni: NetworkInterfaceRecord = {
    networkInterfaceId: id,
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    description: node?.attachment ? `aws-K8S-${node.attachment.instanceId}` : 'aws-K8S-pod',
    groupIds,
    interfaceType: 'interface',
    privateIpAddress: ip,
    privateDnsName: `ip-${ip.replace(/\./g, '-')}.us-west-2.compute.internal`,
    macAddress: `02:0b:0d:${ip.split('.').slice(1).map((b) => Number(b).toString(16).padStart(2, '0')).join(':')}`,
    status: 'in-use',
    requesterManaged: false,
    tags: [],
  };
  state.ec2.networkInterfaces[id] = eni;
  return eni;
}
