/**
 * The cluster trigger of `gwlb watch --from-cluster` (issue 11 item 1): gwlb's own
 * list-then-watch of every kind gwlb reads (kube-watch-kind.ts; not client-node's ListWatch or
 * informers, which neither back off nor ask for bookmarks), an in-memory copy of the objects, and
 * what the loop needs from it:
 *
 *   const cw = await startClusterWatch({ client });
 *   await cw.synced();                        // every kind listed once
 *   for await (const c of cw.changes()) ...   // {kind, namespace, name, type}
 *   if (cw.health().blind.length === 0) plan deletions; else plan nothing for deletion
 *   const loaded = await cw.snapshot();       // a LoadResult, as a one-shot --from-cluster read
 *   await cw.stop();
 *
 * A kind is "blind" while a list or watch of it fails: its objects may be stale, and an object
 * missing from them may exist, so the loop must not plan a deletion from them (issue 11: "a
 * failed read is never absent"). Secrets are never listed or watched: snapshot() GETs the ones
 * ListenerRuleConfigurations name, each time.
 */
import { setMaxListeners } from 'node:events';
import type { Diagnostic } from '../diagnostics.js';
import type { KubeClient } from '../source/cluster/client.js';
import { discover } from '../source/cluster/discovery.js';
import { assemble } from '../source/cluster/read.js';
import type { LoadResult } from '../source/snapshot.js';
import { clusterUnits, type ClusterUnits } from './cluster-units.js';
import { CLIENT_GO_BACKOFF, REAL_CLOCK, type BackoffOptions, type Clock } from './backoff.js';
import { KindCache, type ClusterChange } from './kube-watch-cache.js';
import { runKind } from './kube-watch-kind.js';

export type { ClusterChange } from './kube-watch-cache.js';

/** One kind's state: never listed yet, current (a list or watch succeeded), or blind since a failure. */
export type KindHealth = { readonly state: 'syncing' } | { readonly state: 'synced' } | { readonly state: 'blind'; readonly since: number; readonly error: string };

export interface ClusterHealth {
  readonly kinds: Readonly<Record<string, KindHealth>>;
  /** Kinds not current (syncing or blind): while any, nothing may be planned for deletion. */
  readonly blind: readonly string[];
}

export interface ClusterWatchStats {
  readonly lists: number;
  readonly relists: number;
  readonly watches: number;
  /** Attempts (list or watch) that followed a failure. */
  readonly reconnects: number;
}

/** What listeners hear: a changed object, or a kind's health changing (a round after recovery). */
export type ClusterWatchEvent = { readonly type: 'change'; readonly change: ClusterChange } | { readonly type: 'health'; readonly kind: string; readonly health: KindHealth };

export interface ClusterWatchOptions {
  readonly client: KubeClient;
  readonly backoff?: BackoffOptions;
  /** `timeoutSeconds` of each watch before jitter (default 300, client-go's minimum watch timeout). */
  readonly timeoutSeconds?: number;
  readonly random?: () => number;
  /** What the backoff waits on (tests: a virtual clock); real time by default. */
  readonly clock?: Clock;
}

export interface ClusterWatch {
  /** Resolves once every kind has been listed (it may be blind again later). */
  synced(): Promise<void>;
  snapshot(): Promise<LoadResult>;
  /** The same input as units for the incremental engine (cluster-units.ts): what changed is decoded, not the rest. */
  units(): Promise<ClusterUnits>;
  /** Changed objects from now on, until stop(). */
  changes(): AsyncIterableIterator<ClusterChange>;
  /** Every event, from now on; returns the unsubscribe function. */
  subscribe(listener: (e: ClusterWatchEvent) => void): () => void;
  health(): ClusterHealth;
  stats(): ClusterWatchStats;
  stop(): Promise<void>;
}

/** Discovers the served kinds (a ClusterError when that fails, as a one-shot read) and starts watching each. */
export async function startClusterWatch(opts: ClusterWatchOptions): Promise<ClusterWatch> {
  const { served, notServed } = await discover(opts.client);
  const clock = opts.clock ?? REAL_CLOCK;
  const caches = served.map((k) => new KindCache(k));
  const health = new Map<string, KindHealth>(served.map((k) => [k.sourceKind, { state: 'syncing' }]));
  const warnings = new Map<string, Diagnostic>();
  const counts = { lists: 0, relists: 0, watches: 0, reconnects: 0 };
  const listeners = new Set<(e: ClusterWatchEvent) => void>();
  const emit = (e: ClusterWatchEvent) => {
    for (const l of [...listeners]) l(e);
  };
  let allSynced: () => void = () => {};
  const syncedOnce = new Promise<void>((resolve) => (allSynced = resolve));
  const setHealth = (kind: string, h: KindHealth) => {
    const was = health.get(kind);
    if (was?.state === h.state && h.state !== 'blind') return;
    health.set(kind, h);
    emit({ type: 'health', kind, health: h });
    if ([...health.values()].every((x) => x.state === 'synced')) allSynced();
  };
  if (served.length === 0) allSynced();

  const abort = new AbortController();
  // Every kind's loop waits on it (sleeps and open requests): more listeners than Node's default 10.
  setMaxListeners(0, abort.signal);
  const loops = caches.map((cache) =>
    runKind({
      client: opts.client,
      cache,
      backoff: opts.backoff ?? CLIENT_GO_BACKOFF,
      timeoutSeconds: opts.timeoutSeconds ?? 300,
      random: opts.random ?? Math.random,
      clock,
      signal: abort.signal,
      onChange: (change) => emit({ type: 'change', change }),
      onSynced: () => setHealth(cache.kind.sourceKind, { state: 'synced' }),
      onBlind: (error) => {
        const was = health.get(cache.kind.sourceKind);
        setHealth(cache.kind.sourceKind, { state: 'blind', since: was?.state === 'blind' ? was.since : clock.now(), error });
      },
      onForbidden: (warning) => warnings.set(cache.kind.sourceKind, warning),
      count: (what) => counts[what]++,
    }),
  );

  const subscribe = (listener: (e: ClusterWatchEvent) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };

  return {
    synced: () => syncedOnce,
    async snapshot() {
      const raws = caches.flatMap((c) => c.raws());
      return assemble(opts.client, raws, [...warnings.values()], notServed);
    },
    units: () =>
      clusterUnits({
        client: opts.client,
        units: caches.flatMap((c) => c.units()),
        listenerRuleConfigs: caches.filter((c) => c.kind.sourceKind === 'ListenerRuleConfiguration').flatMap((c) => c.raws()),
        warnings: [...warnings.values()],
        notServed,
      }),
    changes: () => changeQueue(subscribe, abort.signal),
    subscribe,
    health() {
      const kinds = Object.fromEntries(health);
      return { kinds, blind: Object.entries(kinds).filter(([, h]) => h.state !== 'synced').map(([k]) => k) };
    },
    stats: () => ({ ...counts }),
    async stop() {
      abort.abort();
      await Promise.all(loops);
      listeners.clear();
    },
  };
}

/** Changes as an async iterator: buffered while nobody awaits, ended by stop(). */
function changeQueue(subscribe: (l: (e: ClusterWatchEvent) => void) => () => void, signal: AbortSignal): AsyncIterableIterator<ClusterChange> {
  const buffered: ClusterChange[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = subscribe((e) => {
    if (e.type !== 'change') return;
    buffered.push(e.change);
    wake?.();
  });
  const ended = () => wake?.();
  signal.addEventListener('abort', ended);
  const finish = (): IteratorResult<ClusterChange> => {
    unsubscribe();
    signal.removeEventListener('abort', ended);
    return { done: true, value: undefined };
  };
  const iterator: AsyncIterableIterator<ClusterChange> = {
    async next() {
      while (buffered.length === 0) {
        if (signal.aborted) return finish();
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      return { done: false, value: buffered.shift()! };
    },
    async return() {
      return finish();
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
