/**
 * Cluster settings: the LBC controller flags and feature gates that shape the model
 * (pkg/config/controller_config.go, pkg/config/feature_gates.go). Defaults are LBC's.
 */

export interface FeatureGates {
  /** Listener and rule tags written/read (default on). */
  readonly ListenerRulesTagging: boolean;
  /** User tags win over `--default-tags` on collision (default off). */
  readonly EnableDefaultTagsLowPriority: boolean;
  readonly NLBGatewayAPI: boolean;
  readonly ALBGatewayAPI: boolean;
  readonly GatewayListenerSet: boolean;
  readonly SubnetsClusterTagCheck: boolean;
  readonly SubnetDiscoveryByReachability: boolean;
  readonly ALBSingleSubnet: boolean;
  readonly NLBHealthCheckAdvancedConfig: boolean;
  readonly LBCapacityReservation: boolean;
  readonly EndpointsFailOpen: boolean;
  readonly EnableRGTAPI: boolean;
}

export const DEFAULT_FEATURE_GATES: FeatureGates = {
  ListenerRulesTagging: true,
  EnableDefaultTagsLowPriority: false,
  NLBGatewayAPI: true,
  ALBGatewayAPI: true,
  GatewayListenerSet: true,
  SubnetsClusterTagCheck: true,
  SubnetDiscoveryByReachability: true,
  ALBSingleSubnet: false,
  NLBHealthCheckAdvancedConfig: true,
  LBCapacityReservation: true,
  EndpointsFailOpen: true,
  EnableRGTAPI: false,
};

export interface ClusterSettings {
  /** `--cluster-name`. */
  readonly clusterName: string;
  readonly region?: string;
  /** `--aws-vpc-id`; absent → taken from discovery facts. */
  readonly vpcId?: string;
  /** `--default-load-balancer-scheme` (default `internal`). */
  readonly defaultLoadBalancerScheme: 'internal' | 'internet-facing';
  /** `--default-target-type` (default `instance`). */
  readonly defaultTargetType: 'instance' | 'ip';
  /** `--default-tags`. */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** `--external-managed-tags`. */
  readonly externalManagedTags: readonly string[];
  /** `--default-ssl-policy` (default `ELBSecurityPolicy-2016-08`). */
  readonly defaultSslPolicy: string;
  /** `--enable-backend-security-group` (default true). */
  readonly enableBackendSecurityGroup: boolean;
  /** `--backend-security-group`: a user SG used instead of the shared managed one. */
  readonly backendSecurityGroup?: string;
  /** `--disable-restricted-sg-rules` (default false). */
  readonly disableRestrictedSecurityGroupRules: boolean;
  /**
   * gwlb: whether to compute ingress rules on node/pod ENI security groups (LBC's TGB controller
   * does it in-cluster). Off → the TGB `networking` block is still modelled, but no node rules.
   */
  readonly manageNodeSecurityGroupRules: boolean;
  /**
   * `--service-target-eni-security-group-tags`: tags a target ENI's security group must carry,
   * besides `kubernetes.io/cluster/<cluster>`, to be the one that gets the node/pod rules when the
   * ENI has several (networking_manager.go `resolveEndpointSGForENI`). Absent = none.
   */
  readonly serviceTargetEniSecurityGroupTags?: Readonly<Record<string, string>>;
  /** `--allowed-certificate-authority-arns`. */
  readonly allowedCertificateAuthorityArns: readonly string[];
  /**
   * gwlb: GatewayClasses known to exist in the cluster though absent from the input, name →
   * `spec.controllerName`. A Gateway of such a class is handled as if the class were in the input
   * (accepted, no parametersRef).
   */
  readonly gatewayClasses: Readonly<Record<string, string>>;
  readonly featureGates: FeatureGates;
}

export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

export function defaultClusterSettings(clusterName: string, overrides: Partial<ClusterSettings> = {}): ClusterSettings {
  return {
    clusterName,
    defaultLoadBalancerScheme: 'internal',
    defaultTargetType: 'instance',
    defaultTags: {},
    externalManagedTags: [],
    defaultSslPolicy: DEFAULT_SSL_POLICY,
    enableBackendSecurityGroup: true,
    disableRestrictedSecurityGroupRules: false,
    manageNodeSecurityGroupRules: true,
    allowedCertificateAuthorityArns: [],
    gatewayClasses: {},
    ...overrides,
    featureGates: { ...DEFAULT_FEATURE_GATES, ...(overrides.featureGates ?? {}) },
  };
}

/** Tag keys `--default-tags` / `--external-managed-tags` may not use (controller_config.go trackingTagKeys). */
export const RESERVED_TAG_KEYS: readonly string[] = [
  'elbv2.k8s.aws/cluster',
  'elbv2.k8s.aws/resource',
  'ingress.k8s.aws/stack',
  'ingress.k8s.aws/resource',
  'service.k8s.aws/stack',
  'service.k8s.aws/resource',
  'gateway.k8s.aws.alb/stack',
  'gateway.k8s.aws.alb/resource',
  'gateway.k8s.aws.nlb/stack',
  'gateway.k8s.aws.nlb/resource',
];

/** Settings problems LBC would refuse at startup (controller_config.go Validate). */
export function validateSettings(s: ClusterSettings): string[] {
  const problems: string[] = [];
  if (s.clusterName === '') problems.push('cluster name must be set');
  for (const k of Object.keys(s.defaultTags)) {
    if (RESERVED_TAG_KEYS.includes(k)) problems.push(`tag key ${k} cannot be specified in default-tags flag`);
  }
  for (const k of s.externalManagedTags) {
    if (RESERVED_TAG_KEYS.includes(k)) problems.push(`tag key ${k} cannot be specified in external-managed-tags flag`);
    if (k in s.defaultTags) problems.push(`tag key ${k} cannot be specified in both default-tags and external-managed-tags flag`);
  }
  return problems;
}
