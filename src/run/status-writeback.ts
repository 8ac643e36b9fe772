/**
 * Status write-back when gwlb is the acting controller (cluster source, and no LBC finalizer on
 * the Gateway or --take-over): after an apply, the statuses LBC would write are recomputed with
 * each Gateway's load balancer state as AWS reports it and written to the cluster
 * (source/cluster/status-write.ts). While a load balancer provisions, its state is re-checked on
 * a short backoff and `Programmed` flips when it is active (LBC re-checks every 2 minutes,
 * gateway_controller.go `statusUpdateRequeueTime`).
 *
 * `writeStatusRound` is one pass, for `apply` and for each round of `watch --from-cluster --apply`;
 * it returns the Gateways still provisioning so the caller can re-check them (`recheckStates`, then
 * another round with the states it returns). `writeStatusUntilProgrammed` is apply's bounded wait.
 *
 * Deletion: gwlb adds no finalizer, so it removes none. A Gateway with `deletionTimestamp` (held by
 * another finalizer, LBC's among them) is planned as LBC plans it — an empty stack, or the
 * deletion-protection error (model/index.ts) — and gets no status write (LBC writes none on its
 * delete path, gateway_controller.go `reconcileDelete`). LBC's finalizer is LBC's to remove.
 */
import type { ObjectRef } from '../diagnostics.js';
import type { AwsSession } from '../aws/session.js';
import { loadBalancerStates, recheckStates } from '../observe/lb-states.js';
import type { ControllerNames, LoadBalancerState, LoadBalancerType, ObjectStatus } from '../resolve/types.js';
import type { Gateway, GatewayClass, ListenerSet } from '../source/gateway-api.js';
import { nsName } from '../source/kube.js';
import type { KubeClient } from '../source/cluster/client.js';
import { writeStatuses, type StatusWriteResult } from '../source/cluster/status-write.js';
import { liveKey } from '../status/patches.js';
import { lbcManaged } from './lbc-managed.js';

export interface ActingScope {
  /** `--take-over`: act for Gateways carrying LBC's finalizer too. */
  readonly takeOver: boolean;
  /** `--gateway NS/NAME`: only this one. */
  readonly gateway?: string;
}

/**
 * `liveKey`s of the objects gwlb must not write: Gateways LBC manages (unless taking over), out of
 * scope, or being deleted; their ListenerSets; and the GatewayClasses of LBC-managed Gateways
 * (an LBC that runs writes those itself).
 */
export function notActingFor(objects: { gateways: readonly Gateway[]; listenerSets: readonly ListenerSet[]; gatewayClasses: readonly GatewayClass[] }, scope: ActingScope): Set<string> {
  const managed = new Set(scope.takeOver ? [] : lbcManaged(objects.gateways).map((m) => m.gateway));
  const skip = new Set<string>();
  const skippedGateways = new Set<string>();
  for (const g of objects.gateways) {
    const id = nsName(g);
    if (managed.has(id) || (scope.gateway !== undefined && scope.gateway !== id) || g.metadata.deletionTimestamp !== undefined) {
      skippedGateways.add(id);
      skip.add(liveKey({ kind: 'Gateway', namespace: g.metadata.namespace, name: g.metadata.name }));
    }
  }
  for (const s of objects.listenerSets) {
    const parent = `${s.spec.parentRef.namespace ?? s.metadata.namespace}/${s.spec.parentRef.name}`;
    if (skippedGateways.has(parent)) skip.add(liveKey({ kind: 'ListenerSet', namespace: s.metadata.namespace, name: s.metadata.name }));
  }
  const lbcClasses = new Set(objects.gateways.filter((g) => managed.has(nsName(g))).map((g) => g.spec.gatewayClassName));
  for (const c of objects.gatewayClasses) if (lbcClasses.has(c.metadata.name)) skip.add(liveKey({ kind: 'GatewayClass', namespace: '', name: c.metadata.name }));
  return skip;
}

export interface StatusRoundInput {
  readonly client: KubeClient;
  readonly session: AwsSession;
  /** The Gateways gwlb builds (resolution.gateways), for their load balancers' states. */
  readonly gateways: readonly { readonly gateway: string; readonly loadBalancerType: LoadBalancerType }[];
  /** The statuses resolve computes with these load balancer states (Resolution.statuses after withBuildFailures). */
  readonly statusesFor: (states: ReadonlyMap<string, LoadBalancerState>) => Promise<readonly ObjectStatus[]>;
  readonly controllerNames: ControllerNames;
  readonly skip: ReadonlySet<string>;
  /** Load balancer states already known (a re-check); read from AWS when absent. */
  readonly states?: ReadonlyMap<string, LoadBalancerState>;
  readonly now?: () => Date;
}

export interface StatusRound extends StatusWriteResult {
  readonly states: ReadonlyMap<string, LoadBalancerState>;
  /** Acting Gateways whose load balancer exists but is not active yet. */
  readonly provisioning: readonly string[];
}

/** RFC 3339 without fractional seconds, as the API server writes times. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function writeStatusRound(input: StatusRoundInput): Promise<StatusRound> {
  const states = input.states ?? (await loadBalancerStates(input.session, input.gateways));
  const statuses = await input.statusesFor(states);
  const result = await writeStatuses(input.client, { statuses, controllerNames: input.controllerNames, skip: input.skip, now: rfc3339((input.now ?? (() => new Date()))()) });
  const acting = (id: string) => {
    const [namespace, name] = id.split('/') as [string, string];
    return !input.skip.has(liveKey({ kind: 'Gateway', namespace, name }));
  };
  const provisioning = input.gateways.map((g) => g.gateway).filter((id) => acting(id) && states.get(id)?.kind === 'provisioning');
  return { ...result, states, provisioning };
}

export interface WaitOptions {
  /** Give up re-checking after this long (apply: 60 s). */
  readonly maxWaitMs: number;
  /** First re-check after this long, doubling up to `maxDelayMs`. */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told after each round that wrote something. */
  readonly onRound?: (round: StatusRound) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Rounds until no acting Gateway provisions or the wait is over; returns every object written and the last round. */
export async function writeStatusUntilProgrammed(input: StatusRoundInput, wait: WaitOptions): Promise<{ written: ObjectRef[]; conflicts: number; last: StatusRound }> {
  const sleep = wait.sleep ?? defaultSleep;
  let round = await writeStatusRound(input);
  wait.onRound?.(round);
  const written = [...round.written];
  let conflicts = round.conflicts;
  let delay = wait.firstDelayMs ?? 500;
  let waited = 0;
  while (round.provisioning.length > 0 && round.failed.length === 0 && waited + delay <= wait.maxWaitMs) {
    await sleep(delay);
    waited += delay;
    delay = Math.min(delay * 2, wait.maxDelayMs ?? 5000);
    const states = await recheckStates(input.session, round.states);
    const flipped = round.provisioning.some((id) => states.get(id)?.kind === 'active');
    if (!flipped) {
      round = { ...round, states };
      continue;
    }
    round = await writeStatusRound({ ...input, states });
    wait.onRound?.(round);
    for (const o of round.written) if (!written.some((w) => w.kind === o.kind && w.namespace === o.namespace && w.name === o.name)) written.push(o);
    conflicts += round.conflicts;
  }
  return { written, conflicts, last: round };
}
