/**
 * The "actual" side of a plan: what observe/ reads from AWS, in the model's own shapes so the
 * diff compares like with like. observe/ fills it (DescribeLoadBalancers/TargetGroups + DescribeTags
 * by LBC's tracking tags, listeners per owned LB, rules per owned listener, SGs by tag filters) and
 * normalises AWS's answers into the spec shapes of src/model/stack.ts with AWS defaults filled in,
 * so a stack LBC created with default settings compares equal. An offline plan uses EMPTY_OBSERVED.
 *
 * Conventions observe/ must keep:
 * - `id` is the `<tagPrefix>/resource` tag for SG/LB/TG (how LBC matches them,
 *   pkg/deploy/elbv2/load_balancer_synthesizer.go `matchResAndSDKLoadBalancers`); `String(port)`
 *   for listeners; `<port>:<priority>` for rules; `LoadBalancer` for the WAF/Shield addons.
 * - Token fields (`loadBalancerARN`, `targetGroupARN`, `groupID`, subnet IDs…) hold plain strings.
 * - Listeners and rules are listed only under an owned LB: LBC owns every listener and every
 *   non-default rule of its LB, tagged or not (§3.3); the default rule is never listed.
 * - `tags` are all the tags AWS reports, unfiltered: the plan decides which it may touch.
 */
import type {
  ListenerRuleSpec,
  ListenerSpec,
  LoadBalancerSpec,
  SecurityGroupSpec,
  StatusField,
  Tags,
  Target,
  KnownTargetGroupSpec,
} from '../model/stack.js';
import type { ObservedNodeNetwork } from './node-network.js';

interface ObservedBase {
  readonly id: string;
  /** Its ARN (SG: group id; WAF/Shield: the protected LB's ARN). */
  readonly arn: string;
  /** All tags AWS reports. */
  readonly tags: Tags;
  /** LBC's resource status fields: `groupID`, `loadBalancerARN` + `dnsName`, `targetGroupARN`, `listenerARN`. */
  readonly status: Partial<Readonly<Record<StatusField, string>>>;
}

export type ObservedResource =
  | (ObservedBase & { readonly type: 'AWS::EC2::SecurityGroup'; readonly spec: SecurityGroupSpec })
  | (ObservedBase & { readonly type: 'AWS::ElasticLoadBalancingV2::LoadBalancer'; readonly spec: LoadBalancerSpec })
  | (ObservedBase & {
      readonly type: 'AWS::ElasticLoadBalancingV2::TargetGroup';
      readonly spec: KnownTargetGroupSpec;
      /** Registered targets, read only for target groups whose registration gwlb manages. */
      readonly targets?: readonly Target[];
    })
  | (ObservedBase & { readonly type: 'AWS::ElasticLoadBalancingV2::Listener'; readonly spec: ListenerSpec })
  | (ObservedBase & { readonly type: 'AWS::ElasticLoadBalancingV2::ListenerRule'; readonly spec: ListenerRuleSpec })
  | (ObservedBase & { readonly type: 'AWS::WAFv2::WebACLAssociation'; readonly spec: { readonly webACLARN: string; readonly resourceARN: string } })
  /** `name`: the protection's name in Shield (LBC deletes only those it named, plan/addons.ts). */
  | (ObservedBase & { readonly type: 'AWS::Shield::Protection'; readonly spec: { readonly enabled: boolean; readonly resourceARN: string; readonly name?: string } });

export type ObservedType = ObservedResource['type'];
export type ObservedOf<T extends ObservedType> = Extract<ObservedResource, { type: T }>;

/** One owned stack: the resources whose tags say `<tagPrefix>/stack = id`. */
export interface ObservedStack {
  /** Gateway `namespace/name`, from the `<tagPrefix>/stack` tag. */
  readonly id: string;
  /** `gateway.k8s.aws.alb` or `gateway.k8s.aws.nlb`. */
  readonly tagPrefix: string;
  readonly resources: readonly ObservedResource[];
}

/** A resource in the account that shares a planned name but does not carry our tracking tags. */
export interface ForeignResource {
  readonly type: 'AWS::EC2::SecurityGroup' | 'AWS::ElasticLoadBalancingV2::LoadBalancer' | 'AWS::ElasticLoadBalancingV2::TargetGroup';
  readonly name: string;
  readonly arn: string;
  readonly tags: Tags;
}

/** The cluster's shared backend security group (LBC's backend_sg_provider.go), and who uses it. */
export interface ObservedBackendSecurityGroup {
  readonly groupID: string;
  readonly groupName: string;
  readonly tags: Tags;
  /** Load balancers in the VPC (any owner: Ingress, Service and Gateway stacks share it) that attach it. */
  readonly usedBy: readonly string[];
  /** Security groups whose rules name it as a source (node and pod rules): deleting it would fail. */
  readonly referencedBy: readonly string[];
}

export interface ObservedState {
  readonly stacks: readonly ObservedStack[];
  /** Absent when it does not exist (or was not read: offline). */
  readonly backendSecurityGroup?: ObservedBackendSecurityGroup;
  /** Look-alikes found by name (a create with that name would fail): never touched. */
  readonly foreign: readonly ForeignResource[];
  /** Target ENIs and their security groups, for the node/pod SG rules (absent offline, or when no target group has rules). */
  readonly nodeNetwork?: ObservedNodeNetwork;
  /** False when GetSubscriptionState says the account has no Shield Advanced (absent: not read, offline). */
  readonly shieldSubscribed?: boolean;
}

export const EMPTY_OBSERVED: ObservedState = { stacks: [], foreign: [] };

export function observedOf<T extends ObservedType>(stack: ObservedStack, type: T): ObservedOf<T>[] {
  return stack.resources.filter((r): r is ObservedOf<T> => r.type === type);
}

