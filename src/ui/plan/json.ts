/** `gwlb plan -o json` and `--out FILE`: the plan data itself, optionally with its fingerprint. */
import type { PlanFingerprint } from '../../plan/fingerprint.js';
import type { Plan } from '../../plan/types.js';

export function renderPlanJson(plan: Plan, fingerprint?: PlanFingerprint): string {
  return `${JSON.stringify(fingerprint ? { ...plan, fingerprint } : plan, null, 2)}\n`;
}
