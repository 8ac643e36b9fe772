/**
 * `apply --from-cluster`, after the apply: write the status back (src/cli/status-writeback.ts)
 * for the Gateways gwlb acts for, waiting up to APPLY_WAIT_MS for provisioning load balancers to
 * become active so `Programmed` is True when apply returns. `--no-write-status` skips all of it.
 */
import type { AwsSession } from '../aws/session.js';
import { connectKube } from '../source/cluster/client.js';
import type { KubeconfigOptions } from '../source/cluster/kubeconfig.js';
import { statusFailedText, statusWrittenText, stillProvisioningText, provisioningWaitText } from '../ui/status.js';
import type { DesiredState } from './pipeline.js';
import type { LoadBalancerState, ObjectStatus } from '../resolve/types.js';
import type { GwlbSettings } from './settings.js';
import { notActingFor, writeStatusUntilProgrammed } from './status-writeback.js';

export const APPLY_WAIT_MS = 60_000;

export interface ApplyStatusInput {
  readonly kube: KubeconfigOptions;
  readonly session: AwsSession;
  readonly settings: GwlbSettings;
  /** The desired state apply planned from. */
  readonly desired: DesiredState;
  /** The same desired state with load balancer states folded in. */
  readonly statusesFor: (states: ReadonlyMap<string, LoadBalancerState>) => Promise<readonly ObjectStatus[]>;
  readonly takeOver: boolean;
  readonly gateway?: string;
  readonly say: (text: string) => void;
  readonly fail: (text: string) => void;
  readonly maxWaitMs?: number;
}

export async function writeStatusAfterApply(input: ApplyStatusInput): Promise<void> {
  const { snapshot, resolution } = input.desired;
  const skip = notActingFor(snapshot, { takeOver: input.takeOver, ...(input.gateway !== undefined ? { gateway: input.gateway } : {}) });
  const client = await connectKube(input.kube);
  let announced = false;
  const maxWaitMs = input.maxWaitMs ?? APPLY_WAIT_MS;
  const { written, last } = await writeStatusUntilProgrammed(
    {
      client,
      session: input.session,
      gateways: resolution.gateways.filter((g) => !g.fatal).map((g) => ({ gateway: `${g.gateway.metadata.namespace}/${g.gateway.metadata.name}`, loadBalancerType: g.loadBalancerType })),
      statusesFor: input.statusesFor,
      controllerNames: input.settings.controllerNames,
      skip,
    },
    {
      maxWaitMs,
      onRound: (round) => {
        if (!announced && round.provisioning.length > 0 && round.failed.length === 0) input.say(provisioningWaitText(round.provisioning));
        announced = true;
      },
    },
  );
  input.say(statusWrittenText(written));
  if (last.provisioning.length > 0 && last.failed.length === 0) input.say(stillProvisioningText(last.provisioning, Math.round(maxWaitMs / 1000)));
  if (last.failed.length > 0) input.fail(statusFailedText(last.failed));
}
