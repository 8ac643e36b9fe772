/**
 * What a saved plan's fingerprint covers besides the stacks and the observed state. Its own
 * module, apart from live-plan.ts, because `gwlb plan --offline` needs it and live-plan.ts loads
 * the AWS SDK (through discovery), which an offline plan never uses.
 */
import type { ClusterSettings } from '../model/settings.js';
import type { Plan } from '../plan/index.js';
import type { ControllerNames } from '../resolve/types.js';

/**
 * The options the fingerprint covers; the same keys `gwlb plan --out` uses. Every setting is in:
 * some shape the plan without showing in the desired stacks (externalManagedTags decides which
 * observed tags a plan removes), so a settings change must make a saved plan stale.
 */
export function fingerprintOptions(
  plan: Pick<Plan, 'mode' | 'prune' | 'cluster' | 'destroy'>,
  scope: string | undefined,
  settings: ClusterSettings,
  controllerNames?: ControllerNames,
): Record<string, unknown> {
  return { mode: plan.mode, prune: plan.prune, destroy: plan.destroy ?? false, gateway: scope ?? null, cluster: plan.cluster, settings, controllerNames: controllerNames ?? null };
}
