/**
 * `gwlb watch --from-cluster`: the cluster watch (kube-watch.ts) as what the loop plugs in — a
 * trigger source (each batch of changed objects is a `cluster` trigger, through the debouncer), the
 * round's input (the watch's in-memory objects, `snapshot()`, so a round lists nothing), and the
 * blind rule: while any kind is not current, `blind()` names it and the round plans nothing
 * (round.ts), since an object missing from a stale copy may exist and would be planned for
 * deletion (issue 11: "a failed read is never absent"). When a kind becomes current again, a
 * `cluster` trigger starts a round at once rather than at the next retry.
 */
import { connectKube, type KubeClient } from '../source/cluster/client.js';
import type { KubeconfigOptions } from '../source/cluster/kubeconfig.js';
import type { ClusterUnits } from './cluster-units.js';
import { startClusterWatch, type ClusterChange, type ClusterWatch, type ClusterWatchOptions, type ClusterWatchStats } from './kube-watch.js';
import { iterableSource, type Trigger, type TriggerSource } from './triggers.js';

export interface ClusterSource {
  readonly kube: KubeconfigOptions;
  /** The client the watch uses; status write-back goes through it too. */
  readonly client: KubeClient;
  readonly sources: readonly TriggerSource[];
  /** The watch's objects as units: each round decodes only what changed (cluster-units.ts). */
  readonly readInput: () => Promise<{ readonly units: ClusterUnits }>;
  /** Resolves once every kind has been listed: the first round waits for it (it may never come). */
  synced(): Promise<void>;
  /** Kinds whose objects may be stale (syncing or blind); empty when every kind is current. */
  blind(): readonly string[];
  stats(): ClusterWatchStats;
  stop(): Promise<void>;
}

/** `Kind ns/name` (or `Kind name`), as a `cluster` trigger lists objects. */
export function changeName(c: ClusterChange): string {
  return `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
}

/**
 * Connects and starts the watch (discovery fails as a one-shot read does); the first round waits
 * for `synced()`, so it sees every kind. `options`: the backoff's clock and randomness (tests).
 */
export async function openClusterSource(kube: KubeconfigOptions, onError: (err: unknown) => void, options: Omit<ClusterWatchOptions, 'client'> = {}): Promise<ClusterSource> {
  const client = await connectKube(kube);
  const watch = await startClusterWatch({ ...options, client });
  return {
    kube,
    client,
    sources: [iterableSource(changeTriggers(watch), onError), recoveryTriggers(watch)],
    readInput: async () => ({ units: await watch.units() }),
    synced: () => watch.synced(),
    blind: () => watch.health().blind,
    stats: () => watch.stats(),
    stop: () => watch.stop(),
  };
}

async function* changeTriggers(watch: ClusterWatch): AsyncGenerator<Trigger> {
  for await (const change of watch.changes()) yield { kind: 'cluster', objects: [changeName(change)] };
}

/** A kind current again after being blind: a round now, as the objects may have changed unseen. */
function recoveryTriggers(watch: ClusterWatch): TriggerSource {
  return {
    start(emit) {
      const wasBlind = new Set<string>();
      return watch.subscribe((e) => {
        if (e.type !== 'health') return;
        if (e.health.state === 'blind') wasBlind.add(e.kind);
        else if (e.health.state === 'synced' && wasBlind.delete(e.kind)) emit({ kind: 'cluster', objects: [`${e.kind} (relisted)`] });
      });
    },
  };
}
