/**
 * Creates, one per resource type, each tagged in its create call so an interrupted apply never
 * leaves a resource the next observe cannot find (DESIGN.md "Ownership by tags"). Follow-up calls
 * (ingress rules, attributes, extra certificates) come after; if one fails, the next plan
 * sees the tagged resource and shows the rest as an update. A create whose answer was lost, so
 * that the SDK's retry answers InvalidGroup.Duplicate, PriorityInUse or the like, adopts what the
 * first attempt made when it is ours (recover.ts).
 */
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import {
  AddListenerCertificatesCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ModifyListenerAttributesCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
  type LoadBalancerTypeEnum,
  type MutualAuthenticationAttributes,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsConnection } from '../aws/clients.js';
import type { KnownTargetGroupSpec, ListenerSpec, StackResource, Tags } from '../model/stack.js';
import { putAddon } from './addons.js';
import { setCapacityReservation } from './capacity.js';
import type { StackContext } from './context.js';
import { adoptListener, adoptLoadBalancer, adoptRule, adoptSecurityGroup, adoptTargetGroup, authorizeIngress } from './recover.js';
import { actionsToSdk, conditionToSdk, transformToSdk } from './sdk-shapes.js';

const elbTags = (tags: Tags | undefined) => (tags ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : undefined);
function mtls(m: ListenerSpec['mutualAuthentication']): MutualAuthenticationAttributes | undefined {
  if (!m) return undefined;
  return {
    Mode: m.mode,
    TrustStoreArn: m.trustStoreArn !== undefined ? String(m.trustStoreArn) : undefined,
    IgnoreClientCertificateExpiry: m.ignoreClientCertificateExpiry,
    AdvertiseTrustStoreCaNames: m.advertiseTrustStoreCaNames as MutualAuthenticationAttributes['AdvertiseTrustStoreCaNames'],
  };
}

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTPS']);

export async function createResource(conn: AwsConnection, ctx: StackContext, res: StackResource, tags: Tags | undefined, where: string): Promise<void> {
  const { elbv2, ec2 } = conn;
  switch (res.type) {
    case 'AWS::EC2::SecurityGroup': {
      const s = ctx.resolve(res.spec, where);
      const cmd = new CreateSecurityGroupCommand({
        GroupName: s.groupName,
        Description: s.description,
        VpcId: ctx.vpcId,
        TagSpecifications: tags ? [{ ResourceType: 'security-group', Tags: elbTags(tags) }] : undefined,
      });
      const out = await ec2.send(cmd).catch((err: unknown) => adoptSecurityGroup(conn, err, cmd.input));
      ctx.setStatus(res.type, res.id, { groupID: out.GroupId ?? '' });
      if ((s.ingress?.length ?? 0) > 0) await authorizeIngress(conn, out.GroupId ?? '', s.ingress!);
      return;
    }
    case 'AWS::ElasticLoadBalancingV2::TargetGroup': {
      // resolve() throws on any $unknown left, so name and port are known here.
      const s = ctx.resolve(res.spec, where) as KnownTargetGroupSpec;
      const hc = s.healthCheckConfig;
      const cmd = new CreateTargetGroupCommand({
        Name: s.name,
        Protocol: s.protocol,
        ProtocolVersion: HTTP_PROTOCOLS.has(s.protocol) ? s.protocolVersion : undefined,
        Port: s.port,
        VpcId: ctx.vpcId,
        TargetType: s.targetType,
        IpAddressType: s.ipAddressType,
        HealthCheckProtocol: hc?.protocol,
        HealthCheckPort: hc?.port !== undefined ? String(hc.port) : undefined,
        HealthCheckPath: hc?.path,
        HealthCheckIntervalSeconds: hc?.intervalSeconds,
        HealthCheckTimeoutSeconds: hc?.timeoutSeconds,
        HealthyThresholdCount: hc?.healthyThresholdCount,
        UnhealthyThresholdCount: hc?.unhealthyThresholdCount,
        Matcher: hc?.matcher ? { HttpCode: hc.matcher.httpCode, GrpcCode: hc.matcher.grpcCode } : undefined,
        Tags: elbTags(tags),
      });
      const out = await elbv2.send(cmd).catch((err: unknown) => adoptTargetGroup(conn, err, cmd.input));
      const arn = out.TargetGroups?.[0]?.TargetGroupArn ?? '';
      ctx.setStatus(res.type, res.id, { targetGroupARN: arn });
      if ((s.targetGroupAttributes?.length ?? 0) > 0) {
        await elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: s.targetGroupAttributes!.map((a) => ({ Key: a.key, Value: a.value })) }));
      }
      return;
    }
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const s = ctx.resolve(res.spec, where);
      const cmd = new CreateLoadBalancerCommand({
        Name: s.name,
        Type: s.type as LoadBalancerTypeEnum,
        Scheme: s.scheme,
        IpAddressType: s.ipAddressType,
        SubnetMappings: s.subnetMapping?.map((m) => ({
          SubnetId: String(m.subnetID),
          AllocationId: m.allocationID,
          PrivateIPv4Address: m.privateIPv4Address,
          IPv6Address: m.ipv6Address,
          SourceNatIpv6Prefix: m.sourceNatIpv6Prefix,
        })),
        SecurityGroups: s.securityGroups?.map(String),
        CustomerOwnedIpv4Pool: s.customerOwnedIPv4Pool,
        EnablePrefixForIpv6SourceNat: s.enablePrefixForIpv6SourceNat,
        IpamPools: s.ipv4IPAMPool ? { Ipv4IpamPoolId: s.ipv4IPAMPool } : undefined,
        Tags: elbTags(tags),
      });
      const out = await elbv2.send(cmd).catch((err: unknown) => adoptLoadBalancer(conn, err, cmd.input, ctx.vpcId));
      const lb = out.LoadBalancers?.[0];
      const arn = lb?.LoadBalancerArn ?? '';
      ctx.setStatus(res.type, res.id, { loadBalancerARN: arn, dnsName: lb?.DNSName ?? '' });
      if ((s.loadBalancerAttributes?.length ?? 0) > 0) {
        await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: s.loadBalancerAttributes!.map((a) => ({ Key: a.key, Value: a.value })) }));
      }
      // A new LB has no reservation: only non-zero units change anything (LBC's reconciler compares first).
      const units = s.minimumLoadBalancerCapacity?.capacityUnits ?? 0;
      if (units > 0) await setCapacityReservation(conn, arn, units);
      return;
    }
    case 'AWS::ElasticLoadBalancingV2::Listener': {
      const s = ctx.resolve(res.spec, where);
      const [first, ...extra] = (s.certificates ?? []).map((c) => String(c.certificateARN));
      const cmd = new CreateListenerCommand({
        LoadBalancerArn: String(s.loadBalancerARN),
        Port: s.port,
        Protocol: s.protocol,
        DefaultActions: actionsToSdk(s.defaultActions),
        Certificates: first ? [{ CertificateArn: first }] : undefined,
        SslPolicy: s.sslPolicy,
        AlpnPolicy: s.alpnPolicy ? [...s.alpnPolicy] : undefined,
        MutualAuthentication: mtls(s.mutualAuthentication),
        Tags: elbTags(tags),
      });
      const out = await elbv2.send(cmd).catch((err: unknown) => adoptListener(conn, err, cmd.input));
      const arn = out.Listeners?.[0]?.ListenerArn ?? '';
      ctx.setStatus(res.type, res.id, { listenerARN: arn });
      // One certificate per call, as LBC does (listener_manager.go updateSDKListenerWithExtraCertificates).
      for (const c of extra) await elbv2.send(new AddListenerCertificatesCommand({ ListenerArn: arn, Certificates: [{ CertificateArn: c }] }));
      if ((s.listenerAttributes?.length ?? 0) > 0) {
        await elbv2.send(new ModifyListenerAttributesCommand({ ListenerArn: arn, Attributes: s.listenerAttributes!.map((a) => ({ Key: a.Key, Value: a.Value })) }));
      }
      return;
    }
    case 'AWS::ElasticLoadBalancingV2::ListenerRule': {
      const s = ctx.resolve(res.spec, where);
      const cmd = new CreateRuleCommand({
        ListenerArn: String(s.listenerARN),
        Priority: s.priority,
        Actions: actionsToSdk(s.actions),
        Conditions: s.conditions.map(conditionToSdk),
        Transforms: s.transforms && s.transforms.length > 0 ? s.transforms.map(transformToSdk) : undefined,
        Tags: elbTags(tags),
      });
      await elbv2.send(cmd).catch((err: unknown) => adoptRule(conn, err, cmd.input, s));
      return;
    }
    case 'AWS::WAFv2::WebACLAssociation':
    case 'AWS::Shield::Protection':
      return putAddon(conn, ctx, res, where);
    default:
      throw new Error(`${where}: gwlb cannot create ${res.type} resources yet; apply them with LBC or by hand`);
  }
}
