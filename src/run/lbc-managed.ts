/**
 * Gateways an in-cluster LBC manages: LBC's finalizer (`gateway.k8s.aws/alb` or `/nlb`, set by
 * its gateway controllers) on a Gateway the plan would change. Apply refuses them without
 * --take-over, since LBC would undo gwlb's changes; plan warns that apply will.
 */
import { workByStack } from '../apply/steps.js';
import type { Plan } from '../plan/index.js';
import { nsName } from '../source/kube.js';
import type { Gateway } from '../source/gateway-api.js';

const LBC_FINALIZERS = ['gateway.k8s.aws/alb', 'gateway.k8s.aws/nlb'];

export interface LbcManaged {
  readonly gateway: string;
  readonly finalizer: string;
}

/** The Gateways among these that carry LBC's finalizer. */
export function lbcManaged(gateways: readonly Gateway[]): LbcManaged[] {
  return gateways.flatMap((g) => {
    const finalizer = g.metadata.finalizers.find((f) => LBC_FINALIZERS.includes(f));
    return finalizer ? [{ gateway: nsName(g), finalizer }] : [];
  });
}

/** The LBC-managed Gateways whose stacks the plan would change. */
export function lbcManagedChanges(plan: Plan, gateways: readonly Gateway[]): LbcManaged[] {
  const changing = new Set(workByStack(plan).keys());
  return lbcManaged(gateways).filter((m) => changing.has(m.gateway));
}
