/**
 * The unhealthy conditions gwlb computes, as findings: the "why isn't it programmed" answers the
 * explain tree shows (lbc-l7-routes-status.md §5.6), one per condition that needs a fix.
 */
import type { DeployFailure } from '../model/index.js';
import type { GatewayResolution, ObjectStatus } from '../resolve/types.js';
import type { Condition } from '../source/kube.js';
import { isUnhealthy } from './conditions.js';
import type { ConditionOwner, Finding, FindingScope } from './findings.js';
import { parentLabel } from './written-status.js';

/** What a condition's explanation depends on beyond the condition. */
interface Context {
  readonly deployFailure?: DeployFailure;
  readonly network?: boolean;
}

/** One finding per reason in a scope: a conflicting listener is Conflicted, not Accepted and not Programmed for one cause. */
function each(s: ObjectStatus, owner: ConditionOwner, scope: FindingScope, conditions: readonly Condition[], context: Context = {}): Finding[] {
  const seen = new Set<string>();
  return conditions
    .filter(isUnhealthy)
    .filter((c) => !seen.has(c.reason) && Boolean(seen.add(c.reason)))
    .map((condition) => ({ kind: 'condition' as const, object: s.object, scope, owner, condition, ...context }));
}

export interface ComputedContext {
  readonly gateways?: readonly GatewayResolution[];
  /** Gateways (`ns/name`) whose deploy AWS would reject (model/preflight.ts). */
  readonly deployFailures?: ReadonlyMap<string, DeployFailure>;
}

export function computedConditionFindings(statuses: readonly ObjectStatus[], context: ComputedContext = {}): Finding[] {
  const nlbs = new Set((context.gateways ?? []).filter((g) => g.loadBalancerType === 'network').map((g) => `${g.gateway.metadata.namespace}/${g.gateway.metadata.name}`));
  return statuses.flatMap((s): Finding[] => {
    switch (s.status.kind) {
      case 'GatewayClass':
        return [];
      case 'Gateway':
      case 'ListenerSet': {
        const owner = s.status.kind;
        const failure = owner === 'Gateway' ? context.deployFailures?.get(`${s.object.namespace}/${s.object.name}`) : undefined;
        return [
          ...each(s, owner, { at: 'object' }, s.status.conditions, failure ? { deployFailure: failure } : {}),
          ...(s.status.listeners ?? []).flatMap((l) => each(s, 'Listener', { at: 'listener', name: l.name }, l.conditions)),
        ];
      }
      case 'Route':
        return s.status.parents.flatMap((p) => {
          const parentId = `${p.parentRef.namespace ?? s.object.namespace}/${p.parentRef.name}`;
          const network = (p.parentRef.kind ?? 'Gateway') === 'Gateway' && nlbs.has(parentId);
          return each(s, 'Route', { at: 'parent', parent: parentLabel(p.parentRef, s.object.namespace) }, p.conditions, network ? { network } : {});
        });
    }
  });
}
