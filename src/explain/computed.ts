/**
 * The unhealthy conditions gwlb computes, as findings: the "why isn't it programmed" answers the
 * explain tree shows (lbc-l7-routes-status.md §5.6), one per condition that needs a fix.
 */
import type { ObjectStatus } from '../resolve/types.js';
import type { Condition } from '../source/kube.js';
import { isUnhealthy } from './conditions.js';
import type { ConditionOwner, Finding, FindingScope } from './findings.js';
import { parentLabel } from './written-status.js';

/** One finding per reason in a scope: a conflicting listener is Conflicted, not Accepted and not Programmed for one cause. */
function each(s: ObjectStatus, owner: ConditionOwner, scope: FindingScope, conditions: readonly Condition[]): Finding[] {
  const seen = new Set<string>();
  return conditions
    .filter(isUnhealthy)
    .filter((c) => !seen.has(c.reason) && Boolean(seen.add(c.reason)))
    .map((condition) => ({ kind: 'condition' as const, object: s.object, scope, owner, condition }));
}

export function computedConditionFindings(statuses: readonly ObjectStatus[]): Finding[] {
  return statuses.flatMap((s): Finding[] => {
    switch (s.status.kind) {
      case 'GatewayClass':
        return [];
      case 'Gateway':
      case 'ListenerSet': {
        const owner = s.status.kind;
        return [
          ...each(s, owner, { at: 'object' }, s.status.conditions),
          ...(s.status.listeners ?? []).flatMap((l) => each(s, 'Listener', { at: 'listener', name: l.name }, l.conditions)),
        ];
      }
      case 'Route':
        return s.status.parents.flatMap((p) => each(s, 'Route', { at: 'parent', parent: parentLabel(p.parentRef, s.object.namespace) }, p.conditions));
    }
  });
}
