/**
 * Targets as their own resource kind: one change per target, only ever created (RegisterTargets)
 * or deleted (DeregisterTargets), as LBC's TargetGroupBinding controller diffs them
 * (pkg/targetgroupbinding/resource_manager.go `matchPodEndpointWithTargets` /
 * `matchNodePortEndpointWithTargets`: a target is `id:port`; the AZ is not part of it). Draining
 * targets are already left out by observe/, as LBC's `partitionTargetsByDrainingStatus`.
 *
 * - A created or replaced target group gets every desired target (the new one starts empty).
 * - A kept one gets the difference with what it holds.
 * - A deleted target group takes its targets with it: no change is planned for them.
 * - An `unmanaged` registration (nothing to compute targets from) plans nothing and becomes one
 *   note per target group.
 */
import type { Target, TargetRegistration } from '../model/stack.js';
import { resourceRef } from '../model/stack.js';
import { resourceAddress } from './address.js';
import type { ObservedResource } from './observed.js';
import type { DraftChange } from './plan-stack.js';
import type { UnmanagedTargets } from './types.js';
import type { View } from './views.js';

export const TARGET_TYPE = 'AWS::ElasticLoadBalancingV2::Target' as const;
const TG_TYPE = 'AWS::ElasticLoadBalancingV2::TargetGroup' as const;

/** `<tgId>/<target id>:<port>`: the target's resource id in the plan. */
export function targetChangeId(tgId: string, t: { readonly id: unknown; readonly port: number }): string {
  return `${tgId}/${String(t.id)}:${t.port}`;
}

const key = (t: { readonly id: unknown; readonly port: number }) => `${String(t.id)}:${t.port}`;

/** The targets a registration wants, or undefined when gwlb leaves them as they are. */
export function desiredTargets(reg: TargetRegistration): readonly Target[] | undefined {
  switch (reg.kind) {
    case 'managed':
      return reg.targets;
    case 'alb':
      // Gateway chaining: the ALB is the one target (frontend_nlb_target_synthesizer.go).
      return [{ id: reg.albArn, port: reg.port }];
    case 'unmanaged':
      return undefined;
  }
}

function targetView(tgArn: unknown, t: Target): View {
  return { targetGroupARN: tgArn, id: String(t.id), port: t.port, ...(t.availabilityZone ? { availabilityZone: t.availabilityZone } : {}) };
}

export interface TargetPlan {
  readonly changes: DraftChange[];
  readonly unmanaged: UnmanagedTargets[];
}

/**
 * The target changes of one stack, given its target group changes (already planned) and the
 * observed target groups. `stackId` names the target group in an unmanaged note.
 */
export function planTargets(stackId: string, registrations: readonly TargetRegistration[], tgChanges: readonly DraftChange[], observed: readonly ObservedResource[]): TargetPlan {
  const changes: DraftChange[] = [];
  const unmanaged: UnmanagedTargets[] = [];
  const byArn = new Map(observed.map((o) => [o.arn, o]));
  for (const reg of registrations) {
    const want = desiredTargets(reg);
    if (!want) {
      if (reg.kind === 'unmanaged') unmanaged.push({ target_group: resourceAddress(stackId, TG_TYPE, reg.targetGroupId), reason: reg.reason });
      continue;
    }
    const tg = tgChanges.find((c) => c.type === TG_TYPE && c.id === reg.targetGroupId && (c.actions[0] !== 'delete' || c.actions.length > 1));
    if (!tg) continue;
    const fresh = (tg.actions as readonly string[]).includes('create');
    const o = !fresh && tg.arn ? byArn.get(tg.arn) : undefined;
    const have = o?.type === TG_TYPE ? (o.targets ?? []) : [];
    const arn: unknown = fresh || !tg.arn ? resourceRef(TG_TYPE, reg.targetGroupId, 'targetGroupARN') : tg.arn;
    const haveKeys = new Set(have.map(key));
    const wantKeys = new Set(want.map(key));
    for (const t of want) {
      if (!haveKeys.has(key(t))) changes.push({ type: TARGET_TYPE, id: targetChangeId(reg.targetGroupId, t), actions: ['create'], after: targetView(arn, t), replacePaths: [] });
    }
    for (const t of have) {
      if (!wantKeys.has(key(t))) {
        changes.push({ type: TARGET_TYPE, id: targetChangeId(reg.targetGroupId, t), actions: ['delete'], before: targetView(tg.arn, t), replacePaths: [], reason: 'delete_because_no_resource_config' });
      }
    }
  }
  return { changes, unmanaged };
}
