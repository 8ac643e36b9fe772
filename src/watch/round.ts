/**
 * One watch round: read the input, plan against AWS (or offline), and with `--apply` execute the
 * plan and plan again to verify — the pipeline `gwlb plan` and `gwlb apply` run (cli/pipeline.ts,
 * observe/live-plan.ts, apply/execute.ts), with apply's scope and safety rules: the target's lock
 * is held from the first read to the last write; an input with errors is planned but never applied
 * (and the plan prunes nothing); `--gateway` must name a Gateway of the input; `--prune` needs
 * Gateways in the input; LBC-managed Gateways need `--take-over`; a name collision with an
 * untracked resource refuses the round. A read that fails (files, cluster, AWS) is returned as
 * `failed`: the loop reports it and retries; it never looks like an empty input. With
 * `--from-cluster` (`cluster`): a round while the cluster watch is blind plans nothing (`failed`,
 * retried); with `--apply` the cluster's Lease is held with the target's lock, as apply holds
 * both, and after the apply the status is written back (round-status.ts). A round started by a
 * change after a clean round reads and plans only the stacks of the Gateways the change reached;
 * the others read the whole account (round-reads.ts).
 */
import { type AwsTarget } from '../aws/clients.js';
import { commandFailureText } from '../aws/errors.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { lbcManagedChanges } from '../run/lbc-managed.js';
import { LockRefusedError, lockCluster, lockTarget, type HeldLease, type HeldLock } from '../run/lock.js';
import { deployFailedStacks } from '../run/apply-status.js';
import { withBuildFailures } from '../resolve/statuses.js';
import type { LoadBalancerState } from '../resolve/types.js';
import type { KubeClient } from '../source/cluster/client.js';
import { isClusterError } from '../source/cluster/errors.js';
import type { KubeconfigOptions } from '../source/cluster/kubeconfig.js';
import { writeRoundStatus } from './round-status.js';
import { connectAws, AwsSession, livePlan } from '../run/aws-runtime.js';
import { desiredInput, desiredState, inputGatewayIds, inputState, type DesiredState } from '../run/pipeline.js';
import type { GwlbSettings } from '../run/settings.js';
import { OFFLINE_FACTS, type DiscoveryFacts } from '../model/discovery.js';
import { readManifests } from '../source/files.js';
import type { ClusterUnits } from './cluster-units.js';
import { IncrementalDesired } from './incremental.js';
import { abortedStacks, buildPlan, EMPTY_OBSERVED, refusedStacks, type Plan } from '../plan/index.js';
import type { Stack } from '../model/stack.js';
import type { LoadResult } from '../source/snapshot.js';
import { abortedText, collisionRefusal, refusedText } from '../ui/apply/refusals.js';
import { gatewayNotInInputText, lbcManagedText, pruneWithoutGatewaysText } from '../ui/scope.js';
import type { ErrorPhase, WatchEvent } from './events.js';
import { failureOf } from './loop.js';
import { applyRound, type ApplyResult } from './round-apply.js';
import { planEvent } from './plan-event.js';
import { changedStacks, roundReads, unionReached, type PreviousRound, type RoundReads } from './round-reads.js';
import { isInputUnchanged, type Trigger } from './triggers.js';

export interface RoundConfig {
  readonly settings: GwlbSettings;
  readonly files: readonly string[];
  /** The AWS target; undefined with `--offline` (planned against an empty account, never applied). */
  readonly target: AwsTarget | undefined;
  readonly apply: boolean;
  readonly prune: boolean;
  readonly gateway?: string;
  readonly takeOver: boolean;
  /** `--endpoint-url` as typed, for the words of a connection failure. */
  readonly endpointUrl?: string;
  /** The input when not `-f`: objects already read, or the cluster watch's objects as units for the incremental engine. */
  readonly readInput: () => Promise<{ readonly loaded?: LoadResult; readonly units?: ClusterUnits }>;
  /** Aborted on SIGINT / SIGTERM: an apply in flight starts no new call. */
  readonly signal: AbortSignal;
  readonly emit: (e: WatchEvent) => void;
  /** The round's diagnostics (settings, source, resolve, model), for stderr. */
  readonly onDiagnostics: (d: readonly Diagnostic[]) => void;
  readonly now: () => Date;
  /** `--from-cluster`: the watch's blind kinds, the Lease, the status write-back. */
  readonly cluster?: RoundCluster;
}

export interface RoundCluster {
  readonly kube: KubeconfigOptions;
  readonly client: KubeClient;
  /** Kinds whose objects may be stale: while any, the round plans nothing. */
  readonly blind: () => readonly string[];
  /** `--no-write-status` makes it false. */
  readonly writeStatus: boolean;
}

/** The words of a round skipped while the cluster watch cannot vouch for its objects. */
export function blindText(kinds: readonly string[]): string {
  return `the cluster watch cannot read ${kinds.join(', ')} (reconnecting); nothing is planned until it reads them again, so that no object missing from a stale copy is planned for deletion`;
}

export type RoundResult =
  | { readonly kind: 'planned'; readonly plan: Plan; readonly refused: boolean; readonly apply?: ApplyResult }
  /** Nothing could be planned, or the apply did not finish: retried with backoff. */
  | { readonly kind: 'failed'; readonly phase: ErrorPhase; readonly message: string };

/**
 * `full` only from the whole pipeline (stdin, objects already read): the incremental engine keeps
 * no whole resolution, but its `loaded` input, from which the status write-back resolves one.
 * `reached`: the Gateways an input change reached since the previous read of it.
 */
type WatchDesired = {
  readonly state: Pick<DesiredState, 'diagnostics' | 'snapshot'>;
  readonly full?: DesiredState;
  readonly loaded?: LoadResult;
  readonly stacks: DesiredState['stacks'];
  readonly inputGateways: readonly string[];
  readonly errored: boolean;
  readonly reached: ReadonlySet<string> | 'all';
};

function wholeDesired(state: DesiredState): WatchDesired {
  return { ...desiredInput(state), full: state, reached: 'all' };
}

/** What a round leaves for the next (round-reads.ts), with its desired stacks. */
type Remembered = PreviousRound & { readonly stacks?: ReadonlyMap<string, Stack> };

/** Per watch (its RoundConfig): what its last round left. */
const previousRounds = new WeakMap<RoundConfig, Remembered>();

/** Whether a round leaves nothing undone that a narrowed next round could miss. */
function isClean(result: RoundResult): boolean {
  if (result.kind !== 'planned' || result.refused || result.plan.errored || failureOf(result)) return false;
  return abortedStacks(result.plan).length === 0 && refusedStacks(result.plan).length === 0 && !result.apply?.cutShort;
}

/** Per watch (its RoundConfig) and discovery facts: the engine that replans only what a change reaches. */
const engines = new WeakMap<RoundConfig, { readonly facts: string; readonly engine: IncrementalDesired }>();

/**
 * `-f` and `--from-cluster` rounds reuse the last round's reading and models (incremental.ts): a
 * change re-reads its file (or decodes its object) and rebuilds the Gateways it reaches. New
 * discovery facts rebuild everything.
 */
async function engineDesired(cfg: RoundConfig, facts: DiscoveryFacts | undefined, units: ClusterUnits | undefined): Promise<WatchDesired> {
  const read = units ? undefined : await readManifests(cfg.files);
  const key = JSON.stringify(facts ?? null);
  let entry = engines.get(cfg);
  if (!entry || entry.facts !== key) {
    entry = { facts: key, engine: new IncrementalDesired(cfg.settings, facts ?? OFFLINE_FACTS) };
    engines.set(cfg, entry);
  }
  const round = units ? entry.engine.roundOf(units.units, units.diagnostics) : entry.engine.round(read!.texts);
  const diagnostics = [...cfg.settings.diagnostics, ...(read?.diagnostics ?? []), ...round.diagnostics];
  const stacks = cfg.gateway ? round.stacks.filter((st) => st.id === cfg.gateway) : round.stacks;
  return { state: { diagnostics, snapshot: round.loaded.snapshot }, loaded: round.loaded, stacks, inputGateways: inputGatewayIds(round.loaded), errored: hasErrors(diagnostics), reached: round.rebuilt };
}

/** What one round saw of its input, for the next round's choice of reads. */
interface Seen {
  inputGateways?: readonly string[];
  stacks?: readonly Stack[];
}

export async function runRound(cfg: RoundConfig, round: number, trigger: Trigger): Promise<RoundResult> {
  const previous = previousRounds.get(cfg);
  // Until this round ends, the next reads everything: a round that throws (a bug) leaves it so.
  previousRounds.set(cfg, { clean: false, inputGateways: [] });
  const seen: Seen = {};
  const result = await roundOf(cfg, round, trigger, previous, seen);
  previousRounds.set(cfg, { clean: isClean(result), inputGateways: seen.inputGateways ?? [], ...(seen.stacks ? { stacks: new Map(seen.stacks.map((st) => [st.id, st])) } : {}) });
  return result;
}

async function roundOf(cfg: RoundConfig, round: number, trigger: Trigger, previous: Remembered | undefined, seen: Seen): Promise<RoundResult> {
  const time = () => cfg.now().toISOString();
  cfg.emit({ type: 'round_started', round, time: time(), trigger });
  const target = cfg.target;
  let lock: HeldLock | undefined;
  let lease: HeldLease | undefined;
  let closeConn: (() => Promise<void>) | undefined;
  try {
    const blind = cfg.cluster?.blind() ?? [];
    if (blind.length > 0) return { kind: 'failed', phase: 'read', message: blindText(blind) };
    const input = await cfg.readInput();
    const incremental = !input.loaded && !cfg.files.includes('-');
    let lastFacts: DiscoveryFacts | undefined;
    // Every read of the input in this round (the verifying replan reads the files again): an edit
    // made meanwhile is in what the round reached, so its stack is read too.
    let reached: ReadonlySet<string> | 'all' | undefined;
    const desire = async (facts?: DiscoveryFacts) => {
      lastFacts = facts;
      const d = incremental ? await engineDesired(cfg, facts, input.units) : wholeDesired(await desiredState({ files: cfg.files, settings: cfg.settings, ...(input.loaded ? { loaded: input.loaded } : {}), ...(facts ? { facts } : { offline: true }), ...(cfg.gateway ? { gateway: cfg.gateway } : {}) }));
      reached = reached === undefined ? d.reached : unionReached(reached, d.reached);
      seen.inputGateways = d.inputGateways;
      seen.stacks = d.stacks;
      return d;
    };
    let reads: RoundReads = { kind: 'whole', why: 'first-round' };
    // Compared with the previous round's stacks (not this round's first read), so an edit the
    // verifying replan picks up is read too, and its changes make the round unclean.
    const narrow = (d: WatchDesired) => {
      const changed = changedStacks(previous?.stacks, d.stacks, reached ?? 'all');
      reads = roundReads({ trigger, previous, reached: changed, inputGateways: d.inputGateways, errored: d.errored });
      return reads.kind === 'narrowed' ? reads.gateways : undefined;
    };
    if (!target) {
      const desired = await desire();
      const plan = buildPlan({ desired: desired.stacks, observed: EMPTY_OBSERVED, settings: cfg.settings.cluster, mode: 'offline', prune: cfg.prune, inputGateways: desired.inputGateways, ...(cfg.gateway ? { scope: cfg.gateway } : {}), errored: desired.errored });
      return judge(cfg, round, trigger, plan, desired);
    }
    // As apply: the lock before the first read, so nothing changes between plan and apply.
    if (cfg.apply) lock = await lockTarget({ target, clusterName: cfg.settings.cluster.clusterName, command: 'gwlb watch', say: () => {} });
    if (cfg.apply && cfg.cluster) lease = await lockCluster({ cluster: cfg.cluster.kube, clusterName: cfg.settings.cluster.clusterName, say: () => {} });
    const conn = await connectAws(target);
    closeConn = () => conn.close();
    const session = new AwsSession(conn, cfg.settings.cluster.clusterName, cfg.settings.cluster.vpcId);
    const planOnce = () => livePlan({ session, settings: cfg.settings.cluster, controllerNames: cfg.settings.controllerNames, desire, narrow, prune: cfg.prune, ...(cfg.gateway ? { scope: cfg.gateway } : {}) });
    const live = await planOnce();
    const judged = judge(cfg, round, trigger, live.plan, live.desired, reads);
    if (judged.kind !== 'planned' || judged.refused || !cfg.apply || cfg.signal.aborted) return judged;
    const apply = await applyRound({ plan: live.plan, desired: live.desired.stacks, observed: live.observed, session, settings: cfg.settings.cluster, signal: cfg.signal, round, emit: cfg.emit, time, replan: planOnce });
    // As apply --from-cluster: status after an apply that ran to the end (or had nothing to do).
    const loaded = input.loaded ?? live.desired.loaded;
    if (cfg.cluster?.writeStatus && !apply.cutShort && loaded) {
      // Which Gateways are built and acted for: the resolution says it, no model needed.
      const full = live.desired.full ?? (await inputState({ files: cfg.files, settings: cfg.settings, loaded }));
      const failed = apply.failed > 0 ? deployFailedStacks((await planOnce()).plan) : new Set<string>();
      const facts = lastFacts;
      const statusesFor = async (states: ReadonlyMap<string, LoadBalancerState>) =>
        withBuildFailures((await desiredState({ files: cfg.files, settings: cfg.settings, loaded, ...(facts ? { facts } : {}), ...(cfg.gateway ? { gateway: cfg.gateway } : {}), loadBalancerStates: states })).resolution, failed).statuses;
      await writeRoundStatus({ client: cfg.cluster.client, session, settings: cfg.settings, desired: full, statusesFor, takeOver: cfg.takeOver, ...(cfg.gateway ? { gateway: cfg.gateway } : {}), signal: cfg.signal, round, emit: cfg.emit, time });
    }
    return { ...judged, apply };
  } catch (err) {
    if (err instanceof LockRefusedError) return { kind: 'failed', phase: 'lock', message: err.message };
    // The cluster failed (a status write while the API is down): its words, not AWS's endpoint hint.
    if (isClusterError(err)) return { kind: 'failed', phase: 'read', message: err.message };
    return { kind: 'failed', phase: 'read', message: commandFailureText(err, cfg.endpointUrl) };
  } finally {
    await closeConn?.(); // for --sandbox this writes the state, so the lock outlives it
    await lease?.release();
    lock?.release();
  }
}

/** Reports the plan (and drift), then applies apply's refusals; `refused` means: do not apply. */
function judge(cfg: RoundConfig, round: number, trigger: Trigger, plan: Plan, desired: WatchDesired, reads?: RoundReads): RoundResult {
  const time = cfg.now().toISOString();
  cfg.onDiagnostics(desired.state.diagnostics);
  cfg.emit({ ...planEvent(plan, round, time), ...(reads?.kind === 'narrowed' ? { narrowed: true } : {}) });
  const refuse = (phase: ErrorPhase, message: string, gateways?: readonly string[]) => {
    cfg.emit({ type: 'error', round, time, phase, message, ...(gateways ? { gateways } : {}) });
  };
  if (isInputUnchanged(trigger)) {
    const drifted = plan.resource_changes.filter((rc) => rc.change.actions[0] !== 'no-op');
    if (drifted.length > 0) cfg.emit({ type: 'drift', round, time, gateways: [...new Set(drifted.map((rc) => rc.stack))], addresses: drifted.map((rc) => rc.address) });
  }
  const blocking = blockingRefusal(cfg, plan, desired);
  if (blocking) {
    refuse(blocking.phase, blocking.message);
    return { kind: 'planned', plan, refused: true };
  }
  // Stacks apply leaves alone while the others are applied, as apply reports them.
  const aborted = abortedStacks(plan);
  if (aborted.length > 0) refuse('refused', abortedText(aborted).trim(), aborted.map((s) => s.id));
  const refused = refusedStacks(plan);
  if (refused.length > 0) refuse('refused', refusedText(refused).trim(), refused.map((s) => s.id));
  return { kind: 'planned', plan, refused: false };
}

/** apply.ts's refusals, in its order: nothing of the plan is applied. */
function blockingRefusal(cfg: RoundConfig, plan: Plan, desired: WatchDesired): { phase: ErrorPhase; message: string } | undefined {
  const errors = desired.state.diagnostics.filter((d) => d.severity === 'error');
  if (desired.errored) {
    const first = errors[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
    const text = first ? `; the first: ${where}${first.message}` : '';
    return { phase: 'input', message: `the input has ${errors.length} error(s)${text}. Nothing is applied or pruned until they are fixed` };
  }
  if (cfg.gateway && !desired.inputGateways.includes(cfg.gateway)) return { phase: 'refused', message: gatewayNotInInputText(cfg.gateway, desired.inputGateways) };
  if (cfg.prune && desired.inputGateways.length === 0) return { phase: 'refused', message: pruneWithoutGatewaysText('watch') };
  if (!cfg.apply) return undefined;
  const managed = lbcManagedChanges(plan, desired.state.snapshot.gateways);
  if (managed.length > 0 && !cfg.takeOver) return { phase: 'refused', message: lbcManagedText(managed) };
  if (!plan.applyable) return { phase: 'refused', message: collisionRefusal(plan.untracked) };
  return undefined;
}
