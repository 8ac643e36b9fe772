/**
 * A plan as the watch loop reports it: Terraform's counts for the whole plan and per Gateway (the
 * plan's stacks are the Gateways, stack id = `ns/name`), and each change's address and action.
 * The full plan stays what `gwlb plan -o json` prints; this is the event-sized summary.
 */
import { actionKind, hasChanges, summarize, type Plan } from '../plan/index.js';
import type { GatewayPlan, WatchEvent } from './events.js';

export function planEvent(plan: Plan, round: number, time: string): Extract<WatchEvent, { type: 'plan' }> {
  const total = summarize(plan);
  const gateways: GatewayPlan[] = plan.stacks.map((s) => ({
    gateway: s.id,
    status: s.status,
    ...summarize({ resource_changes: plan.resource_changes.filter((rc) => rc.stack === s.id) }),
  }));
  const changes = plan.resource_changes.filter((rc) => actionKind(rc.change.actions) !== 'no-op').map((rc) => ({ address: rc.address, action: actionKind(rc.change.actions) }));
  return { type: 'plan', round, time, add: total.add, change: total.change, destroy: total.destroy, has_changes: hasChanges(plan), errored: plan.errored, gateways, changes };
}
