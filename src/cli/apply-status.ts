/**
 * `apply --from-cluster`, after the apply: write the status back (src/cli/status-writeback.ts)
 * for the Gateways gwlb acts for, waiting up to APPLY_WAIT_MS for provisioning load balancers to
 * become active so `Programmed` is True when apply returns. `--no-write-status` skips all of it.
 */
import type { AwsSession } from '../aws/session.js';
import { connectKube, type KubeClient } from '../source/cluster/client.js';
import type { KubeconfigOptions } from '../source/cluster/kubeconfig.js';
import { statusFailedText, statusWrittenText, stillProvisioningText, provisioningWaitText } from '../ui/status.js';
import type { DesiredState } from './pipeline.js';
import type { LoadBalancerState, ObjectStatus } from '../resolve/types.js';
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
  /** The same desired state with load balancer states folded in. */
  readonly statusesFor: (states: ReadonlyMap<string, LoadBalancerState>) => Promise<readonly ObjectStatus[]>;
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

export async function writeStatusAfterApply(input: ApplyStatusInput): Promise<void> {
  const client = await connectKube(input.kube);
  const scope: ActingScope = { takeOver: input.takeOver, ...(input.gateway !== undefined ? { gateway: input.gateway } : {}) };
  const round = actingStatusRound({ client, session: input.session, settings: input.settings, desired: input.desired, statusesFor: input.statusesFor, scope });
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
  if (last.provisioning.length > 0 && last.failed.length === 0) input.say(stillProvisioningText(last.provisioning, Math.round(maxWaitMs / 1000)));
  if (last.failed.length > 0) input.fail(statusFailedText(last.failed));
}
