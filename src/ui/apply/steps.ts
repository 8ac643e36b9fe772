/**
 * What the apply views show: the executor's own steps, events and outcome (src/apply/steps.ts),
 * so the pending rows are exactly the actions the executor will run, plus view-side helpers.
 */
import type { Step } from '../../apply/steps.js';

export { plannedSteps, type ApplyEvent as ProgressEvent, type ApplyOutcome as Outcome, type Step, type StepAction } from '../../apply/steps.js';

/** Identifies a step among a plan's: the address alone is shared by a deposed delete and its create. */
export const stepKey = (s: Step): string => `${s.action} ${s.address}`;

/** Terraform's count: a replacement is one added and one destroyed; a re-sent secret is no change. */
export function countSteps(steps: readonly Step[]): { added: number; changed: number; destroyed: number; resent: number } {
  const n = { added: 0, changed: 0, destroyed: 0, resent: 0 };
  for (const s of steps) {
    switch (s.action) {
      case 'create':
        n.added++;
        break;
      case 'update':
        n.changed++;
        break;
      case 'delete':
        n.destroyed++;
        break;
      case 'replace':
        n.added++;
        n.destroyed++;
        break;
      case 'resend-secret':
        n.resent++;
        break;
    }
  }
  return n;
}
