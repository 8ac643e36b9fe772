/**
 * What the node/pod ENI security-group rules are planned from (observe/enis.ts reads it): the
 * ENI behind each target and the security groups those ENIs carry, with their ingress rules
 * expanded one source per permission, as LBC's SecurityGroupInfo holds them
 * (pkg/networking/security_group_info.go `expandSDKIPPermission`).
 */
import type { Tags } from '../model/stack.js';

/** The one source of an expanded permission. */
export type RuleSource =
  | { readonly kind: 'group'; readonly groupID: string }
  | { readonly kind: 'ipv4'; readonly cidr: string }
  | { readonly kind: 'ipv6'; readonly cidr: string }
  | { readonly kind: 'prefix-list'; readonly prefixListID: string };

export interface IngressPermission {
  /** `tcp`, `udp`, `-1`… as EC2 reports it. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly source: RuleSource;
  /** The source's description (`''` when none). */
  readonly description: string;
}

/** `networking.ENIInfo` (pkg/networking/eni_info.go). */
export interface EniInfo {
  readonly networkInterfaceId: string;
  readonly securityGroups: readonly string[];
}

export interface EndpointGroup {
  readonly groupID: string;
  readonly tags: Tags;
  readonly ingress: readonly IngressPermission[];
}

export interface ObservedNodeNetwork {
  /** ENI per target id: the node's primary ENI per instance id, the pod's ENI per pod IP. */
  readonly enis: Readonly<Record<string, EniInfo>>;
  /**
   * The ENIs' security groups and every group in the VPC tagged `kubernetes.io/cluster/<cluster>`
   * `owned`/`shared` (LBC's endpoint SGs, whose stale rules it collects: networking_manager.go
   * `fetchEndpointSGsFromAWS`), sorted by id.
   */
  readonly groups: readonly EndpointGroup[];
  /**
   * Who may need the rules on `groups`: per source group of a rule, the load balancers in the VPC
   * that attach it (any owner, ARNs sorted); and, when a rule names a CIDR or prefix list, the
   * load balancers in the VPC that attach no security group at all. node-sg-coverage.ts says why
   * these are all a TargetGroupBinding gwlb does not see can need.
   */
  readonly attachedBy: Readonly<Record<string, readonly string[]>>;
  readonly withoutGroups: readonly string[];
}

/** LBC's rule label and the description it writes (networking_manager.go 28–29). */
export const TGB_LABEL_KEY = 'elbv2.k8s.aws/targetGroupBinding';
export const TGB_LABEL_VALUE = 'shared';
export const TGB_RULE_DESCRIPTION = `${TGB_LABEL_KEY}=${TGB_LABEL_VALUE}`;

const KV_PAIR = /([^\s,=]+)=([^\s,=]+)(?:,|$)/g;

/** Whether a rule's description carries LBC's label (security_group_info.go `buildIPPermissionLabelsForDescription`). */
export function isTgbManaged(description: string): boolean {
  for (const m of description.matchAll(KV_PAIR)) if (m[1] === TGB_LABEL_KEY && m[2] === TGB_LABEL_VALUE) return true;
  return false;
}

export function sourceKey(s: RuleSource): string {
  switch (s.kind) {
    case 'group':
      return s.groupID;
    case 'ipv4':
    case 'ipv6':
      return s.cidr;
    case 'prefix-list':
      return s.prefixListID;
  }
}

/** `IPPermissionInfo.HashCode`: protocol, ports and the single source; never the description. */
export function permissionHash(p: Pick<IngressPermission, 'protocol' | 'fromPort' | 'toPort' | 'source'>): string {
  return `${p.protocol}|${p.fromPort ?? 0}|${p.toPort ?? 0}|${p.source.kind}|${sourceKey(p.source)}`;
}
