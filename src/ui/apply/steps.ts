/**
 * What the apply views show: the executor's own steps, events and outcome (src/apply/steps.ts),
 * so the pending rows are exactly the actions the executor will run, plus view-side helpers.
 */
import type { Step } from '../../apply/steps.js';

export { plannedSteps, type ApplyEvent as ProgressEvent, type ApplyOutcome as Outcome, type Step, type StepAction } from '../../apply/steps.js';

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
