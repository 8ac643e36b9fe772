/**
 * In-place updates, the calls LBC's managers make for each kind of drift (lbc-model-deploy.md
 * §10.4): the desired spec (refs resolved) and the observed one are compared in the plan's own
 * views (plan/views.ts), so apply changes exactly what the plan showed and nothing else.
 * Rule priorities are moved separately, per listener, by rule-priorities.ts.
 */
import {
  AddListenerCertificatesCommand,
  ModifyListenerAttributesCommand,
  ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyRuleCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  RemoveListenerCertificatesCommand,
  SetIpAddressTypeCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsConnection } from '../aws/clients.js';
import type { StackResource } from '../model/stack.js';
import type { ObservedResource } from '../plan/observed.js';
import type { PlanResourceType } from '../plan/types.js';
import { canonical } from '../plan/values.js';
import { overlay, viewOf, type View } from '../plan/views.js';
import type { StackContext } from './context.js';
import { putAddon } from './addons.js';
import { setCapacityReservation } from './capacity.js';
import { authorizeIngress, revokeIngress } from './recover.js';
import { actionsToSdk, conditionToSdk, permissionKey, singleSourcePermissions, transformToSdk } from './sdk-shapes.js';

type Planned = Extract<StackResource, { type: PlanResourceType }>;
const differs = (a: unknown, b: unknown) => canonical(a) !== canonical(b);

function changedAttributes(desired: readonly { key: string; value: string }[] | undefined, observed: Readonly<Record<string, string>> | undefined) {
  return (desired ?? []).filter((a) => observed?.[a.key] !== a.value).map((a) => ({ Key: a.key, Value: a.value }));
}

export async function updateResource(conn: AwsConnection, ctx: StackContext, d: Planned, o: ObservedResource, where: string): Promise<void> {
  const { elbv2 } = conn;
  const resolved = { ...d, spec: ctx.resolve(d.spec, where) } as Planned;
  const dv = viewOf(resolved, undefined);
  const ov = viewOf(o, undefined);
  const after: View = overlay(d.type, dv, ov);
  switch (resolved.type) {
    case 'AWS::EC2::SecurityGroup': {
      if (o.type !== resolved.type) return;
      const want = new Map(singleSourcePermissions(resolved.spec.ingress).map((p) => [permissionKey(p), p]));
      const have = new Map(singleSourcePermissions(o.spec.ingress).map((p) => [permissionKey(p), p]));
      const add = [...want].filter(([k]) => !have.has(k)).map(([, p]) => p);
      const remove = [...have].filter(([k]) => !want.has(k)).map(([, p]) => p);
      // Authorize before revoke, so a rule changing source never leaves a gap (security_group_reconciler.go).
      if (add.length > 0) await authorizeIngress(conn, o.arn, add);
      if (remove.length > 0) await revokeIngress(conn, o.arn, remove);
      return;
    }
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const s = resolved.spec;
      if (differs(after['securityGroups'], ov['securityGroups']) && s.securityGroups) {
        await elbv2.send(new SetSecurityGroupsCommand({ LoadBalancerArn: o.arn, SecurityGroups: s.securityGroups.map(String) }));
      }
      if (differs(after['subnetMapping'], ov['subnetMapping']) && s.subnetMapping) {
        await elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: o.arn, SubnetMappings: s.subnetMapping.map((m) => ({ SubnetId: String(m.subnetID), AllocationId: m.allocationID, PrivateIPv4Address: m.privateIPv4Address, IPv6Address: m.ipv6Address })) }));
      }
      if (differs(after['ipAddressType'], ov['ipAddressType']) && s.ipAddressType) {
        await elbv2.send(new SetIpAddressTypeCommand({ LoadBalancerArn: o.arn, IpAddressType: s.ipAddressType }));
      }
      const attrs = changedAttributes(s.loadBalancerAttributes, ov['loadBalancerAttributes'] as Record<string, string> | undefined);
      if (attrs.length > 0) await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: o.arn, Attributes: attrs }));
      const capacity = s.minimumLoadBalancerCapacity;
      if (capacity && differs(after['minimumLoadBalancerCapacity'], ov['minimumLoadBalancerCapacity'])) await setCapacityReservation(conn, o.arn, capacity.capacityUnits);
      return;
    }
    case 'AWS::ElasticLoadBalancingV2::TargetGroup': {
      const s = resolved.spec;
      const hc = s.healthCheckConfig;
      if (hc && differs(after['healthCheckConfig'], ov['healthCheckConfig'])) {
        await elbv2.send(
          new ModifyTargetGroupCommand({
            TargetGroupArn: o.arn,
            HealthCheckProtocol: hc.protocol,
            HealthCheckPort: hc.port !== undefined ? String(hc.port) : undefined,
            HealthCheckPath: hc.path,
            HealthCheckIntervalSeconds: hc.intervalSeconds,
            HealthCheckTimeoutSeconds: hc.timeoutSeconds,
            HealthyThresholdCount: hc.healthyThresholdCount,
            UnhealthyThresholdCount: hc.unhealthyThresholdCount,
            Matcher: hc.matcher ? { HttpCode: hc.matcher.httpCode, GrpcCode: hc.matcher.grpcCode } : undefined,
          }),
        );
      }
      const attrs = changedAttributes(s.targetGroupAttributes, ov['targetGroupAttributes'] as Record<string, string> | undefined);
      if (attrs.length > 0) await elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: o.arn, Attributes: attrs }));
      return;
    }
    case 'AWS::ElasticLoadBalancingV2::Listener': {
      const s = resolved.spec;
      const settings = ['port', 'protocol', 'defaultActions', 'sslPolicy', 'alpnPolicy', 'mutualAuthentication'];
      const certs = (v: View) => ((v['certificates'] ?? []) as { certificateARN: string }[]).map((c) => c.certificateARN);
      const [wantDefault, ...wantExtra] = certs(after);
      const [haveDefault, ...haveExtra] = certs(ov);
      if (settings.some((k) => differs(after[k], ov[k])) || wantDefault !== haveDefault) {
        const m = s.mutualAuthentication;
        await elbv2.send(
          new ModifyListenerCommand({
            ListenerArn: o.arn,
            Port: s.port,
            Protocol: s.protocol,
            DefaultActions: actionsToSdk(s.defaultActions),
            Certificates: wantDefault ? [{ CertificateArn: wantDefault }] : undefined,
            SslPolicy: s.sslPolicy,
            // `None` removes an ALPN policy, `off` removes mTLS (listener_manager.go).
            AlpnPolicy: s.alpnPolicy ? [...s.alpnPolicy] : ov['alpnPolicy'] ? ['None'] : undefined,
            MutualAuthentication: m ? { Mode: m.mode, TrustStoreArn: m.trustStoreArn !== undefined ? String(m.trustStoreArn) : undefined, IgnoreClientCertificateExpiry: m.ignoreClientCertificateExpiry } : ov['mutualAuthentication'] ? { Mode: 'off' } : undefined,
          }),
        );
      }
      for (const c of wantExtra.filter((c) => !haveExtra.includes(c))) await elbv2.send(new AddListenerCertificatesCommand({ ListenerArn: o.arn, Certificates: [{ CertificateArn: c }] }));
      for (const c of haveExtra.filter((c) => !wantExtra.includes(c))) await elbv2.send(new RemoveListenerCertificatesCommand({ ListenerArn: o.arn, Certificates: [{ CertificateArn: c }] }));
      const attrs = changedAttributes(s.listenerAttributes?.map((a) => ({ key: a.Key, value: a.Value })), ov['listenerAttributes'] as Record<string, string> | undefined);
      if (attrs.length > 0) await elbv2.send(new ModifyListenerAttributesCommand({ ListenerArn: o.arn, Attributes: attrs }));
      return;
    }
    case 'AWS::ElasticLoadBalancingV2::ListenerRule': {
      const s = resolved.spec;
      if (['actions', 'conditions', 'transforms'].some((k) => differs(after[k], ov[k]))) {
        const transforms = s.transforms && s.transforms.length > 0 ? s.transforms.map(transformToSdk) : undefined;
        await elbv2.send(
          new ModifyRuleCommand({
            RuleArn: o.arn,
            Actions: actionsToSdk(s.actions),
            Conditions: s.conditions.map(conditionToSdk),
            ...(transforms ? { Transforms: transforms } : ov['transforms'] ? { ResetTransforms: true } : {}),
          }),
        );
      }
      return;
    }
    case 'AWS::WAFv2::WebACLAssociation':
    case 'AWS::Shield::Protection':
      if (differs(after, ov)) await putAddon(conn, ctx, resolved, where);
      return;
    default:
      throw new Error(`${where}: gwlb cannot update ${d.type} resources yet`);
  }
}
