/**
 * `?watch=true`: a stream of newline-delimited `{type, object}` events. Without a
 * resourceVersion (or with "0") it opens with ADDED for every current object; from a
 * resourceVersion it replays the retained changes after it, or sends an ERROR event with a 410
 * Expired Status when they are gone (as the real server does inside the stream, so reflectors
 * relist). With `allowWatchBookmarks` it sends BOOKMARKs periodically and when `timeoutSeconds`
 * ends the stream; `sendInitialEvents=true` ends the initial ADDED events with the
 * `k8s.io/initial-events-end` bookmark (the watch-list protocol).
 */
import type { ServerResponse } from 'node:http';
import type { KubeFaults } from './faults.js';
import { present } from './metadata.js';
import type { Target } from './paths.js';
import { resourceKey } from './resources.js';
import { both, fieldSelector, labelSelector, type Selector } from './selectors.js';
import { badRequest, expired } from './status.js';
import type { KubeObject, KubeStore, StoreEvent } from './store.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchOptions {
  /** How often a BOOKMARK is sent to a watch that allows them. */
  readonly bookmarkIntervalMs: number;
  /** Test faults: watches cut after a while, or answered 410 (faults.ts). */
  readonly faults?: KubeFaults;
}

/** How an event's object is sent: as is, or as a one-row Table for `kubectl get --watch`. */
export type Render = (object: KubeObject) => unknown;

export function isWatch(query: URLSearchParams): boolean {
  const w = query.get('watch');
  return w === 'true' || w === '1';
}

/** The event a watcher of `t` with `select` sees for a change, if any (objects leaving the selection are DELETED). */
function visible(t: Target, select: Selector, e: StoreEvent): { type: WatchEventType; object: KubeObject } | undefined {
  if (e.resource !== resourceKey(t.r)) return undefined;
  const inScope = (o: KubeObject | undefined): boolean => o !== undefined && (t.namespace === undefined || o.metadata.namespace === t.namespace) && select(o);
  const before = e.type !== 'ADDED' && inScope(e.previous);
  const after = e.type !== 'DELETED' && inScope(e.object);
  if (before && after) return { type: 'MODIFIED', object: e.object };
  if (after) return { type: 'ADDED', object: e.object };
  if (before) return { type: 'DELETED', object: e.object };
  return undefined;
}

export function watch(store: KubeStore, t: Target, query: URLSearchParams, res: ServerResponse, options: WatchOptions, render: Render = (o) => o): void {
  const select = both(labelSelector(query.get('labelSelector')), fieldSelector(query.get('fieldSelector')));
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const rawTimeout = Number(query.get('timeoutSeconds') ?? '1800');
  const timeoutSeconds = Number.isFinite(rawTimeout) && rawTimeout >= 0 ? rawTimeout : 1800;
  const rawRv = query.get('resourceVersion');
  if (rawRv !== null && rawRv !== '' && !/^\d+$/.test(rawRv)) throw badRequest(`invalid resource version: ${rawRv}`);
  const initial = rawRv === null || rawRv === '' || rawRv === '0' || query.get('sendInitialEvents') === 'true';
  // Only a watch from a resourceVersion can be too old.
  const expiry = initial ? undefined : options.faults?.takeExpiry();
  if (expiry === 'status') throw expired(`too old resource version: ${rawRv ?? ''} (${store.resourceVersion})`);
  const send = (type: WatchEventType, object: unknown): void => {
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const bookmark = (annotations?: Record<string, string>): void => {
    const metadata = { resourceVersion: String(store.resourceVersion), ...(annotations ? { annotations } : {}) };
    send('BOOKMARK', { kind: t.r.kind, apiVersion: t.apiVersion, metadata });
  };
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
  // Clients wait for the headers before reading; send them even when no event is due yet.
  res.flushHeaders();
  const backlog: { type: WatchEventType; object: KubeObject }[] = [];
  if (initial) {
    for (const o of store.list(t.r, t.namespace)) if (select(o)) backlog.push({ type: 'ADDED', object: o });
  } else {
    const changes = expiry === 'event' ? 'expired' : store.changesSince(t.r, Number(rawRv));
    if (changes === 'expired') {
      const status = expired(`too old resource version: ${rawRv} (${store.oldestResourceVersion})`).status;
      send('ERROR', status);
      res.end();
      return;
    }
    for (const e of changes) {
      const v = visible(t, select, e);
      if (v) backlog.push(v);
    }
  }
  for (const e of backlog) send(e.type, render(present(e.object, t.apiVersion)));
  if (query.get('sendInitialEvents') === 'true' && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });

  const unsubscribe = store.subscribe((e) => {
    const v = visible(t, select, e);
    if (v) send(v.type, render(present(v.object, t.apiVersion)));
  });
  const ticker = bookmarks ? setInterval(() => bookmark(), options.bookmarkIntervalMs) : undefined;
  const timeout = setTimeout(() => {
    if (bookmarks) bookmark();
    res.end();
  }, timeoutSeconds * 1000);
  // A cut, unlike the timeout's end, leaves the chunked answer unfinished: the client sees a broken connection.
  const cut = (): void => void res.destroy();
  const lifetime = options.faults?.watchLifetimeMs;
  const dropper = lifetime === undefined ? undefined : setTimeout(cut, lifetime);
  const unregister = options.faults?.watchOpened(cut);
  const stop = (): void => {
    unsubscribe();
    unregister?.();
    if (ticker) clearInterval(ticker);
    clearTimeout(timeout);
    clearTimeout(dropper);
  };
  // The response's close is the connection going away (the request's fires once its body is read).
  res.once('close', stop);
}
