/**
 * The capacity reservation is deployed only with the LBCapacityReservation feature gate:
 * LBC's synthesizer queues ModifyCapacityReservation for an LB only when the gate is on
 * (pkg/deploy/elbv2/load_balancer_synthesizer.go 87–106). The model keeps
 * `minimumLoadBalancerCapacity` either way (LBC's stack JSON does too); with the gate off, plan,
 * observe and apply see stacks without it, so the account's reservation is left as it is.
 */
import type { FeatureGates } from '../model/settings.js';
import type { Stack } from '../model/stack.js';
import { RT } from '../model/stack.js';

export function deployableStacks(stacks: readonly Stack[], gates: Pick<FeatureGates, 'LBCapacityReservation'>): readonly Stack[] {
  if (gates.LBCapacityReservation) return stacks;
  return stacks.map((stack) => ({
    ...stack,
    resources: stack.resources.map((r) => {
      if (r.type !== RT.loadBalancer || r.spec.minimumLoadBalancerCapacity === undefined) return r;
      const { minimumLoadBalancerCapacity: _dropped, ...spec } = r.spec;
      return { ...r, spec };
    }),
  }));
}
