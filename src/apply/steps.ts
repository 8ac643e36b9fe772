/**
 * The executor's steps as data: which actions an apply runs, in which order, and the events and
 * outcome it reports. Pure, so the progress views list exactly what the executor will run.
 * Per stack, as LBC's stack deployer (pkg/deploy/stack_deployer.go): creates, updates and
 * replacements forward, then plain deletes, then the old halves of create-before-delete
 * replacements (TGs, deleted in LBC's PostSynthesize).
 */
import { actionKind, type Plan, type ResourceChange } from '../plan/types.js';

/** One action of the apply: `replace` covers both replace orders. */
export type StepAction = 'create' | 'update' | 'delete' | 'replace';

export interface Step {
  /** The plan's resource address; the old half of a create-before-delete gets ` (deposed)`. */
  readonly address: string;
  readonly action: StepAction;
}

/** An action starts, finishes (after `ms`), or fails with the AWS error already in words. */
export type ApplyEvent =
  | { readonly kind: 'start'; readonly step: Step }
  | { readonly kind: 'done'; readonly step: Step; readonly ms: number }
  | { readonly kind: 'failed'; readonly step: Step; readonly error: string };

/** The end of an apply: every planned action is in exactly one list. */
export interface ApplyOutcome {
  readonly done: readonly Step[];
  readonly failed: readonly (Step & { readonly error: string })[];
  readonly notDone: readonly Step[];
}

export type Phase = 'forward' | 'backward' | 'deferred';

export interface QueuedChange {
  readonly rc: ResourceChange;
  readonly phase: Phase;
  readonly step: Step;
}

const DEPOSED = ' (deposed)';

export function stepAction(rc: ResourceChange): StepAction {
  const k = actionKind(rc.change.actions);
  return k === 'delete-create' || k === 'create-delete' ? 'replace' : (k as StepAction);
}

function queued(rc: ResourceChange, phase: Phase): QueuedChange {
  const step: Step = phase === 'deferred' ? { address: rc.address + DEPOSED, action: 'delete' } : { address: rc.address, action: stepAction(rc) };
  return { rc, phase, step };
}

/** One stack's changes (no-ops already left out) in the order the executor runs them. */
export function stackQueue(changes: readonly ResourceChange[]): QueuedChange[] {
  const kind = (rc: ResourceChange) => actionKind(rc.change.actions);
  return [
    ...changes.filter((rc) => kind(rc) !== 'delete').map((rc) => queued(rc, 'forward')),
    ...changes.filter((rc) => kind(rc) === 'delete').map((rc) => queued(rc, 'backward')),
    ...changes.filter((rc) => kind(rc) === 'create-delete').map((rc) => queued(rc, 'deferred')),
  ];
}

/** The plan's changes that do something, grouped by stack in first-seen order. */
export function changesByStack(plan: Pick<Plan, 'resource_changes'>): Map<string, ResourceChange[]> {
  const byStack = new Map<string, ResourceChange[]>();
  for (const rc of plan.resource_changes) {
    if (actionKind(rc.change.actions) === 'no-op') continue;
    const list = byStack.get(rc.stack);
    if (list) list.push(rc);
    else byStack.set(rc.stack, [rc]);
  }
  return byStack;
}

/** Every step the executor will report for this plan, stack by stack. */
export function plannedSteps(plan: Pick<Plan, 'resource_changes'>): Step[] {
  return [...changesByStack(plan).values()].flatMap((changes) => stackQueue(changes).map((q) => q.step));
}
