/**
 * One kind's list-then-watch loop, as client-go's reflector runs it (tools/cache/reflector.go
 * ListAndWatch) but with gwlb's client: a paginated list, then a watch from the list's
 * resourceVersion with bookmarks and a jittered `timeoutSeconds`; a watch the server ends is
 * re-opened from the last resourceVersion seen (an event's or a bookmark's); 410 Gone — as the
 * answer or as an ERROR event inside the stream — means the history is compacted: list again.
 * Every failure waits for the backoff before the next attempt and leaves the kind "blind" until
 * a list or watch succeeds again: its objects may be stale and must not be read as absent.
 */
import type { KubeClient, KubeReply, KubeStream } from '../source/cluster/client.js';
import type { ServedKind } from '../source/cluster/discovery.js';
import { ClusterError } from '../source/cluster/errors.js';
import { failedRequest } from '../source/cluster/messages.js';
import { forbiddenKind, listKind } from '../source/cluster/read.js';
import type { Diagnostic } from '../diagnostics.js';
import { Backoff, jittered, type BackoffOptions, type Clock } from './backoff.js';
import { type ChangeType, type ClusterChange, type KindCache } from './kube-watch-cache.js';

export interface KindLoopOptions {
  readonly client: KubeClient;
  readonly cache: KindCache;
  readonly backoff: BackoffOptions;
  /** The watch's `timeoutSeconds` before jitter (client-go: 5 min × [1, 2)). */
  readonly timeoutSeconds: number;
  readonly random: () => number;
  /** What the backoff waits on and the very-short-watch rule measures with. */
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** The loop reports through these; the composition (kube-watch.ts) keeps health and counts. */
  readonly onChange: (c: ClusterChange) => void;
  readonly onSynced: () => void;
  readonly onBlind: (error: string) => void;
  /** A kind RBAC hides that gwlb can do without: read as empty, with this warning. */
  readonly onForbidden: (warning: Diagnostic) => void;
  readonly count: (what: 'lists' | 'watches' | 'relists' | 'reconnects') => void;
}

/** How one watch ended: the server closed it (re-watch from `rv`), or its history is gone (relist). */
type WatchEnd = { readonly end: 'closed'; readonly events: number } | { readonly end: 'expired' };

/** Where the kind's objects are current to: the list's resourceVersion, then each event's and bookmark's. */
interface Progress {
  rv: string | undefined;
}

/** A watch that the server closes within a second without a single event is a failure (reflector.go "very short watch"). */
const VERY_SHORT_WATCH_MS = 1000;

function watchPath(k: ServedKind, rv: string, timeoutSeconds: number): string {
  const base = k.group === '' ? `/api/${k.version}/${k.plural}` : `/apis/${k.group}/${k.version}/${k.plural}`;
  return `${base}?watch=true&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(rv)}&timeoutSeconds=${timeoutSeconds}`;
}

const isExpired = (status: unknown): boolean => (status as { code?: unknown } | undefined)?.code === 410;

function resourceVersionOf(object: Record<string, unknown>): string | undefined {
  const rv = (object['metadata'] as { resourceVersion?: unknown } | undefined)?.resourceVersion;
  return typeof rv === 'string' && rv !== '' ? rv : undefined;
}

export async function runKind(o: KindLoopOptions): Promise<void> {
  const k = o.cache.kind;
  const backoff = new Backoff(o.backoff, o.random, () => o.clock.now());
  const at: Progress = { rv: undefined };
  let listedOnce = false;
  let failed = false;
  while (!o.signal.aborted) {
    try {
      // One attempt per failure counts as a reconnect, whether it is a relist or a re-watch.
      if (failed) o.count('reconnects');
      failed = false;
      if (at.rv === undefined) {
        o.count('lists');
        if (listedOnce) o.count('relists');
        const listed = await listKind(o.client, k, o.signal);
        if ('forbidden' in listed) {
          o.onForbidden(forbiddenKind(o.client, k)); // throws for a kind gwlb cannot do without
          o.cache.replace([]);
          o.onSynced();
          return; // nothing to watch; RBAC is read again by the next command
        }
        const changes = o.cache.replace(listed.items);
        if (listedOnce) for (const c of changes) o.onChange(c);
        listedOnce = true;
        at.rv = listed.resourceVersion;
        o.onSynced();
      }
      const started = o.clock.now();
      const ended = await watchOnce(o, at);
      if (ended.end === 'expired') {
        // Not a read failure: the objects held are as of `at.rv`; only the way to continue is gone.
        at.rv = undefined;
        await o.clock.sleep(backoff.next(), o.signal);
        continue;
      }
      if (ended.events === 0 && o.clock.now() - started < VERY_SHORT_WATCH_MS) throw new ClusterError(`the watch of ${k.sourceKind} closed within a second without events`);
    } catch (err) {
      if (o.signal.aborted) return;
      failed = true;
      o.onBlind(err instanceof Error ? err.message : String(err));
      await o.clock.sleep(backoff.next(), o.signal);
    }
  }
}

async function watchOnce(o: KindLoopOptions, at: Progress): Promise<WatchEnd> {
  const k = o.cache.kind;
  const timeoutSeconds = jittered(o.timeoutSeconds, 1, o.random);
  const path = watchPath(k, at.rv ?? '', timeoutSeconds);
  o.count('watches');
  let opened: KubeReply | KubeStream;
  try {
    opened = await o.client.stream(path, { idleTimeoutMs: timeoutSeconds * 1000 + 30_000, signal: o.signal });
  } catch (err) {
    if (o.signal.aborted) return { end: 'closed', events: 0 };
    throw err;
  }
  if (!('events' in opened)) {
    if (opened.status === 410) return { end: 'expired' };
    throw new ClusterError(failedRequest(o.client, `watch ${k.sourceKind} at`, path, opened));
  }
  // The watch is open: what the kind holds is current as of `at.rv`, and the events bring it on.
  o.onSynced();
  let events = 0;
  try {
    for await (const raw of opened.events) {
      const e = raw as { type?: unknown; object?: Record<string, unknown> };
      const object = e.object ?? {};
      switch (e.type) {
        case 'ADDED':
        case 'MODIFIED':
        case 'DELETED': {
          events++;
          const change = o.cache.apply(e.type as ChangeType, object);
          at.rv = resourceVersionOf(object) ?? at.rv;
          if (change) o.onChange(change);
          break;
        }
        case 'BOOKMARK':
          events++;
          at.rv = resourceVersionOf(object) ?? at.rv;
          break;
        case 'ERROR':
          if (isExpired(object)) return { end: 'expired' };
          throw new ClusterError(failedRequest(o.client, `watch ${k.sourceKind} at`, path, { status: Number((object as { code?: unknown }).code) || 500, body: object }));
        default:
          // An event type this client does not know: skipped, as client-go's decoder rejects it.
          break;
      }
    }
  } catch (err) {
    if (o.signal.aborted) return { end: 'closed', events };
    throw err;
  }
  return { end: 'closed', events };
}
