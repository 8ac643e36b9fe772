/**
 * Discovery facts: what LBC's model builder reads from AWS (VPC, subnets, ACM certificates,
 * security groups, target groups by name, the stack's existing LB for subnet stickiness).
 * `model` is pure, so the facts come in as data: gathered live by the AWS layer, seeded by the
 * sandbox, or `{kind: 'unknown'}` offline — then every discovered value becomes an `UnknownValue`
 * marker that the plan renders as `(known after apply)`.
 */

/** A value that only discovery (or apply) can tell; rendered `(known after apply)`. */
export interface UnknownValue {
  /** What is unknown, e.g. `vpc.id`, `subnets`, `certificate for example.com`. */
  readonly $unknown: string;
}

export function unknown(what: string): UnknownValue {
  return { $unknown: what };
}

export function isUnknown(v: unknown): v is UnknownValue {
  return typeof v === 'object' && v !== null && typeof (v as { $unknown?: unknown }).$unknown === 'string';
}

export interface VpcFacts {
  readonly id: string;
  readonly ipv4Cidrs: readonly string[];
  readonly ipv6Cidrs: readonly string[];
}

export interface SubnetFacts {
  readonly id: string;
  readonly availabilityZone: string;
  /** `availability-zone` | `local-zone` | `wavelength-zone` (DescribeAvailabilityZones ZoneType). */
  readonly zoneType?: string;
  readonly ipv4Cidr: string;
  readonly ipv6Cidrs: readonly string[];
  readonly availableIpAddressCount: number;
  readonly tags: Readonly<Record<string, string>>;
  /** Whether its route table (explicit or VPC main) routes to an `igw-`; for discovery by reachability. */
  readonly public?: boolean;
}

export interface CertificateFacts {
  readonly arn: string;
  /** SubjectAlternativeNames (DescribeCertificate). */
  readonly domains: readonly string[];
  /** Only ISSUED certificates are eligible (cert_discovery.go ListCertificates filter). */
  readonly status: string;
  readonly certificateAuthorityArn?: string;
}

export interface SecurityGroupFacts {
  readonly id: string;
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The ENI SG of a node (instance targets) or pod (ip targets), keyed by what registers. */
export interface TargetSecurityGroupFacts {
  /** Node name, instance ID or pod IP. */
  readonly key: string;
  readonly groupIds: readonly string[];
}

/** An LB already owned by the stack (found by tags), for subnet stickiness (model_build_subnet.go). */
export interface ExistingLoadBalancerFacts {
  readonly stackId: string;
  readonly scheme: 'internal' | 'internet-facing';
  readonly subnetIds: readonly string[];
}

export interface KnownDiscoveryFacts {
  readonly kind: 'known';
  readonly vpc: VpcFacts;
  readonly subnets: readonly SubnetFacts[];
  readonly certificates: readonly CertificateFacts[];
  readonly securityGroups: readonly SecurityGroupFacts[];
  /** The cluster's shared backend SG, if one exists already (tags `elbv2.k8s.aws/resource=backend-sg`). */
  readonly backendSecurityGroupId?: string;
  readonly targetSecurityGroups: readonly TargetSecurityGroupFacts[];
  /** ARN per target group name, for `kind: TargetGroupName` backends. */
  readonly targetGroupArnsByName: Readonly<Record<string, string>>;
  readonly existingLoadBalancers: readonly ExistingLoadBalancerFacts[];
  /** Names of trust stores → ARNs, for mutualAuthentication.trustStore given by name. */
  readonly trustStoreArnsByName?: Readonly<Record<string, string>>;
}

export type DiscoveryFacts = KnownDiscoveryFacts | { readonly kind: 'unknown' };

export const OFFLINE_FACTS: DiscoveryFacts = { kind: 'unknown' };

export function emptyKnownFacts(vpc: VpcFacts): KnownDiscoveryFacts {
  return {
    kind: 'known',
    vpc,
    subnets: [],
    certificates: [],
    securityGroups: [],
    targetSecurityGroups: [],
    targetGroupArnsByName: {},
    existingLoadBalancers: [],
  };
}
