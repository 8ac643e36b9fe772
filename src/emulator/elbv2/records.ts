/**
 * ELBv2 state as the emulator stores it (JSON-serialisable, persisted as is). Action, condition
 * and transform records are kept in their AWS output shape (UpperCamel member names) so the
 * serialisers can emit them directly.
 */
export type LoadBalancerType = 'application' | 'network' | 'gateway';
export type Scheme = 'internet-facing' | 'internal';
export type LoadBalancerStateCode = 'provisioning' | 'active';

export interface LoadBalancerSubnet {
  readonly subnetId: string;
  readonly zoneName: string;
}

export interface LoadBalancerRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: LoadBalancerType;
  readonly scheme: Scheme;
  readonly dnsName: string;
  readonly hostedZoneId: string;
  readonly createdTime: string;
  readonly createdAtMs: number;
  readonly vpcId: string;
  subnets: LoadBalancerSubnet[];
  /** Undefined for an NLB created without security groups (it can never get any, §2.3 SetSecurityGroups). */
  securityGroups: string[] | undefined;
  ipAddressType: string;
  state: LoadBalancerStateCode;
  describesSeen: number;
  attributes: Record<string, string>;
  enforcePrivateLinkInbound?: string;
  /** NLB only (source-nat.ts); absent in state persisted before it was modelled. */
  enablePrefixForIpv6SourceNat?: 'on' | 'off';
  /** ModifyCapacityReservation's minimum capacity units; absent: no reservation. */
  capacityUnits?: number;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface HealthCheckRecord {
  protocol?: string;
  port?: string;
  enabled: boolean;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  path?: string;
  matcher?: { HttpCode?: string; GrpcCode?: string };
}

export interface RegisteredTarget {
  readonly id: string;
  readonly port: number;
  readonly availabilityZone?: string;
  describesSeen: number;
  /** Set by DeregisterTargets: the target shows `draining` on this many more DescribeTargetHealth calls. */
  drainingDescribesLeft?: number;
}

export interface TargetGroupRecord {
  readonly arn: string;
  readonly name: string;
  readonly targetType: string;
  readonly protocol?: string;
  readonly port?: number;
  readonly vpcId?: string;
  readonly protocolVersion?: string;
  readonly ipAddressType?: string;
  healthCheck: HealthCheckRecord;
  attributes: Record<string, string>;
  targets: RegisteredTarget[];
}

export interface TargetGroupTuple {
  TargetGroupArn: string;
  Weight: number;
}

export interface ActionRecord {
  Type: string;
  Order: number;
  TargetGroupArn?: string;
  ForwardConfig?: {
    TargetGroups: TargetGroupTuple[];
    TargetGroupStickinessConfig: { Enabled: boolean; DurationSeconds?: number };
  };
  RedirectConfig?: { Protocol: string; Port: string; Host: string; Path: string; Query: string; StatusCode: string };
  FixedResponseConfig?: { StatusCode: string; ContentType?: string; MessageBody?: string };
  /** Authenticate/JWT configs: scalar members plus string maps, kept generically. */
  AuthenticateOidcConfig?: Record<string, string | Record<string, string>>;
  AuthenticateCognitoConfig?: Record<string, string | Record<string, string>>;
  JwtValidationConfig?: Record<string, unknown>;
}

export type ConditionField = 'host-header' | 'path-pattern' | 'http-header' | 'http-request-method' | 'query-string' | 'source-ip';

export interface ConditionRecord {
  Field: ConditionField;
  Values?: string[];
  /** Value matching fills `Values`, regex matching `RegexValues`; never both (condition-regex.ts). */
  HostHeaderConfig?: { Values?: string[]; RegexValues?: string[] };
  PathPatternConfig?: { Values?: string[]; RegexValues?: string[] };
  HttpHeaderConfig?: { HttpHeaderName: string; Values?: string[]; RegexValues?: string[] };
  QueryStringConfig?: { Values: { Key?: string; Value: string }[] };
  HttpRequestMethodConfig?: { Values: string[] };
  SourceIpConfig?: { Values: string[] };
}

export interface TransformRecord {
  Type: string;
  HostHeaderRewriteConfig?: { Rewrites: { Regex: string; Replace: string }[] };
  UrlRewriteConfig?: { Rewrites: { Regex: string; Replace: string }[] };
}

export interface ListenerRecord {
  readonly arn: string;
  readonly loadBalancerArn: string;
  port?: number;
  protocol?: string;
  defaultCertificate?: string;
  /** The certificate list of Add/RemoveListenerCertificates (excluding the default unless added too). */
  certificates: string[];
  sslPolicy?: string;
  alpnPolicy?: string[];
  mutualAuthentication?: { Mode: string; TrustStoreArn?: string; IgnoreClientCertificateExpiry?: boolean };
  defaultActions: ActionRecord[];
  attributes: Record<string, string>;
  readonly defaultRuleArn: string;
}

export interface RuleRecord {
  readonly arn: string;
  readonly listenerArn: string;
  priority: number | 'default';
  conditions: ConditionRecord[];
  actions: ActionRecord[];
  transforms: TransformRecord[];
}

export interface Elbv2State {
  loadBalancers: Record<string, LoadBalancerRecord>;
  targetGroups: Record<string, TargetGroupRecord>;
  listeners: Record<string, ListenerRecord>;
  rules: Record<string, RuleRecord>;
  tags: Record<string, Tag[]>;
}

export function emptyElbv2State(): Elbv2State {
  return { loadBalancers: {}, targetGroups: {}, listeners: {}, rules: {}, tags: {} };
}
