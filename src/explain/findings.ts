/**
 * `explain --from-cluster` findings: each problem between what LBC wrote, what gwlb computes and
 * what AWS holds, as data. Pure: no I/O, no sentences — src/ui/explain/findings.ts gives each
 * kind its stable code (GWLB40x status, GWLB41x AWS), its message and its fix.
 */
import type { ObjectRef } from '../diagnostics.js';
import type { Condition } from '../source/kube.js';
import type { DeployFailure } from '../model/index.js';
import type { ActionKind } from '../plan/types.js';

/** Where inside an object a finding applies: the object's own conditions, one listener, or one route parentRef. */
export type FindingScope =
  | { readonly at: 'object' }
  | { readonly at: 'listener'; readonly name: string }
  | { readonly at: 'parent'; readonly parent: string };

/** A condition as it matters for comparison (messages carry ARNs and texts that may legitimately differ). */
export interface ConditionValue {
  readonly status: Condition['status'];
  readonly reason: string;
  readonly message: string;
}

/** The object kinds a computed condition belongs to, as explanations.ts names them. */
export type ConditionOwner = 'Gateway' | 'Listener' | 'ListenerSet' | 'Route';

export type Finding =
  /** A Gateway/ListenerSet/route of LBC's class with no status from LBC; `finalizer`: LBC's finalizer is on the Gateway. */
  | { readonly kind: 'status-not-written'; readonly object: ObjectRef; readonly finalizer?: string }
  /** Route parents written only by other controllers (their controllerNames), none by LBC. */
  | { readonly kind: 'status-other-controller'; readonly object: ObjectRef; readonly controllers: readonly string[] }
  /** LBC's status predates the object's current spec: `observedGeneration` < `metadata.generation`. */
  | { readonly kind: 'status-stale'; readonly object: ObjectRef; readonly scope: FindingScope; readonly observedGeneration: number; readonly generation: number }
  /** A condition type or reason LBC v3.5.0 never writes there: another LBC version (or another writer). */
  | { readonly kind: 'status-unknown'; readonly object: ObjectRef; readonly scope: FindingScope; readonly type: string; readonly reason?: string }
  /** LBC's written condition and gwlb's computed one differ (absent on one side: undefined). */
  | {
      readonly kind: 'status-differs';
      readonly object: ObjectRef;
      readonly scope: FindingScope;
      readonly type: string;
      readonly lbc?: ConditionValue;
      readonly gwlb?: ConditionValue;
    }
  /** A listener or route-parent entry only one side has (`side`: the side it is missing from). */
  | { readonly kind: 'status-entry-missing'; readonly object: ObjectRef; readonly scope: FindingScope; readonly side: 'lbc' | 'gwlb' }
  /** A condition gwlb computes that is not healthy (its explanation comes from ui/explain/explanations.ts). */
  | {
      readonly kind: 'condition';
      readonly object: ObjectRef;
      readonly scope: FindingScope;
      readonly owner: ConditionOwner;
      readonly condition: Condition;
      /** On a Gateway whose deploy AWS would reject: LBC's FailedDeployModel event. */
      readonly deployFailure?: DeployFailure;
      /** A route parent that is an NLB Gateway (a missing backend leaves no listener there). */
      readonly network?: boolean;
    }
  /** No owned load balancer in AWS for a Gateway gwlb builds. */
  | { readonly kind: 'lb-missing'; readonly object: ObjectRef }
  /** The load balancer is not `active` (DescribeLoadBalancers State). */
  | { readonly kind: 'lb-state'; readonly object: ObjectRef; readonly name: string; readonly state: string; readonly reason?: string }
  /** AWS differs from the desired stack: one non-no-op change of the plan for this Gateway's stack. */
  | { readonly kind: 'drift'; readonly object: ObjectRef; readonly address: string; readonly action: ActionKind }
  /** LBC's certificate discovery finds no ISSUED ACM certificate (model_build_listener.go; the model's own error text). */
  | { readonly kind: 'certificate-missing'; readonly object: ObjectRef; readonly host?: string; readonly detail: string }
  /** Subnet resolution failed (model_build_subnet.go; the model's own error text). */
  | { readonly kind: 'subnets'; readonly object: ObjectRef; readonly detail: string }
  /** A registered target that is not healthy (DescribeTargetHealth State, Reason, Description). */
  | {
      readonly kind: 'target-unhealthy';
      readonly object: ObjectRef;
      readonly targetGroup: string;
      readonly target: string;
      readonly state: string;
      readonly reason?: string;
      readonly description?: string;
    }
  /** A target group of the stack with no registered target at all. */
  | { readonly kind: 'target-group-empty'; readonly object: ObjectRef; readonly targetGroup: string };

export type FindingKind = Finding['kind'];

/** Gateway `ns/name` → ObjectRef. */
export function gatewayRef(id: string): ObjectRef {
  const slash = id.indexOf('/');
  return { kind: 'Gateway', namespace: id.slice(0, slash), name: id.slice(slash + 1) };
}
