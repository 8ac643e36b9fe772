/**
 * The ENIs behind the targets whose node/pod security-group rules the plan computes, and the
 * security groups they carry (plan/node-network.ts), read as LBC's TargetGroupBinding controller
 * reads them:
 *   instance targets  DescribeInstances, ⌈ids/200⌉ calls: the primary ENI (device index 0) and its
 *                     groups (node_eni_info_resolver.go `resolveViaInstanceID`, node_info_provider.go)
 *   ip targets        DescribeNetworkInterfaces filtered by vpc-id and the pod IPs, 199 IPs a call
 *                     (pod_eni_info_resolver.go `resolveViaVPCENIs`, `describeNetworkInterfacesFiltersLimit - 1`)
 *   groups            none: the VPC's security groups are already listed once for the run
 *   load balancers    none: the VPC's load balancers are already listed (who attaches a rule's source)
 * LBC reaches an EC2 pod's ENI through its `vpc.amazonaws.com/pod-eni` annotation or its node's
 * instance ENIs; gwlb has the pod IPs (EndpointSlices), not the Pods, and asks EC2 which ENI holds
 * each IP — the same ENI. Instances are asked for by an `instance-id` filter rather than by
 * `InstanceIds`, so an instance that is gone is a target without an ENI (reported by the plan with
 * LBC's error) instead of an error for the whole call.
 */
import { DescribeInstancesCommand, DescribeNetworkInterfacesCommand, type IpPermission, type SecurityGroup } from '@aws-sdk/client-ec2';
import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ec2Tags, type AwsSession } from '../aws/session.js';
import type { Stack } from '../model/stack.js';
import type { EndpointGroup, EniInfo, IngressPermission, ObservedNodeNetwork, RuleSource } from '../plan/node-network.js';
import { rulesUsers } from './rule-users.js';

const INSTANCE_IDS_PER_CALL = 200;
const POD_IPS_PER_CALL = 199;

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** The instance ids and pod IPs of the target groups that have node rules (managed targets only). */
export function targetIdsOf(stacks: readonly Stack[]): { instances: string[]; podIps: string[] } {
  const instances = new Set<string>();
  const podIps = new Set<string>();
  for (const s of stacks) {
    const withRules = new Set(s.extras.nodeSecurityGroupRules.map((r) => r.targetGroupId));
    for (const reg of s.extras.targets) {
      if (reg.kind !== 'managed' || !withRules.has(reg.targetGroupId)) continue;
      const tg = s.resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::TargetGroup' && r.id === reg.targetGroupId);
      const ip = tg?.type === 'AWS::ElasticLoadBalancingV2::TargetGroup' && tg.spec.targetType === 'ip';
      for (const t of reg.targets) if (typeof t.id === 'string') (ip ? podIps : instances).add(t.id);
    }
  }
  return { instances: [...instances].sort(), podIps: [...podIps].sort() };
}

async function instanceEnis(session: AwsSession, ids: readonly string[]): Promise<Record<string, EniInfo>> {
  const out: Record<string, EniInfo> = {};
  for (const chunk of chunks(ids, INSTANCE_IDS_PER_CALL)) {
    let token: string | undefined;
    do {
      const page = await session.conn.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: chunk }], ...(token ? { NextToken: token } : {}) }));
      for (const i of (page.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
        const primary = (i.NetworkInterfaces ?? []).find((n) => n.Attachment?.DeviceIndex === 0);
        if (i.InstanceId && primary?.NetworkInterfaceId) out[i.InstanceId] = { networkInterfaceId: primary.NetworkInterfaceId, securityGroups: (primary.Groups ?? []).map((g) => g.GroupId ?? '') };
      }
      token = page.NextToken || undefined;
    } while (token);
  }
  return out;
}

async function podEnis(session: AwsSession, ips: readonly string[], vpcId: string): Promise<Record<string, EniInfo>> {
  const out: Record<string, EniInfo> = {};
  const wanted = new Set(ips);
  for (const [v6, filter] of [[false, 'addresses.private-ip-address'], [true, 'ipv6-addresses.ipv6-address']] as const) {
    for (const chunk of chunks(ips.filter((ip) => ip.includes(':') === v6), POD_IPS_PER_CALL)) {
      let token: string | undefined;
      do {
        const page = await session.conn.ec2.send(
          new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: filter, Values: chunk }], ...(token ? { NextToken: token } : {}) }),
        );
        for (const n of page.NetworkInterfaces ?? []) {
          const info: EniInfo = { networkInterfaceId: n.NetworkInterfaceId ?? '', securityGroups: (n.Groups ?? []).map((g) => g.GroupId ?? '') };
          const addrs = v6 ? (n.Ipv6Addresses ?? []).map((a) => a.Ipv6Address) : (n.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress);
          for (const a of addrs) if (a && wanted.has(a)) out[a] = info;
        }
        token = page.NextToken || undefined;
      } while (token);
    }
  }
  return out;
}

/** One permission per source (security_group_info.go `expandSDKIPPermission`). */
export function expandPermission(p: IpPermission): IngressPermission[] {
  const base = { protocol: p.IpProtocol ?? '-1', ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}), ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}) };
  const one = (source: RuleSource, description: string | undefined): IngressPermission => ({ ...base, source, description: description ?? '' });
  return [
    ...(p.IpRanges ?? []).map((r) => one({ kind: 'ipv4', cidr: r.CidrIp ?? '' }, r.Description)),
    ...(p.Ipv6Ranges ?? []).map((r) => one({ kind: 'ipv6', cidr: r.CidrIpv6 ?? '' }, r.Description)),
    ...(p.PrefixListIds ?? []).map((r) => one({ kind: 'prefix-list', prefixListID: r.PrefixListId ?? '' }, r.Description)),
    ...(p.UserIdGroupPairs ?? []).map((r) => one({ kind: 'group', groupID: r.GroupId ?? '' }, r.Description)),
  ];
}

export async function observeNodeNetwork(session: AwsSession, stacks: readonly Stack[], groups: readonly SecurityGroup[], lbs: readonly LoadBalancer[]): Promise<ObservedNodeNetwork> {
  const { instances, podIps } = targetIdsOf(stacks);
  const vpcId = (await session.vpcInfo()).id;
  const none: Record<string, EniInfo> = {};
  const [byInstance, byIp] = await Promise.all([instances.length > 0 ? instanceEnis(session, instances) : none, podIps.length > 0 ? podEnis(session, podIps, vpcId) : none]);
  const enis: Record<string, EniInfo> = { ...byInstance, ...byIp };
  const eniGroups = new Set(Object.values(enis).flatMap((e) => e.securityGroups));
  const clusterKey = `kubernetes.io/cluster/${session.cluster}`;
  const endpoint = groups.filter((g) => {
    const v = ec2Tags(g.Tags)[clusterKey];
    return eniGroups.has(g.GroupId ?? '') || v === 'owned' || v === 'shared';
  });
  const endpointGroups: EndpointGroup[] = endpoint
    .map((g) => ({ groupID: g.GroupId ?? '', tags: ec2Tags(g.Tags), ingress: (g.IpPermissions ?? []).flatMap(expandPermission) }))
    .sort((a, b) => (a.groupID < b.groupID ? -1 : a.groupID > b.groupID ? 1 : 0));
  return { enis, groups: endpointGroups, ...rulesUsers(endpointGroups, lbs) };
}
