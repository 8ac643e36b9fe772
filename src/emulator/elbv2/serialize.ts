/**
 * ELBv2 records → awsQuery output shapes, with the exact member names of the SDK's schemas
 * (LoadBalancer, TargetGroup, Listener, Rule, Action). Write-only inputs such as the OIDC
 * ClientSecret are never echoed, as in AWS.
 */
import type { EmulatorState } from '../state.js';
import { XmlMap, type XmlValue } from '../wire/xml.js';
import type { ActionRecord, ListenerRecord, LoadBalancerRecord, RuleRecord, TargetGroupRecord } from './records.js';
import { targetGroupLoadBalancers } from './references.js';
import { sourceNatShape } from './source-nat.js';

type Struct = { [name: string]: XmlValue };

export function loadBalancerShape(lb: LoadBalancerRecord): Struct {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: lb.hostedZoneId,
    CreatedTime: lb.createdTime,
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: lb.state },
    Type: lb.type,
    AvailabilityZones: availabilityZonesShape(lb),
    SecurityGroups: lb.securityGroups,
    IpAddressType: lb.ipAddressType,
    EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: lb.enforcePrivateLinkInbound,
    EnablePrefixForIpv6SourceNat: sourceNatShape(lb),
  };
}

export function availabilityZonesShape(lb: LoadBalancerRecord): XmlValue {
  return lb.subnets.map((s) => ({ ZoneName: s.zoneName, SubnetId: s.subnetId, LoadBalancerAddresses: [] }));
}

export function targetGroupShape(state: EmulatorState, tg: TargetGroupRecord): Struct {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThreshold,
    UnhealthyThresholdCount: hc.unhealthyThreshold,
    HealthCheckPath: hc.path,
    Matcher: hc.matcher,
    LoadBalancerArns: targetGroupLoadBalancers(state, tg.arn),
    TargetType: tg.targetType,
    ProtocolVersion: tg.protocolVersion,
    IpAddressType: tg.ipAddressType,
  };
}

export function actionShape(a: ActionRecord): Struct {
  return {
    Type: a.Type,
    TargetGroupArn: a.TargetGroupArn,
    AuthenticateOidcConfig: a.AuthenticateOidcConfig && authShape(a.AuthenticateOidcConfig),
    AuthenticateCognitoConfig: a.AuthenticateCognitoConfig && authShape(a.AuthenticateCognitoConfig),
    Order: a.Order,
    RedirectConfig: a.RedirectConfig,
    FixedResponseConfig: a.FixedResponseConfig,
    ForwardConfig: a.ForwardConfig as unknown as XmlValue,
    JwtValidationConfig: a.JwtValidationConfig as XmlValue,
  };
}

function authShape(config: Record<string, string | Record<string, string>>): Struct {
  const out: Struct = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === 'ClientSecret') continue;
    out[k] = typeof v === 'string' ? v : new XmlMap(v);
  }
  return out;
}

export function listenerShape(l: ListenerRecord): Struct {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    // Only the default certificate, without IsDefault (§2.3 CreateListener).
    Certificates: l.defaultCertificate ? [{ CertificateArn: l.defaultCertificate }] : undefined,
    SslPolicy: l.sslPolicy,
    DefaultActions: l.defaultActions.map(actionShape),
    AlpnPolicy: l.alpnPolicy,
    MutualAuthentication: l.mutualAuthentication,
  };
}

export function ruleShape(r: RuleRecord): Struct {
  return {
    RuleArn: r.arn,
    Priority: String(r.priority),
    Conditions: r.conditions as unknown as XmlValue,
    Actions: r.actions.map(actionShape),
    IsDefault: r.priority === 'default',
    Transforms: r.transforms as unknown as XmlValue,
  };
}

export function attributesShape(attributes: Record<string, string>): XmlValue {
  return Object.entries(attributes).map(([Key, Value]) => ({ Key, Value }));
}
