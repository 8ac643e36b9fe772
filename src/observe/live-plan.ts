/**
 * The live planning pipeline shared by `gwlb plan` (live, --sandbox, --endpoint-url) and
 * `gwlb apply`: discover facts → build the desired stacks (through the caller's `desire`, so
 * this module does not depend on the CLI) → observe the owned stacks → plan, with the
 * fingerprint a saved plan carries. All reads go through one session, so listings are shared.
 */
import { discoverFacts } from '../aws/discovery.js';
import type { AwsSession } from '../aws/session.js';
import type { DiscoveryFacts } from '../model/discovery.js';
import type { ClusterSettings } from '../model/settings.js';
import type { Stack } from '../model/stack.js';
import type { ControllerNames } from '../resolve/types.js';
import { buildPlan, deployableStacks, lazyFingerprint, type DestroyScope, type ObservedState, type Plan, type PlanFingerprint } from '../plan/index.js';
import { fingerprintOptions } from './fingerprint.js';
import { observeState } from './index.js';

// Also exported here, where it was first defined.
export { fingerprintOptions };

export interface DesiredInput {
  readonly stacks: readonly Stack[];
  /** `ns/name` of every Gateway in the input. */
  readonly inputGateways: readonly string[];
  readonly errored: boolean;
}

export interface LivePlanRequest<D extends DesiredInput> {
  readonly session: AwsSession;
  readonly settings: ClusterSettings;
  readonly desire: (facts: DiscoveryFacts) => Promise<D>;
  readonly prune: boolean;
  readonly scope?: string;
  /** Settings that shape resolution but are not ClusterSettings (the GatewayClass controller names). */
  readonly controllerNames?: ControllerNames;
  /** A destroy plan: delete these owned stacks and nothing else. */
  readonly destroy?: DestroyScope;
  /**
   * A watch round's narrowing, decided once the desired stacks are known: the Gateways (`ns/name`)
   * whose stacks alone are read and planned, or undefined to read every owned stack. A narrowed
   * plan judges no orphans and prunes nothing: stacks it did not read are not in it at all.
   */
  readonly narrow?: (desired: D) => ReadonlySet<string> | undefined;
}

export interface LivePlan<D extends DesiredInput> {
  readonly plan: Plan;
  readonly desired: D;
  readonly observed: ObservedState;
  readonly facts: DiscoveryFacts;
  /** Computed on first call (plan/fingerprint.ts `lazyFingerprint`): only saved plans need it. */
  readonly fingerprint: () => PlanFingerprint;
}

export async function livePlan<D extends DesiredInput>(req: LivePlanRequest<D>): Promise<LivePlan<D>> {
  const facts = await discoverFacts(req.session);
  const desired = await req.desire(facts);
  const narrowed = req.destroy || req.scope !== undefined ? undefined : req.narrow?.(desired);
  const observed = await observeState(req.session, deployableStacks(desired.stacks, req.settings.featureGates), narrowed ?? observeScope(req));
  const plan = buildPlan({
    desired: desired.stacks,
    observed,
    settings: req.settings,
    mode: 'live',
    prune: req.prune && narrowed === undefined,
    inputGateways: desired.inputGateways,
    ...(narrowed ? { scope: narrowed } : req.scope ? { scope: req.scope } : {}),
    errored: desired.errored,
    ...(req.destroy ? { destroy: req.destroy } : {}),
  });
  const fingerprint = lazyFingerprint(desired.stacks, fingerprintOptions(plan, req.scope, req.settings, req.controllerNames), observed, plan.resource_changes);
  return { plan, desired, observed, facts, fingerprint };
}

/**
 * The stacks a plan can touch, so observe reads only those (observe/index.ts): `--gateway`, or
 * the Gateways a destroy names. buildPlan ignores every other observed stack in these plans, so
 * leaving them unread changes no output.
 */
function observeScope(req: Pick<LivePlanRequest<DesiredInput>, 'scope' | 'destroy'>): ReadonlySet<string> | undefined {
  if (req.destroy) return req.destroy.kind === 'gateways' ? new Set(req.destroy.gateways) : undefined;
  return req.scope === undefined ? undefined : new Set([req.scope]);
}
