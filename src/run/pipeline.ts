/**
 * The shared front half of every command: read manifests, resolve them, and (for model, plan,
 * apply, explain) build the desired stacks. Commands differ only in what they do with the result.
 */
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { loadManifests } from '../source/load.js';
import type { LoadResult, Snapshot } from '../source/snapshot.js';
import { buildStacks, type DeployFailure } from '../model/index.js';
import { OFFLINE_FACTS, type DiscoveryFacts } from '../model/discovery.js';
import type { Stack } from '../model/stack.js';
import { resolve, type LoadBalancerState, type Resolution } from '../resolve/index.js';
import { withBuildFailures } from '../resolve/statuses.js';
import { nsName } from '../source/kube.js';
import type { GwlbSettings } from './settings.js';

export interface InputOptions {
  /** `-f` paths: files, directories, `-` for stdin. */
  readonly files: readonly string[];
  readonly settings: GwlbSettings;
  /** Load balancer state per Gateway `ns/name`, when observed; otherwise "provisioning". */
  readonly loadBalancerStates?: ReadonlyMap<string, LoadBalancerState>;
  readonly stdin?: NodeJS.ReadableStream;
  /** Objects already read (--from-cluster): used instead of `files`. */
  readonly loaded?: LoadResult;
}

export interface InputState {
  readonly snapshot: Snapshot;
  readonly skipped: LoadResult['skipped'];
  readonly resolution: Resolution;
  /** Settings, source and resolve diagnostics, in that order. */
  readonly diagnostics: readonly Diagnostic[];
}

export async function inputState(opts: InputOptions): Promise<InputState> {
  const loaded = opts.loaded ?? (await loadManifests(opts.files, opts.stdin));
  const resolution = resolve(loaded.snapshot, {
    controllerNames: opts.settings.controllerNames,
    listenerSets: opts.settings.cluster.featureGates.GatewayListenerSet,
    gatewayClasses: opts.settings.cluster.gatewayClasses,
    ...(opts.loadBalancerStates ? { loadBalancerStates: opts.loadBalancerStates } : {}),
  });
  return {
    snapshot: loaded.snapshot,
    skipped: loaded.skipped,
    resolution,
    diagnostics: [...opts.settings.diagnostics, ...loaded.diagnostics, ...resolution.diagnostics],
  };
}

/**
 * `ns/name` of every Gateway in the input, whether or not gwlb builds it (unknown class, errors,
 * `--gateway`): none of them is ever "absent from the input", so none is pruned.
 */
export function inputGatewayIds(state: Pick<InputState, 'snapshot'>): string[] {
  return state.snapshot.gateways.map((g) => nsName(g));
}

export interface DesiredOptions extends InputOptions {
  /** Discovery facts from AWS or the sandbox; omitted → offline (discovered values unknown). */
  readonly facts?: DiscoveryFacts;
  /** Only this Gateway (`ns/name`), as `--gateway`. */
  readonly gateway?: string;
  readonly offline?: boolean;
}

export interface DesiredState extends InputState {
  readonly stacks: readonly Stack[];
  /** Gateways (`ns/name`) whose model builds but whose deploy AWS would reject: the event LBC records. */
  readonly deployFailures: ReadonlyMap<string, DeployFailure>;
}

/**
 * Input → desired stacks. A Gateway whose model build fails gets no stack and the status LBC
 * writes then (`Accepted=False/Invalid`), so `explain` shows what LBC would show.
 */
export async function desiredState(opts: DesiredOptions): Promise<DesiredState> {
  const input = await inputState(opts);
  const { snapshot } = input;
  const built = buildStacks(input.resolution, {
    facts: opts.facts ?? OFFLINE_FACTS,
    settings: opts.settings.cluster,
    endpointSlices: snapshot.endpointSlices,
    nodes: snapshot.nodes,
    secrets: snapshot.secrets,
  });
  const withStack = new Set(built.stacks.map((s) => s.id));
  const failed = new Set(
    input.resolution.gateways.filter((g) => !g.fatal && !withStack.has(nsName(g.gateway))).map((g) => nsName(g.gateway)),
  );
  const resolution = withBuildFailures(input.resolution, failed);
  const stacks = opts.gateway ? built.stacks.filter((s) => s.id === opts.gateway) : built.stacks;
  return { ...input, resolution, stacks, deployFailures: built.deployFailures, diagnostics: [...input.diagnostics, ...built.diagnostics] };
}

/** What the live plan needs of a desired state: the stacks, the Gateways in the input, and whether errors block an apply. */
export function desiredInput(state: DesiredState) {
  return { state, stacks: state.stacks, inputGateways: inputGatewayIds(state), errored: hasErrors(state.diagnostics) };
}
