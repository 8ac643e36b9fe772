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
  // One pass into a bucket per type and direction (a stack has thousands of rules).
  const forward = new Map<PlanResourceType, T[]>(TYPE_ORDER.map((type) => [type, []]));
  const backward = new Map<PlanResourceType, T[]>(TYPE_ORDER.map((type) => [type, []]));
  for (const c of changes) (isPlainDelete(c) ? backward : forward).get(c.type)?.push(c);
  const out: T[] = [];
  for (const type of TYPE_ORDER) for (const c of forward.get(type)!) out.push(c);
  for (let i = TYPE_ORDER.length - 1; i >= 0; i--) for (const c of backward.get(TYPE_ORDER[i]!)!) out.push(c);
  return out;
}
