/**
 * The plan: what `gwlb plan -o json` prints and `--out` saves. Shaped after Terraform's JSON plan
 * representation (`format_version`, `resource_changes[]` with `change.actions` as a list,
 * `before`/`after`/`after_unknown`, sensitivity masks, `replace_paths`, `action_reason`), so CI
 * tooling that reads Terraform plans reads gwlb's. Readers must ignore unknown keys: minor format
 * versions only add fields. Plain JSON only — every value here survives JSON.stringify/parse.
 */

export const PLAN_FORMAT_VERSION = '1.0';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** An attribute path: object keys and array indexes, as Terraform's `replace_paths`. */
export type Path = readonly (string | number)[];

/** The resource types a plan changes: LBC's stack type names for the AWS resources. */
export type PlanResourceType =
  | 'AWS::EC2::SecurityGroup'
  | 'AWS::ElasticLoadBalancingV2::TargetGroup'
  | 'AWS::ElasticLoadBalancingV2::LoadBalancer'
  | 'AWS::ElasticLoadBalancingV2::Listener'
  | 'AWS::ElasticLoadBalancingV2::ListenerRule'
  /** A node/pod ENI security group rule (cluster-wide, node-sg-rules.ts). */
  | 'AWS::EC2::SecurityGroupIngress'
  /**
   * gwlb's own kind (not in LBC's stack): one registered target of a target group, as LBC's
   * TargetGroupBinding controller registers it (plan/targets.ts). Only created or deleted.
   */
  | 'AWS::ElasticLoadBalancingV2::Target'
  | 'AWS::WAFv2::WebACLAssociation'
  | 'AWS::Shield::Protection';

/**
 * Dependency order of LBC's synthesizers (pkg/deploy/stack_deployer.go): creates and updates run
 * in this order, deletes in the reverse.
 */
export const TYPE_ORDER: readonly PlanResourceType[] = [
  'AWS::EC2::SecurityGroup',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  // LBC's TargetGroupBinding synthesizer runs after the rules; its controller then registers targets.
  'AWS::ElasticLoadBalancingV2::Target',
  'AWS::WAFv2::WebACLAssociation',
  'AWS::Shield::Protection',
];

export type Actions =
  | readonly ['no-op']
  | readonly ['create']
  | readonly ['update']
  | readonly ['delete']
  /** Delete first, then create (LB scheme/type: LBC deletes the old LB in Synthesize). */
  | readonly ['delete', 'create']
  /** Create first, then delete (TG replacement: old TG deleted in PostSynthesize). */
  | readonly ['create', 'delete'];

export type ActionKind = 'no-op' | 'create' | 'update' | 'delete' | 'delete-create' | 'create-delete';

export function actionKind(actions: Actions): ActionKind {
  if (actions.length === 2) return actions[0] === 'delete' ? 'delete-create' : 'create-delete';
  return actions[0];
}

/** Display hints, as Terraform's; consumers must tolerate values they do not know. */
export type ActionReason =
  /** A field that cannot change in place changed (see replacement.ts). */
  | 'replace_because_cannot_update'
  /** Its load balancer is replaced, and AWS deletes listeners and rules with it. */
  | 'replace_because_parent_replaced'
  /** Owned by a planned stack but no longer in its desired model. */
  | 'delete_because_no_resource_config'
  /** Its stack's Gateway is not in the input, and the plan prunes. */
  | 'delete_because_orphaned_stack'
  /** `gwlb destroy` / `plan --destroy` named its stack. */
  | 'delete_because_destroy'
  /** The shared backend security group, once no load balancer or rule uses it (backend-sg.ts). */
  | 'delete_because_unused'
  /** A node/pod SG rule labelled `elbv2.k8s.aws/targetGroupBinding=shared` that no target group needs (node-sg-rules.ts). */
  | 'delete_because_no_target_group_needs_it';

export interface Change {
  readonly actions: Actions;
  /** Observed state (null for create). */
  readonly before: JsonValue;
  /** Predicted state after apply (null for delete); unknown and sensitive leaves are null. */
  readonly after: JsonValue;
  /** Mirrors `after` with `true` at leaves known only after apply. */
  readonly after_unknown: JsonValue;
  readonly before_sensitive: JsonValue;
  /** Mirrors `after` with `true` at sensitive leaves (never written out). */
  readonly after_sensitive: JsonValue;
  /**
   * gwlb extension: mirrors `after` with the address of the resource an unknown leaf refers to
   * (a target group ARN not created yet → that target group's address), so an offline plan still
   * shows which target group a rule forwards to.
   */
  readonly after_references: JsonValue;
  /** Paths whose change forces the replacement. */
  readonly replace_paths: readonly Path[];
}

export interface ResourceChange {
  /** `gateway["<stack id>"].<kind>["<resource id>"]` (address.ts). */
  readonly address: string;
  /** Gateway `namespace/name` = LBC stack id. */
  readonly stack: string;
  readonly type: PlanResourceType;
  /** LBC stack resource id (`LoadBalancer`, `443`, `443:1`, a TG id…). */
  readonly id: string;
  /** Set when this deletes an observed object whose address a desired resource also uses. */
  readonly deposed?: string;
  /** The AWS ARN (or SG id) of the observed object, when there is one. */
  readonly arn?: string;
  readonly change: Change;
  readonly action_reason?: ActionReason;
}

/** How each planned stack relates to its Gateway. */
export interface PlannedStack {
  readonly id: string;
  readonly load_balancer_type: 'application' | 'network';
  /**
   * `planned`: in the input, diffed; `orphaned`: owned in AWS, Gateway not in the input (deleted
   * only with prune); `model-failed`: the Gateway's model has errors, so its AWS stack is left as is;
   * `aborted`: an owned resource lacks its resource tag (LBC's ownership abort, ownership.ts), so
   * nothing in the stack is changed and the plan fails; `destroyed`: `gwlb destroy` deletes it.
   */
  readonly status: 'planned' | 'orphaned' | 'model-failed' | 'aborted' | 'destroyed';
  /** Why an `aborted` stack cannot be planned. */
  readonly aborts?: readonly OwnershipAbort[];
  /**
   * Service ports whose nodePort the input lacks (planned stacks only): the stack's instance target
   * group port and name are `(known after apply)` — after the API server assigns the nodePort — so
   * the plan shows the stack but apply refuses it (`refusedStacks`). Absent when none.
   */
  readonly pending_node_ports?: readonly PendingNodePortRef[];
  /** `stand-in`: the input had no metadata.uid, so LB/SG names hash a derived UID (planned stacks only). */
  readonly uid_source?: 'metadata' | 'stand-in';
  readonly uid?: string;
  /**
   * Target groups whose targets gwlb cannot compute (no EndpointSlices or Nodes in the input, or
   * LBC's resolver would fail): their registered targets stay as they are. Absent when none.
   */
  readonly unmanaged_targets?: readonly UnmanagedTargets[];
}

/** A target group whose targets are left as they are, and why. */
export interface UnmanagedTargets {
  /** The target group's address. */
  readonly target_group: string;
  readonly reason: string;
}

/** A Service port without a nodePort in the input. */
export interface PendingNodePortRef {
  /** Service `namespace/name`. */
  readonly service: string;
  readonly port: number;
}

/** A resource with this cluster's and stack's tags but no resource tag: LBC aborts the stack's deploy. */
export interface OwnershipAbort {
  readonly type: 'AWS::EC2::SecurityGroup' | 'AWS::ElasticLoadBalancingV2::LoadBalancer' | 'AWS::ElasticLoadBalancingV2::TargetGroup';
  readonly arn: string;
  readonly name: string;
  /** LBC's error, verbatim (`unexpected loadBalancer with no resourceID: <arn>`). */
  readonly error: string;
  /** The tag to restore (`gateway.k8s.aws.alb/resource`)… */
  readonly tag_key: string;
  /** …and its value, when the desired stack shows which resource this is. */
  readonly tag_value?: string;
}

/** A resource seen in AWS that the plan refuses to touch, and why. */
export interface UntrackedResource {
  readonly type: PlanResourceType;
  readonly arn: string;
  readonly name?: string;
  readonly reason: 'missing-tracking-tags' | 'other-cluster' | 'name-collision';
  /** For a name collision: the planned address that wanted the name. */
  readonly address?: string;
}

export interface Plan {
  readonly format_version: string;
  readonly cluster: string;
  /** `offline`: planned against an empty account with discovery unknown. */
  readonly mode: 'offline' | 'live';
  /** Whether applying this plan would be allowed (no name collision with an untracked resource). */
  readonly applyable: boolean;
  /** True when the input had errors (some Gateway got no model). */
  readonly errored: boolean;
  readonly prune: boolean;
  /** What the plan was compared with, recorded in saved plans so `gwlb show` can say it. */
  readonly target?: 'offline' | 'sandbox' | 'endpoint' | 'account';
  /** A destroy plan (`gwlb destroy`, `plan --destroy`): it only deletes the named stacks. */
  readonly destroy?: boolean;
  readonly stacks: readonly PlannedStack[];
  /** In execution order: creates/updates forward per stack, then deletes in reverse. */
  readonly resource_changes: readonly ResourceChange[];
  readonly untracked: readonly UntrackedResource[];
  /**
   * Addresses of existing listener rules (change `no-op` or `update`) whose OIDC client secret
   * apply writes again: AWS never returns a secret, so it is never compared (write-only), and
   * re-sent as LBC does on every reconcile (write-only.ts). Not a change: `hasChanges` ignores it.
   * Absent when empty.
   */
  readonly write_only_resent?: readonly string[];
  /**
   * Target groups whose node/pod security group rules LBC's TargetGroupBinding controller could
   * not compute (its error, e.g. no ENI for a target, or not exactly one cluster-tagged SG on an
   * ENI): their rules are not planned, and no stale rule is revoked (node-sg-rules.ts). Absent when none.
   */
  readonly node_security_group_problems?: readonly { readonly stack: string; readonly target_group: string; readonly error: string }[];
  /**
   * Labelled node/pod security group rules no target group of the plan needs, kept because load
   * balancers outside the plan's stacks (an Ingress or Service of the same cluster, or any other)
   * attach their source, or attach no group for a CIDR source, so TargetGroupBindings gwlb does
   * not see may need them (node-sg-coverage.ts). `id` as in the rule's address. Absent when none.
   */
  readonly node_security_group_rules_kept?: readonly { readonly id: string; readonly load_balancers: readonly string[] }[];
}

export interface PlanSummary {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

/** Terraform's counting: a replacement counts in both add and destroy. */
export function summarize(plan: Pick<Plan, 'resource_changes'>): PlanSummary {
  let add = 0;
  let change = 0;
  let destroy = 0;
  for (const rc of plan.resource_changes) {
    const kind = actionKind(rc.change.actions);
    switch (kind) {
      case 'no-op':
        break;
      case 'create':
        add++;
        break;
      case 'update':
        change++;
        break;
      case 'delete':
        destroy++;
        break;
      case 'delete-create':
      case 'create-delete':
        add++;
        destroy++;
        break;
    }
  }
  return { add, change, destroy };
}

/** Stacks the plan refuses to touch because LBC would abort their deploy (ownership.ts). */
export function abortedStacks(plan: Pick<Plan, 'stacks'>): PlannedStack[] {
  return plan.stacks.filter((s) => s.status === 'aborted');
}

/** Planned stacks apply refuses: a target group's port and name wait for a nodePort (pending_node_ports). */
export function refusedStacks(plan: Pick<Plan, 'stacks'>): PlannedStack[] {
  return plan.stacks.filter((s) => s.status === 'planned' && (s.pending_node_ports?.length ?? 0) > 0);
}

/**
 * What apply runs of a plan: everything but the changes of refused stacks, which stay as they
 * are in AWS (as for an aborted stack), while every other Gateway is applied.
 */
export function applicablePart(plan: Plan): Plan {
  const refused = new Set(refusedStacks(plan).map((s) => s.id));
  if (refused.size === 0) return plan;
  const dropped = new Set(plan.resource_changes.filter((rc) => refused.has(rc.stack)).map((rc) => rc.address));
  const resent = plan.write_only_resent?.filter((a) => !dropped.has(a));
  const { write_only_resent: _, ...rest } = plan;
  return { ...rest, resource_changes: plan.resource_changes.filter((rc) => !refused.has(rc.stack)), ...(resent && resent.length > 0 ? { write_only_resent: resent } : {}) };
}

export function hasChanges(plan: Pick<Plan, 'resource_changes'>): boolean {
  const s = summarize(plan);
  return s.add + s.change + s.destroy > 0;
}
