/**
 * Execution order of a stack's changes, as LBC's stack deployer runs its synthesizers
 * (pkg/deploy/stack_deployer.go, lbc-model-deploy.md §10.1): creates, updates and replacements
 * forward in dependency order (SG → TG → LB → listeners → rules → WAF → Shield), each type in the
 * model's own order; then the plain deletes in reverse dependency order, so nothing is deleted
 * while something planned still refers to it. (A replaced LB is deleted before its successor is
 * created — one `["delete","create"]` entry in the forward pass, as LBC does it in Synthesize.)
 */
import { TYPE_ORDER, type PlanResourceType } from './types.js';

interface Orderable {
  readonly type: PlanResourceType;
  readonly actions: readonly string[];
}

const isPlainDelete = (c: Orderable) => c.actions.length === 1 && c.actions[0] === 'delete';

export function orderChanges<T extends Orderable>(changes: readonly T[]): T[] {
  const forward = TYPE_ORDER.flatMap((type) => changes.filter((c) => c.type === type && !isPlainDelete(c)));
  const backward = [...TYPE_ORDER].reverse().flatMap((type) => changes.filter((c) => c.type === type && isPlainDelete(c)));
  return [...forward, ...backward];
}
