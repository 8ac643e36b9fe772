/**
 * The cluster's shared backend security group in the plan (LBC's pkg/networking/backend_sg_provider.go,
 * lbc-model-deploy.md §2.3, §4.5). It belongs to no stack, so its change sits under the address
 * `cluster.backend_security_group["<name>"]`: created when a planned stack needs it and it does
 * not exist, deleted only by a plan that deletes stacks (--prune, destroy) and only when nothing
 * can still need it — no load balancer in the VPC attaches it after the plan (Ingress and Service
 * stacks share it, so all are counted), no security group rule names it, and no desired stack
 * uses it. LBC deletes it on the same proof, from the cluster's objects; gwlb proves it from AWS.
 */
import { isUnknown } from '../model/discovery.js';
import type { ClusterSettings } from '../model/settings.js';
import type { Stack } from '../model/stack.js';
import type { ObservedState } from './observed.js';
import { toPlanJson } from './values.js';
import { actionKind, type ResourceChange } from './types.js';

/** The pseudo stack id of cluster-wide changes: no Gateway id lacks a `/`, so it cannot clash. */
export const CLUSTER_STACK = 'cluster';
export const BACKEND_SG_ID = 'backend-sg';

export function backendSgAddress(name: string): string {
  return `${CLUSTER_STACK}.backend_security_group[${JSON.stringify(name)}]`;
}

function change(actions: ResourceChange['change']['actions'], before: unknown, after: unknown, arn?: string): Omit<ResourceChange, 'address'> {
  const b = toPlanJson(before ?? undefined);
  const a = toPlanJson(after ?? undefined);
  return {
    stack: CLUSTER_STACK,
    type: 'AWS::EC2::SecurityGroup',
    id: BACKEND_SG_ID,
    ...(arn ? { arn } : {}),
    change: { actions, before: b.value, after: a.value, after_unknown: a.unknown, before_sensitive: b.sensitive, after_sensitive: a.sensitive, after_references: a.references, replace_paths: [] },
  };
}

export interface BackendSgInput {
  /** Stacks the plan creates or updates (not aborted, in scope). */
  readonly planned: readonly Stack[];
  /** Every desired stack of the input: any that uses the backend SG keeps it. */
  readonly desired: readonly Stack[];
  readonly observed: ObservedState;
  readonly settings: ClusterSettings;
  /** The plan deletes stacks (prune or destroy): only then may the backend SG go. */
  readonly deletesStacks: boolean;
  /** The stack changes planned so far. */
  readonly changes: readonly ResourceChange[];
  /** Groups whose rules still name the backend SG after the plan's rule revokes (default: `observed.referencedBy`). */
  readonly referencedBy?: readonly string[];
}

export function planBackendSecurityGroup(input: BackendSgInput): ResourceChange | undefined {
  const need = input.planned.map((s) => s.extras.backendSecurityGroup).find((b) => b?.kind === 'managed' && isUnknown(b.groupID));
  const observed = input.observed.backendSecurityGroup;
  if (need?.kind === 'managed' && !observed) {
    return { address: backendSgAddress(need.groupName), ...change(['create'], undefined, { groupName: need.groupName, description: need.description, groupID: need.groupID, tags: need.tags }) };
  }
  if (!observed || !input.deletesStacks || input.settings.backendSecurityGroup) return undefined;
  const deletedLbs = new Set(input.changes.filter((rc) => rc.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && actionKind(rc.change.actions) === 'delete').map((rc) => rc.arn));
  const stillUsed = observed.usedBy.some((arn) => !deletedLbs.has(arn)) || (input.referencedBy ?? observed.referencedBy).length > 0 || input.desired.some((s) => s.extras.backendSecurityGroup?.kind === 'managed');
  if (stillUsed) return undefined;
  const before = { groupName: observed.groupName, groupID: observed.groupID, tags: observed.tags };
  return { address: backendSgAddress(observed.groupName), ...change(['delete'], before, undefined, observed.groupID), action_reason: 'delete_because_unused' };
}
