/**
 * The status half of a `watch --from-cluster --apply` round, as `apply --from-cluster` does it
 * after its apply (cli/apply-status.ts): the statuses LBC would write, for the Gateways gwlb acts
 * for (no LBC finalizer, or --take-over), written to the cluster; each object written is a
 * `status_written` event. While a load balancer provisions, its state is re-checked on a short
 * backoff within the round (bounded by APPLY_WAIT_MS, and by the signal) so `Programmed` flips
 * without waiting for the next round (LBC re-checks every 2 minutes, gateway_controller.go
 * `statusUpdateRequeueTime`).
 */
import type { AwsSession } from '../aws/session.js';
import { actingStatusRound, APPLY_WAIT_MS } from '../run/apply-status.js';
import type { DesiredState } from '../run/pipeline.js';
import type { GwlbSettings } from '../run/settings.js';
import { writeStatusUntilProgrammed } from '../run/status-writeback.js';
import type { LoadBalancerState, ObjectStatus } from '../resolve/types.js';
import type { KubeClient } from '../source/cluster/client.js';
import { liveKey } from '../status/patches.js';
import { statusFailedText } from '../ui/status.js';
import type { WatchEvent } from './events.js';

export interface RoundStatusRequest {
  readonly client: KubeClient;
  readonly session: AwsSession;
  readonly settings: GwlbSettings;
  readonly desired: Pick<DesiredState, 'snapshot' | 'resolution'>;
  /** The statuses with these load balancer states (and the deploy failures folded in). */
  readonly statusesFor: (states: ReadonlyMap<string, LoadBalancerState>) => Promise<readonly ObjectStatus[]>;
  readonly takeOver: boolean;
  readonly gateway?: string;
  readonly signal: AbortSignal;
  readonly round: number;
  readonly emit: (e: WatchEvent) => void;
  readonly time: () => string;
  readonly maxWaitMs?: number;
}

class StopWaiting extends Error {}

/** Sleeps `ms`; a signal ends the re-checks (StopWaiting): the status written so far stays. */
function sleepUnless(signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(new StopWaiting());
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        if (signal.aborted) reject(new StopWaiting());
        else resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
    });
}

export async function writeRoundStatus(req: RoundStatusRequest): Promise<void> {
  let latest = new Map<string, ObjectStatus>();
  const statusesFor = async (states: ReadonlyMap<string, LoadBalancerState>) => {
    const statuses = await req.statusesFor(states);
    latest = new Map(statuses.map((s) => [liveKey(s.object), s]));
    return statuses;
  };
  const input = actingStatusRound({ client: req.client, session: req.session, settings: req.settings, desired: req.desired, statusesFor, scope: { takeOver: req.takeOver, ...(req.gateway !== undefined ? { gateway: req.gateway } : {}) } });
  const written = writeStatusUntilProgrammed(input, {
    maxWaitMs: req.maxWaitMs ?? APPLY_WAIT_MS,
    sleep: sleepUnless(req.signal),
    onRound: (r) => {
      for (const o of r.written) {
        const conditions = conditionsOf(latest.get(liveKey(o)));
        req.emit({ type: 'status_written', round: req.round, time: req.time(), object: `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`, ...(conditions ? { conditions } : {}) });
      }
    },
  }).catch((err: unknown) => {
    if (err instanceof StopWaiting) return undefined;
    throw err;
  });
  const last = (await written)?.last;
  if (last && last.failed.length > 0) req.emit({ type: 'error', round: req.round, time: req.time(), phase: 'apply', message: statusFailedText(last.failed).trim() });
}

/** `type → status` of a written object's conditions (Gateway, ListenerSet, GatewayClass); routes have none at the top. */
function conditionsOf(s: ObjectStatus | undefined): Record<string, string> | undefined {
  const conditions = s && 'conditions' in s.status ? (s.status.conditions as readonly { type: string; status: string }[] | undefined) : undefined;
  return conditions && conditions.length > 0 ? Object.fromEntries(conditions.map((c) => [c.type, c.status])) : undefined;
}
