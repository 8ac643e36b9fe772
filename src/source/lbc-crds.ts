/**
 * LBC's own CRDs (group gateway.k8s.aws, v1 and v1beta1 are byte-identical apart from markers;
 * `apis/gateway/v1/*_types.go`). Shapes after CRD defaulting.
 */
import type { KubeObject, LabelSelector } from './kube.js';

export const LBC_GROUP = 'gateway.k8s.aws';

export type LoadBalancerScheme = 'internal' | 'internet-facing';
export type LoadBalancerIpAddressType = 'ipv4' | 'dualstack' | 'dualstack-without-public-ipv4';

export interface SubnetConfiguration {
  readonly identifier?: string;
  readonly eipAllocation?: string;
  readonly privateIPv4Allocation?: string;
  readonly ipv6Allocation?: string;
  readonly sourceNatIPv6Prefix?: string;
}

export interface MutualAuthenticationAttributes {
  readonly mode: 'off' | 'passthrough' | 'verify';
  readonly trustStore?: string;
  readonly ignoreClientCertificateExpiry?: boolean;
  readonly advertiseTrustStoreCaNames?: 'on' | 'off';
}

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

export interface ListenerConfiguration {
  readonly protocolPort: string;
  readonly defaultCertificate?: string;
  readonly certificates?: readonly string[];
  readonly sslPolicy?: string;
  /** CRD default `None`. */
  readonly alpnPolicy?: 'HTTP1Only' | 'HTTP2Only' | 'HTTP2Optional' | 'HTTP2Preferred' | 'None';
  readonly targetGroupStickiness?: boolean;
  readonly mutualAuthentication?: MutualAuthenticationAttributes;
  readonly listenerAttributes?: readonly KeyValue[];
  readonly quicEnabled?: boolean;
}

export interface LoadBalancerConfigurationSpec {
  readonly mergingMode?: 'prefer-gateway' | 'prefer-gateway-class';
  readonly loadBalancerName?: string;
  readonly scheme?: LoadBalancerScheme;
  readonly ipAddressType?: LoadBalancerIpAddressType;
  readonly enforceSecurityGroupInboundRulesOnPrivateLinkTraffic?: string;
  readonly customerOwnedIpv4Pool?: string;
  readonly ipv4IPAMPoolId?: string;
  readonly loadBalancerSubnets?: readonly SubnetConfiguration[];
  readonly loadBalancerSubnetsSelector?: Readonly<Record<string, readonly string[]>>;
  readonly listenerConfigurations?: readonly ListenerConfiguration[];
  readonly disableSecurityGroup?: boolean;
  readonly securityGroups?: readonly string[];
  readonly securityGroupPrefixes?: readonly string[];
  readonly sourceRanges?: readonly string[];
  readonly loadBalancerAttributes?: readonly KeyValue[];
  readonly tags?: Readonly<Record<string, string>>;
  readonly enableICMP?: boolean;
  readonly manageBackendSecurityGroupRules?: boolean;
  readonly minimumLoadBalancerCapacity?: { readonly capacityUnits: number };
  readonly wafV2?: { readonly webACL: string };
  readonly shieldConfiguration?: { readonly enabled: boolean };
  readonly defaultTargetGroupConfiguration?: { readonly name: string };
}
export type LoadBalancerConfiguration = KubeObject<'LoadBalancerConfiguration', LoadBalancerConfigurationSpec>;

export interface HealthCheckConfiguration {
  readonly healthyThresholdCount?: number;
  readonly healthCheckInterval?: number;
  readonly healthCheckPath?: string;
  readonly healthCheckPort?: string;
  readonly healthCheckProtocol?: 'HTTP' | 'HTTPS' | 'TCP';
  readonly healthCheckTimeout?: number;
  readonly unhealthyThresholdCount?: number;
  readonly matcher?: { readonly httpCode?: string; readonly grpcCode?: string };
}

export type TargetType = 'instance' | 'ip';
export type TargetGroupProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP';
export type ProtocolVersion = 'HTTP1' | 'HTTP2' | 'GRPC';

export interface TargetGroupProps {
  readonly targetGroupName?: string;
  readonly ipAddressType?: 'ipv4' | 'ipv6';
  readonly healthCheckConfig?: HealthCheckConfiguration;
  readonly nodeSelector?: LabelSelector;
  readonly targetGroupAttributes?: readonly KeyValue[];
  readonly targetType?: TargetType;
  readonly protocol?: TargetGroupProtocol;
  readonly protocolVersion?: ProtocolVersion;
  readonly targetControlPort?: number;
  readonly enableMultiCluster?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface TargetGroupConfigurationSpec {
  readonly targetReference?: { readonly group: string; readonly kind: string; readonly name: string };
  readonly defaultConfiguration?: TargetGroupProps;
  readonly routeConfigurations?: readonly {
    readonly routeIdentifier: { readonly kind?: string; readonly namespace?: string; readonly name?: string };
    readonly targetGroupProps: TargetGroupProps;
  }[];
}
export type TargetGroupConfiguration = KubeObject<'TargetGroupConfiguration', TargetGroupConfigurationSpec>;

export interface AuthenticateCognitoConfig {
  readonly userPoolArn: string;
  readonly userPoolClientId: string;
  readonly userPoolDomain: string;
  readonly scope: string;
  readonly authenticationRequestExtraParams?: Readonly<Record<string, string>>;
  readonly onUnauthenticatedRequest: 'deny' | 'allow' | 'authenticate';
  readonly sessionCookieName: string;
  readonly sessionTimeout: number;
}

export interface AuthenticateOidcConfig {
  readonly authorizationEndpoint: string;
  readonly secret: { readonly name: string };
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly userInfoEndpoint: string;
  readonly scope: string;
  readonly authenticationRequestExtraParams?: Readonly<Record<string, string>>;
  readonly onUnauthenticatedRequest: 'deny' | 'allow' | 'authenticate';
  readonly sessionCookieName: string;
  readonly sessionTimeout: number;
  readonly useExistingClientSecret?: boolean;
}

export interface JwtValidationConfig {
  readonly issuer: string;
  readonly jwksEndpoint: string;
  readonly additionalClaims?: readonly {
    readonly format: 'single-string' | 'string-array' | 'space-separated-values';
    readonly name: string;
    readonly values: readonly string[];
  }[];
}

export type ListenerRuleAction =
  | { readonly type: 'forward'; readonly forwardConfig: { readonly targetGroupStickinessConfig: { readonly durationSeconds: number; readonly enabled: boolean } } }
  | { readonly type: 'fixed-response'; readonly fixedResponseConfig: { readonly statusCode: number; readonly contentType: string; readonly messageBody?: string } }
  | { readonly type: 'redirect'; readonly redirectConfig: { readonly query: string } }
  | { readonly type: 'authenticate-cognito'; readonly authenticateCognitoConfig: AuthenticateCognitoConfig }
  | { readonly type: 'authenticate-oidc'; readonly authenticateOIDCConfig: AuthenticateOidcConfig }
  | { readonly type: 'jwt-validation'; readonly jwtValidationConfig: JwtValidationConfig };

export interface ListenerRuleCondition {
  readonly field: 'source-ip';
  readonly sourceIPConfig: { readonly values: readonly string[] };
  readonly matchIndexes?: readonly number[];
}

export interface ListenerRuleConfigurationSpec {
  readonly actions?: readonly ListenerRuleAction[];
  readonly conditions?: readonly ListenerRuleCondition[];
  readonly tags?: Readonly<Record<string, string>>;
}

export interface ListenerRuleConfigurationStatus {
  readonly accepted?: boolean;
  readonly message?: string;
}
export type ListenerRuleConfiguration = KubeObject<'ListenerRuleConfiguration', ListenerRuleConfigurationSpec, ListenerRuleConfigurationStatus>;
