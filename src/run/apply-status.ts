/**
 * `apply --from-cluster`, after the apply: write the status back (src/run/status-writeback.ts)
 * for the Gateways gwlb acts for, waiting up to APPLY_WAIT_MS for provisioning load balancers to
 * become active so `Programmed` is True when apply returns. `--no-write-status` skips all of it.
 */
import type { AwsSession } from '../aws/session.js';
import { connectKube, type KubeClient } from '../source/cluster/client.js';
import type { KubeconfigOptions } from '../source/cluster/kubeconfig.js';
import { lbcFinalizerLeftText, statusFailedText, statusWrittenText, stillProvisioningText, provisioningWaitText } from '../ui/status.js';
import { lbcManaged } from './lbc-managed.js';
import type { DesiredState } from './pipeline.js';
import type { LoadBalancerState, Resolution } from '../resolve/types.js';
import { withBuildFailures } from '../resolve/statuses.js';
import { workByStack } from '../apply/steps.js';
import { abortedStacks, refusedStacks, type Plan } from '../plan/index.js';
import type { GwlbSettings } from './settings.js';
import { notActingFor, writeStatusUntilProgrammed, type ActingScope, type StatusRoundInput } from './status-writeback.js';
import { nsName } from '../source/kube.js';

export const APPLY_WAIT_MS = 60_000;

export interface ApplyStatusInput {
  readonly kube: KubeconfigOptions;
  readonly session: AwsSession;
  readonly settings: GwlbSettings;
  /** The desired state apply planned from. */
  readonly desired: Pick<DesiredState, 'snapshot' | 'resolution'>;
  /** The same desired state's resolution with load balancer states folded in. */
  readonly resolutionFor: (states: ReadonlyMap<string, LoadBalancerState>) => Promise<Resolution>;
  /** Gateways (`ns/name`) whose deploy failed: LBC's failure status for them (deployFailedStacks). */
  readonly failedStacks?: ReadonlySet<string>;
  readonly takeOver: boolean;
  readonly gateway?: string;
  readonly say: (text: string) => void;
  readonly fail: (text: string) => void;
  readonly maxWaitMs?: number;
}

/**
 * The round input for the Gateways gwlb acts for in this desired state: for apply here, and for
 * each round of `watch --from-cluster --apply` (then `writeStatusRound(input)`, and while its
 * `provisioning` is not empty, `recheckStates` + `writeStatusRound({ ...input, states })`).
 */
export function actingStatusRound(args: {
  readonly client: KubeClient;
  readonly session: AwsSession;
  readonly settings: GwlbSettings;
  readonly desired: Pick<DesiredState, 'snapshot' | 'resolution'>;
  readonly statusesFor: StatusRoundInput['statusesFor'];
  readonly scope: ActingScope;
}): StatusRoundInput {
  const { snapshot, resolution } = args.desired;
  return {
    client: args.client,
    session: args.session,
    gateways: resolution.gateways.filter((g) => !g.fatal).map((g) => ({ gateway: nsName(g.gateway), loadBalancerType: g.loadBalancerType })),
    statusesFor: args.statusesFor,
    controllerNames: args.settings.controllerNames,
    skip: notActingFor(snapshot, args.scope),
  };
}

/**
 * After an apply that ran but failed, the Gateways whose stacks still differ (a failed call) or
 * were aborted (ownership): LBC records `Accepted=False/Invalid` with a static message for a
 * deploy error (gateway_controller.go `handleReconcileError`). Refused stacks (waiting for a
 * nodePort) are gwlb's own hold, not a deploy error.
 */
export function deployFailedStacks(after: Pick<Plan, 'stacks' | 'resource_changes' | 'write_only_resent'>): Set<string> {
  const refused = new Set(refusedStacks(after).map((s) => s.id));
  const failed = [...[...workByStack(after)].filter(([, w]) => w.changes.length > 0).map(([id]) => id), ...abortedStacks(after).map((s) => s.id)];
  return new Set(failed.filter((id) => !refused.has(id)));
}

export async function writeStatusAfterApply(input: ApplyStatusInput): Promise<void> {
  const client = await connectKube(input.kube);
  const failed = input.failedStacks ?? new Set<string>();
  const statusesFor = async (states: ReadonlyMap<string, LoadBalancerState>) => withBuildFailures(await input.resolutionFor(states), failed).statuses;
  const scope: ActingScope = { takeOver: input.takeOver, ...(input.gateway !== undefined ? { gateway: input.gateway } : {}) };
  const round = actingStatusRound({ client, session: input.session, settings: input.settings, desired: input.desired, statusesFor, scope });
  let announced = false;
  const maxWaitMs = input.maxWaitMs ?? APPLY_WAIT_MS;
  const { written, last } = await writeStatusUntilProgrammed(round, {
    maxWaitMs,
    onRound: (r) => {
      if (!announced && r.provisioning.length > 0 && r.failed.length === 0) input.say(provisioningWaitText(r.provisioning));
      announced = true;
    },
  });
  input.say(statusWrittenText(written));
  // With --take-over, a deleting Gateway LBC's finalizer holds stays until someone removes it.
  const deleting = input.desired.snapshot.gateways.filter((g) => g.metadata.deletionTimestamp !== undefined && (input.gateway === undefined || input.gateway === nsName(g)));
  const held = input.takeOver ? lbcManaged(deleting).filter((m) => !failed.has(m.gateway)) : [];
  if (held.length > 0) input.say(lbcFinalizerLeftText(held));
  if (last.provisioning.length > 0 && last.failed.length === 0) input.say(stillProvisioningText(last.provisioning, Math.round(maxWaitMs / 1000)));
  if (last.failed.length > 0) input.fail(statusFailedText(last.failed));
}
