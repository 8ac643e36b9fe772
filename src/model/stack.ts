/**
 * The desired AWS model for one Gateway, in LBC's stack shape (pkg/model/core, pkg/model/elbv2,
 * pkg/model/ec2, pkg/model/elbv2/k8s, pkg/model/wafv2, pkg/model/shield). Field names are LBC's
 * JSON tags so `stackToLbcJson` is a re-ordering, not a translation. Beside the LBC spec each stack
 * carries what gwlb needs to plan and apply (`StackExtras`), which LBC keeps outside the stack.
 */
import type { ObjectRef } from '../diagnostics.js';
import type { LoadBalancerType } from '../resolve/types.js';
import type { UnknownValue } from './discovery.js';

// ---------------------------------------------------------------------------------------------
// Tokens: values known only after another resource exists, or only after discovery.

/** `{"$ref": "#/resources/<Type>/<id>/status/<field>"}` (pkg/model/core/token_types.go). */
export interface ResourceRef {
  readonly $ref: string;
}

/** A string as LBC's `core.StringToken`: literal, stack reference, or (gwlb only) not yet discovered. */
export type StringToken = string | ResourceRef | UnknownValue;

/**
 * gwlb only: a value the API server assigns and the input lacks (an instance target group's
 * port when the Service has no `nodePort` yet, and the name that hashes it).
 */
export type Assigned<T> = T | UnknownValue;

export type StatusField = 'groupID' | 'loadBalancerARN' | 'targetGroupARN' | 'listenerARN' | 'dnsName';

export function resourceRef(type: ResourceType, id: string, field: StatusField): ResourceRef {
  return { $ref: `#/resources/${type}/${id}/status/${field}` };
}

export function isResourceRef(v: unknown): v is ResourceRef {
  return typeof v === 'object' && v !== null && typeof (v as { $ref?: unknown }).$ref === 'string';
}

/**
 * A token's identity as a string, for sets and maps: a literal is itself, a reference its `$ref`
 * path, an unknown value its description (marked, so it cannot pass for a literal).
 */
export function tokenKey(t: StringToken): string {
  if (typeof t === 'string') return t;
  return '$ref' in t ? t.$ref : `$unknown:${t.$unknown}`;
}

// ---------------------------------------------------------------------------------------------
// Resource types and ids.

export const RT = {
  securityGroup: 'AWS::EC2::SecurityGroup',
  loadBalancer: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  listener: 'AWS::ElasticLoadBalancingV2::Listener',
  listenerRule: 'AWS::ElasticLoadBalancingV2::ListenerRule',
  targetGroup: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  targetGroupBinding: 'K8S::ElasticLoadBalancingV2::TargetGroupBinding',
  webAclAssociation: 'AWS::WAFv2::WebACLAssociation',
  shieldProtection: 'AWS::Shield::Protection',
  frontendNlbTargetGroup: 'FrontendNLBTargetGroup',
} as const;
export type ResourceType = (typeof RT)[keyof typeof RT];

export const LOAD_BALANCER_ID = 'LoadBalancer';
export const MANAGED_SG_ID = 'ManagedLBSecurityGroup';
export const FRONTEND_NLB_ID = 'FrontendNLBTargetGroup';

export type Tags = Readonly<Record<string, string>>;

// ---------------------------------------------------------------------------------------------
// EC2 (pkg/model/ec2)

export interface IPPermission {
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly ipRanges?: readonly { readonly cidrIP: string; readonly description?: string }[];
  readonly ipv6Ranges?: readonly { readonly cidrIPv6: string; readonly description?: string }[];
  readonly userIDGroupPairs?: readonly { readonly groupID: StringToken; readonly description?: string }[];
  readonly prefixLists?: readonly { readonly listID: string; readonly description?: string }[];
}

export interface SecurityGroupSpec {
  readonly groupName: string;
  readonly description: string;
  readonly tags?: Tags;
  readonly ingress?: readonly IPPermission[];
}

// ---------------------------------------------------------------------------------------------
// ELBv2 load balancer (pkg/model/elbv2/load_balancer.go)

export type LoadBalancerScheme = 'internal' | 'internet-facing';
export type IPAddressType = 'ipv4' | 'dualstack' | 'dualstack-without-public-ipv4';

export interface SubnetMapping {
  readonly allocationID?: string;
  readonly privateIPv4Address?: string;
  readonly ipv6Address?: string;
  readonly sourceNatIpv6Prefix?: string;
  readonly subnetID: StringToken;
}

export interface KeyValueAttribute {
  readonly key: string;
  readonly value: string;
}

export interface LoadBalancerSpec {
  readonly name: string;
  readonly type: LoadBalancerType;
  readonly scheme?: LoadBalancerScheme;
  readonly ipAddressType?: IPAddressType;
  readonly enablePrefixForIpv6SourceNat?: 'on' | 'off';
  readonly subnetMapping?: readonly SubnetMapping[];
  readonly securityGroups?: readonly StringToken[];
  readonly securityGroupsInboundRulesOnPrivateLink?: string;
  readonly customerOwnedIPv4Pool?: string;
  readonly loadBalancerAttributes?: readonly KeyValueAttribute[];
  readonly minimumLoadBalancerCapacity?: { readonly capacityUnits: number };
  readonly tags?: Tags;
  readonly ipv4IPAMPool?: string;
}

// ---------------------------------------------------------------------------------------------
// Listener and rule actions (pkg/model/elbv2/listener.go, listener_rule.go)

export type Protocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP' | 'QUIC' | 'TCP_QUIC';
export type ProtocolVersion = 'HTTP1' | 'HTTP2' | 'GRPC';

export interface TargetGroupTuple {
  readonly targetGroupARN: StringToken;
  readonly weight?: number;
}

export interface AuthenticateCognitoConfig {
  readonly authenticationRequestExtraParams?: Tags;
  readonly onUnauthenticatedRequest?: 'deny' | 'allow' | 'authenticate';
  readonly scope?: string;
  readonly sessionCookieName?: string;
  readonly sessionTimeout?: number;
  readonly userPoolARN: string;
  readonly userPoolClientID: string;
  readonly userPoolDomain: string;
}

export interface AuthenticateOidcConfig {
  readonly authenticationRequestExtraParams?: Tags;
  readonly onUnauthenticatedRequest?: 'deny' | 'allow' | 'authenticate';
  readonly scope?: string;
  readonly sessionCookieName?: string;
  readonly sessionTimeout?: number;
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userInfoEndpoint: string;
  /** Sensitive: read from a Secret. Never rendered unredacted by gwlb. */
  readonly clientID: string;
  readonly clientSecret: string;
}

export interface JwtValidationConfig {
  readonly jwksEndpoint: string;
  readonly issuer: string;
  readonly additionalClaims?: readonly { readonly format: string; readonly name: string; readonly values: readonly string[] }[];
}

export interface FixedResponseConfig {
  readonly contentType?: string;
  readonly messageBody?: string;
  readonly statusCode: string;
}

export interface RedirectConfig {
  readonly host?: string;
  readonly path?: string;
  readonly port?: string;
  readonly protocol?: string;
  readonly query?: string;
  readonly statusCode: string;
}

export interface ForwardConfig {
  readonly targetGroups: readonly TargetGroupTuple[];
  readonly targetGroupStickinessConfig?: { readonly enabled?: boolean; readonly durationSeconds?: number };
}

export type Action =
  | { readonly type: 'forward'; readonly forwardConfig: ForwardConfig }
  | { readonly type: 'fixed-response'; readonly fixedResponseConfig: FixedResponseConfig }
  | { readonly type: 'redirect'; readonly redirectConfig: RedirectConfig }
  | { readonly type: 'authenticate-cognito'; readonly authenticateCognitoConfig: AuthenticateCognitoConfig }
  | { readonly type: 'authenticate-oidc'; readonly authenticateOIDCConfig: AuthenticateOidcConfig }
  | { readonly type: 'jwt-validation'; readonly jwtValidationConfig: JwtValidationConfig };
export type ActionType = Action['type'];

export interface MutualAuthentication {
  readonly mode: string;
  readonly trustStoreArn?: StringToken;
  readonly ignoreClientCertificateExpiry?: boolean;
  readonly advertiseTrustStoreCaNames?: string;
}

/** Go struct without JSON tags: serialises as `Key` / `Value` (listener.go ListenerAttribute). */
export interface ListenerAttribute {
  readonly Key: string;
  readonly Value: string;
}

export interface ListenerSpec {
  readonly loadBalancerARN: StringToken;
  readonly port: number;
  readonly protocol: Protocol;
  readonly defaultActions?: readonly Action[];
  readonly certificates?: readonly { readonly certificateARN: StringToken }[];
  readonly sslPolicy?: string;
  readonly alpnPolicy?: readonly string[];
  readonly mutualAuthentication?: MutualAuthentication;
  readonly tags?: Tags;
  readonly listenerAttributes?: readonly ListenerAttribute[];
}

export type RuleCondition =
  | { readonly field: 'host-header'; readonly hostHeaderConfig: { readonly regexValues?: readonly string[]; readonly values?: readonly string[] } }
  | {
      readonly field: 'http-header';
      readonly httpHeaderConfig: { readonly httpHeaderName: string; readonly regexValues?: readonly string[]; readonly values?: readonly string[] };
    }
  | { readonly field: 'http-request-method'; readonly httpRequestMethodConfig: { readonly values: readonly string[] } }
  | { readonly field: 'path-pattern'; readonly pathPatternConfig: { readonly regexValues?: readonly string[]; readonly values?: readonly string[] } }
  | { readonly field: 'query-string'; readonly queryStringConfig: { readonly values: readonly { readonly key?: string; readonly value: string }[] } }
  | { readonly field: 'source-ip'; readonly sourceIPConfig: { readonly values: readonly string[] } };
export type RuleConditionField = RuleCondition['field'];

export interface RewriteConfigObject {
  readonly rewrites: readonly { readonly regex: string; readonly replace: string }[];
}

export type Transform =
  | { readonly type: 'url-rewrite'; readonly urlRewriteConfig: RewriteConfigObject }
  | { readonly type: 'host-header-rewrite'; readonly hostHeaderRewriteConfig: RewriteConfigObject };

export interface ListenerRuleSpec {
  readonly listenerARN: StringToken;
  readonly priority: number;
  readonly actions: readonly Action[];
  readonly conditions: readonly RuleCondition[];
  readonly transforms?: readonly Transform[];
  readonly tags?: Tags;
}

// ---------------------------------------------------------------------------------------------
// Target groups (pkg/model/elbv2/target_group.go) and bindings (pkg/model/elbv2/k8s)

export type TargetType = 'instance' | 'ip' | 'alb';

export interface HealthCheckConfig {
  /** intstr: `traffic-port` or a number. */
  readonly port?: string | number;
  readonly protocol?: Protocol;
  readonly path?: string;
  readonly matcher?: { readonly httpCode?: string; readonly grpcCode?: string };
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly healthyThresholdCount?: number;
  readonly unhealthyThresholdCount?: number;
}

export interface TargetGroupSpec {
  /** Unknown only while the Service's nodePort is (instance targets, no `targetGroupName`). */
  readonly name: Assigned<string>;
  readonly targetType: TargetType;
  /** Unknown when the Service has no nodePort yet (instance targets). */
  readonly port: Assigned<number>;
  readonly protocol: Protocol;
  readonly protocolVersion?: ProtocolVersion;
  readonly ipAddressType?: 'ipv4' | 'ipv6';
  readonly healthCheckConfig?: HealthCheckConfig;
  readonly targetGroupAttributes?: readonly KeyValueAttribute[];
  readonly tags?: Tags;
  readonly targetControlPort?: number;
}

/** A target group as AWS holds it (observed) or as apply sends it: name and port known. */
export type KnownTargetGroupSpec = Omit<TargetGroupSpec, 'name' | 'port'> & { readonly name: string; readonly port: number };

export interface NetworkingPeer {
  readonly ipBlock?: { readonly cidr: string };
  readonly securityGroup?: { readonly groupID: StringToken };
}

export interface NetworkingIngressRule {
  readonly from: readonly NetworkingPeer[];
  readonly ports: readonly { readonly protocol?: 'TCP' | 'UDP'; readonly port?: Assigned<string | number> }[];
}

export interface LabelSelectorJson {
  readonly matchLabels?: Tags;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

export interface TargetGroupBindingSpec {
  readonly template: {
    readonly metadata: {
      readonly name: Assigned<string>;
      readonly namespace: string;
      readonly labels?: Tags;
      readonly annotations?: Tags;
    };
    readonly spec: {
      readonly targetGroupARN: StringToken;
      readonly targetType?: 'instance' | 'ip';
      readonly serviceRef: { readonly name: string; readonly port: string | number };
      readonly networking?: { readonly ingress?: readonly NetworkingIngressRule[] };
      readonly nodeSelector?: LabelSelectorJson;
      readonly ipAddressType?: 'ipv4' | 'ipv6';
      readonly vpcID?: StringToken;
      readonly multiClusterTargetGroup?: boolean;
      readonly targetGroupProtocol?: Protocol;
    };
  };
}

/** Go struct without JSON tags (frontend_nlb_target_group.go): field names as written. */
export interface FrontendNlbTargetGroupState {
  readonly Name: string;
  readonly ARN: StringToken;
  readonly Port: number;
  readonly TargetARN: StringToken;
  readonly TargetPort: number;
}

// ---------------------------------------------------------------------------------------------
// The stack

export type StackResource =
  | { readonly type: typeof RT.securityGroup; readonly id: string; readonly spec: SecurityGroupSpec }
  | { readonly type: typeof RT.loadBalancer; readonly id: string; readonly spec: LoadBalancerSpec }
  | { readonly type: typeof RT.listener; readonly id: string; readonly spec: ListenerSpec }
  | { readonly type: typeof RT.listenerRule; readonly id: string; readonly spec: ListenerRuleSpec }
  | { readonly type: typeof RT.targetGroup; readonly id: string; readonly spec: TargetGroupSpec }
  | { readonly type: typeof RT.targetGroupBinding; readonly id: string; readonly spec: TargetGroupBindingSpec }
  | { readonly type: typeof RT.webAclAssociation; readonly id: string; readonly spec: { readonly webACLARN: string; readonly resourceARN: StringToken } }
  | { readonly type: typeof RT.shieldProtection; readonly id: string; readonly spec: { readonly enabled: boolean; readonly resourceARN: StringToken } }
  | {
      readonly type: typeof RT.frontendNlbTargetGroup;
      readonly id: string;
      /** LBC serialises this one without a `spec` wrapper: `{"TargetGroups": {...}}`. */
      readonly targetGroups: Readonly<Record<string, FrontendNlbTargetGroupState>>;
    };

export type ResourceOf<T extends ResourceType> = Extract<StackResource, { type: T }>;

// ---------------------------------------------------------------------------------------------
// gwlb extras: what the plan needs that LBC keeps outside the stack.

/** Where the Gateway UID hashed into the LB / SG names came from. */
export type UidSource =
  | { readonly kind: 'metadata'; readonly uid: string }
  /** `metadata.uid` absent (manifests from files): stable stand-in from cluster, namespace, name. */
  | { readonly kind: 'stand-in'; readonly uid: string };

/** A target gwlb would register (LBC's TargetGroupBinding controller does this in-cluster). */
export interface Target {
  readonly id: StringToken;
  readonly port: number;
  readonly availabilityZone?: string;
}

export type TargetRegistration =
  /** Computed from EndpointSlices (ip) or Nodes + NodePort (instance): the exact desired set. */
  | { readonly kind: 'managed'; readonly targetGroupId: string; readonly targets: readonly Target[] }
  /** Not computable from the input: gwlb never deregisters what it finds. */
  | { readonly kind: 'unmanaged'; readonly targetGroupId: string; readonly reason: string }
  /** Gateway chaining: the ALB itself is the one target (frontend_nlb_target_synthesizer.go). */
  | { readonly kind: 'alb'; readonly targetGroupId: string; readonly albArn: string; readonly port: number };

/** The cluster-wide backend SG (backend_sg_provider.go); not part of LBC's stack. */
export type BackendSecurityGroup =
  | { readonly kind: 'managed'; readonly groupName: string; readonly description: string; readonly tags: Tags; readonly groupID: StringToken }
  | { readonly kind: 'configured'; readonly groupID: string };

/** An ingress rule LBC's TGB controller would put on a node/pod ENI security group. */
export interface NodeSecurityGroupRule {
  readonly targetGroupId: string;
  /** The ENI SG, when discovery knows it. */
  readonly groupID: StringToken;
  /** Ports unknown while the Service's nodePort is. */
  readonly permission: Omit<IPPermission, 'fromPort' | 'toPort'> & { readonly fromPort?: Assigned<number>; readonly toPort?: Assigned<number> };
}

/**
 * An instance target group whose port is the Service's nodePort, absent from the input: the API
 * server assigns it when it creates the Service. Applying the stack needs it (apply refuses).
 */
export interface PendingNodePort {
  /** Service `namespace/name`. */
  readonly service: string;
  /** The Service port (`spec.ports[].port`) whose nodePort is missing. */
  readonly port: number;
  readonly targetGroupId: string;
}

export interface StackExtras {
  readonly gateway: ObjectRef;
  readonly gatewayClass: string;
  readonly loadBalancerType: LoadBalancerType;
  /** `gateway.k8s.aws.alb` or `gateway.k8s.aws.nlb`. */
  readonly tagPrefix: string;
  readonly uid: UidSource;
  readonly targets: readonly TargetRegistration[];
  readonly backendSecurityGroup?: BackendSecurityGroup;
  readonly nodeSecurityGroupRules: readonly NodeSecurityGroupRule[];
  /** `deletion_protection.enabled` parses true in the LB attributes. */
  readonly deletionProtection: boolean;
  /** Instance target groups whose port waits for the API server (absent when none). */
  readonly pendingNodePorts?: readonly PendingNodePort[];
}

export interface Stack {
  /** `namespace/name` of the Gateway (pkg/model/core/stack_id.go). */
  readonly id: string;
  /** In creation order (LBC's builder order); `stackToLbcJson` sorts. */
  readonly resources: readonly StackResource[];
  readonly extras: StackExtras;
}

export function resourcesOf<T extends ResourceType>(stack: Stack, type: T): ResourceOf<T>[] {
  return stack.resources.filter((r): r is ResourceOf<T> => r.type === type);
}

export function findResource<T extends ResourceType>(stack: Stack, type: T, id: string): ResourceOf<T> | undefined {
  return resourcesOf(stack, type).find((r) => r.id === id);
}
