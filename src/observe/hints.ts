/**
 * What observe reads beyond the listings depends on the desired stacks, so that a no-change plan
 * costs the fewest calls: attributes only where the model sets some (LBC never reverts keys it
 * does not set, so unset keys cannot drift — lbc-model-deploy.md §10.4), target health only where
 * gwlb manages the registrations, and the planned names to spot look-alikes without our tags.
 */
import { resourcesOf, RT, type Stack } from '../model/stack.js';

export interface StackHints {
  readonly lbAttributes: boolean;
  /** The model sets minimumLoadBalancerCapacity (LBC reconciles the reservation only then). */
  readonly lbCapacity: boolean;
  readonly tgAttributes: ReadonlySet<string>;
  readonly managedTargets: ReadonlySet<string>;
  readonly listenerAttributes: ReadonlySet<number>;
}

export interface ObserveHints {
  readonly stacks: ReadonlyMap<string, StackHints>;
  readonly lbNames: ReadonlySet<string>;
  readonly tgNames: ReadonlySet<string>;
  readonly sgNames: ReadonlySet<string>;
}

export const stackKey = (tagPrefix: string, id: string) => `${tagPrefix} ${id}`;

export function hintsFrom(desired: readonly Stack[]): ObserveHints {
  const stacks = new Map<string, StackHints>();
  const lbNames = new Set<string>();
  const tgNames = new Set<string>();
  const sgNames = new Set<string>();
  for (const s of desired) {
    const lbs = resourcesOf(s, RT.loadBalancer);
    const tgs = resourcesOf(s, RT.targetGroup);
    lbs.forEach((l) => lbNames.add(l.spec.name));
    // A name that waits for a nodePort cannot be looked up (apply refuses that stack anyway).
    tgs.forEach((t) => typeof t.spec.name === 'string' && tgNames.add(t.spec.name));
    resourcesOf(s, RT.securityGroup).forEach((g) => sgNames.add(g.spec.groupName));
    stacks.set(stackKey(s.extras.tagPrefix, s.id), {
      lbAttributes: lbs.some((l) => (l.spec.loadBalancerAttributes?.length ?? 0) > 0),
      lbCapacity: lbs.some((l) => l.spec.minimumLoadBalancerCapacity !== undefined),
      tgAttributes: new Set(tgs.filter((t) => (t.spec.targetGroupAttributes?.length ?? 0) > 0).map((t) => t.id)),
      managedTargets: new Set(s.extras.targets.filter((t) => t.kind !== 'unmanaged').map((t) => t.targetGroupId)),
      listenerAttributes: new Set(resourcesOf(s, RT.listener).filter((l) => (l.spec.listenerAttributes?.length ?? 0) > 0).map((l) => l.spec.port)),
    });
  }
  return { stacks, lbNames, tgNames, sgNames };
}

export const NO_HINTS: StackHints = { lbAttributes: false, lbCapacity: false, tgAttributes: new Set(), managedTargets: new Set(), listenerAttributes: new Set() };
