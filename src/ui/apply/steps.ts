/**
 * What the apply views show, as plain data. These types mirror the executor's events
 * (src/apply/execute.ts `Step`, `ApplyEvent`, `ApplyOutcome`) structurally, so ui/ needs no
 * import from apply/ (the import rules: ui reads plan types and events, never apply/); the CLI
 * passes the executor's values straight in, and tsc checks that the shapes still agree there.
 */
import { actionKind, type Plan, type ResourceChange } from '../../plan/types.js';

/** One action of the apply: `replace` covers both replace orders. */
export type StepAction = 'create' | 'update' | 'delete' | 'replace';

export interface Step {
  /** The plan's resource address; the old half of a create-before-delete gets ` (deposed)`. */
  readonly address: string;
  readonly action: StepAction;
}

/** An action starts, finishes (after `ms`), or fails with the AWS error already in words. */
export type ProgressEvent =
  | { readonly kind: 'start'; readonly step: Step }
  | { readonly kind: 'done'; readonly step: Step; readonly ms: number }
  | { readonly kind: 'failed'; readonly step: Step; readonly error: string };

/** The end of an apply: every planned action is in exactly one list. */
export interface Outcome {
  readonly done: readonly Step[];
  readonly failed: readonly (Step & { readonly error: string })[];
  readonly notDone: readonly Step[];
}

const DEPOSED = ' (deposed)';

function stepAction(rc: ResourceChange): StepAction {
  const k = actionKind(rc.change.actions);
  return k === 'delete-create' || k === 'create-delete' ? 'replace' : (k as StepAction);
}

/**
 * The actions the executor will report for this plan, in the order it runs them per stack, so
 * the progress view can list them as pending before they start. The executor runs a
 * create-before-delete replacement as the replacement (`replace`) and, after the rest of its
 * stack, the old object's delete (`ADDR (deposed)`); both are listed. A plain delete of a
 * deposed object keeps the address of the create that replaces it, so a step is known by
 * address and action together (`stepKey`). An event for a step not listed here (the shared
 * backend security group failing, say) simply adds a row.
 */
export function plannedSteps(plan: Pick<Plan, 'resource_changes'>): Step[] {
  const byStack = new Map<string, { steps: Step[]; deposed: Step[] }>();
  for (const rc of plan.resource_changes) {
    const k = actionKind(rc.change.actions);
    if (k === 'no-op') continue;
    let group = byStack.get(rc.stack);
    if (!group) byStack.set(rc.stack, (group = { steps: [], deposed: [] }));
    group.steps.push({ address: rc.address, action: stepAction(rc) });
    if (k === 'create-delete') group.deposed.push({ address: rc.address + DEPOSED, action: 'delete' });
  }
  return [...byStack.values()].flatMap((g) => [...g.steps, ...g.deposed]);
}

/** Identifies a step among a plan's: the address alone is shared by a deposed delete and its create. */
export const stepKey = (s: Step): string => `${s.action} ${s.address}`;

/** Terraform's count: a replacement is one added and one destroyed. */
export function countSteps(steps: readonly Step[]): { added: number; changed: number; destroyed: number } {
  let added = 0;
  let changed = 0;
  let destroyed = 0;
  for (const s of steps) {
    if (s.action === 'create') added++;
    else if (s.action === 'update') changed++;
    else if (s.action === 'delete') destroyed++;
    else {
      added++;
      destroyed++;
    }
  }
  return { added, changed, destroyed };
}
