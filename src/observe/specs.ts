/**
 * AWS descriptions → the model's spec shapes (model/stack.ts), with AWS's own defaults as AWS
 * reports them, so a stack LBC created with default settings compares equal to its model:
 * attributes are the full maps AWS returns (the plan compares only the keys the model sets, as
 * LBC does); health-check ports are strings as AWS reports them; security-group permissions keep
 * AWS's one-entry-per-source structure (the plan expands both sides the same way).
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import type { Listener, LoadBalancer, TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  IPPermission,
  KeyValueAttribute,
  ListenerAttribute,
  ListenerSpec,
  LoadBalancerSpec,
  Protocol,
  ProtocolVersion,
  SecurityGroupSpec,
  SubnetMapping,
  KnownTargetGroupSpec,
  TargetGroupSpec,
  TargetType,
} from '../model/stack.js';
import { actionsFromSdk } from './actions.js';

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const nonEmpty = <T>(xs: readonly T[] | undefined): readonly T[] | undefined => (xs && xs.length > 0 ? xs : undefined);

export function attributesFromSdk(attrs: readonly { Key?: string; Value?: string }[] | undefined): KeyValueAttribute[] | undefined {
  if (attrs === undefined) return undefined;
  return attrs.map((a) => ({ key: a.Key ?? '', value: a.Value ?? '' })).sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** `capacityUnits`: the reservation when read (0 for none), as the model's reset value says it. */
export function loadBalancerSpec(lb: LoadBalancer, attributes: KeyValueAttribute[] | undefined, capacityUnits?: number): LoadBalancerSpec {
  const subnetMapping: SubnetMapping[] = (lb.AvailabilityZones ?? []).map((z) => {
    // ALBs report no addresses; NLBs report the EIP / private IP of each subnet.
    const addr = z.LoadBalancerAddresses?.[0];
    return defined({
      subnetID: z.SubnetId ?? '',
      allocationID: addr?.AllocationId,
      privateIPv4Address: addr?.PrivateIPv4Address,
      ipv6Address: addr?.IPv6Address,
      sourceNatIpv6Prefix: z.SourceNatIpv6Prefixes?.[0],
    });
  });
  return defined({
    name: lb.LoadBalancerName ?? '',
    type: (lb.Type ?? 'application') as LoadBalancerSpec['type'],
    scheme: lb.Scheme as LoadBalancerSpec['scheme'],
    ipAddressType: lb.IpAddressType as LoadBalancerSpec['ipAddressType'],
    // AWS's default for NLBs is `off`; not every endpoint reports it.
    enablePrefixForIpv6SourceNat: (lb.EnablePrefixForIpv6SourceNat ?? (lb.Type === 'network' ? 'off' : undefined)) as LoadBalancerSpec['enablePrefixForIpv6SourceNat'],
    subnetMapping,
    securityGroups: lb.SecurityGroups ?? [],
    securityGroupsInboundRulesOnPrivateLink: lb.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic,
    customerOwnedIPv4Pool: lb.CustomerOwnedIpv4Pool,
    loadBalancerAttributes: attributes,
    minimumLoadBalancerCapacity: capacityUnits !== undefined ? { capacityUnits } : undefined,
    ipv4IPAMPool: lb.IpamPools?.Ipv4IpamPoolId,
  });
}

export function targetGroupSpec(tg: TargetGroup, attributes: KeyValueAttribute[] | undefined): KnownTargetGroupSpec {
  const matcher = tg.Matcher ? defined({ httpCode: tg.Matcher.HttpCode, grpcCode: tg.Matcher.GrpcCode }) : undefined;
  const extra = tg as TargetGroup & { TargetControlPort?: number };
  return defined({
    name: tg.TargetGroupName ?? '',
    targetType: (tg.TargetType ?? 'instance') as TargetType,
    port: tg.Port ?? 0,
    protocol: (tg.Protocol ?? 'HTTP') as Protocol,
    protocolVersion: tg.ProtocolVersion as ProtocolVersion | undefined,
    ipAddressType: tg.IpAddressType as TargetGroupSpec['ipAddressType'],
    healthCheckConfig: defined({
      port: tg.HealthCheckPort,
      protocol: tg.HealthCheckProtocol as Protocol | undefined,
      path: tg.HealthCheckPath,
      matcher: matcher && Object.keys(matcher).length > 0 ? matcher : undefined,
      intervalSeconds: tg.HealthCheckIntervalSeconds,
      timeoutSeconds: tg.HealthCheckTimeoutSeconds,
      healthyThresholdCount: tg.HealthyThresholdCount,
      unhealthyThresholdCount: tg.UnhealthyThresholdCount,
    }),
    targetGroupAttributes: attributes,
    targetControlPort: extra.TargetControlPort,
  });
}

export function listenerSpec(l: Listener, extraCertificates: readonly string[] | undefined, attributes: readonly ListenerAttribute[] | undefined): ListenerSpec {
  const defaults = (l.Certificates ?? []).map((c) => c.CertificateArn ?? '').filter(Boolean);
  const all = [...defaults, ...(extraCertificates ?? []).filter((a) => !defaults.includes(a))];
  const m = l.MutualAuthentication;
  return defined({
    loadBalancerARN: l.LoadBalancerArn ?? '',
    port: l.Port ?? 0,
    protocol: (l.Protocol ?? 'HTTP') as Protocol,
    defaultActions: actionsFromSdk(l.DefaultActions),
    certificates: all.length > 0 ? all.map((certificateARN) => ({ certificateARN })) : undefined,
    sslPolicy: l.SslPolicy,
    alpnPolicy: nonEmpty(l.AlpnPolicy),
    mutualAuthentication: m?.Mode
      ? defined({ mode: m.Mode, trustStoreArn: m.TrustStoreArn, ignoreClientCertificateExpiry: m.IgnoreClientCertificateExpiry, advertiseTrustStoreCaNames: m.AdvertiseTrustStoreCaNames })
      : undefined,
    listenerAttributes: attributes,
  });
}

function permissionFromSdk(p: IpPermission): IPPermission {
  return defined({
    ipProtocol: p.IpProtocol ?? '-1',
    fromPort: p.IpProtocol === '-1' ? undefined : p.FromPort,
    toPort: p.IpProtocol === '-1' ? undefined : p.ToPort,
    ipRanges: nonEmpty((p.IpRanges ?? []).map((r) => defined({ cidrIP: r.CidrIp ?? '', description: r.Description }))),
    ipv6Ranges: nonEmpty((p.Ipv6Ranges ?? []).map((r) => defined({ cidrIPv6: r.CidrIpv6 ?? '', description: r.Description }))),
    userIDGroupPairs: nonEmpty((p.UserIdGroupPairs ?? []).map((g) => defined({ groupID: g.GroupId ?? '', description: g.Description }))),
    prefixLists: nonEmpty((p.PrefixListIds ?? []).map((x) => defined({ listID: x.PrefixListId ?? '', description: x.Description }))),
  });
}

export function securityGroupSpec(g: SecurityGroup): SecurityGroupSpec {
  return { groupName: g.GroupName ?? '', description: g.Description ?? '', ingress: (g.IpPermissions ?? []).map(permissionFromSdk) };
}
