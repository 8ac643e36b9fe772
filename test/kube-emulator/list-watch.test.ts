/**
 * List (selectors, paging with continue tokens, 410 for an expired token) and watch (initial
 * events, replay from a resourceVersion, selector moves, bookmarks, timeout, 410 Expired in the
 * stream).
 */
import { describe, expect, it } from 'vitest';
import { gateway, GW, KubeClient, useKube } from './helpers.js';
import { startKubeEmulator } from '../../src/kube-emulator/index.js';

const { client, kube } = useKube({ bookmarkIntervalMs: 50 });
const NS = `${GW}/namespaces/default/gateways`;

interface WatchEvent {
  type: string;
  object: { metadata: { name?: string; resourceVersion: string; annotations?: Record<string, string> }; code?: number; reason?: string };
}

/** Reads a watch stream until it ends or `count` events arrived. */
async function readWatch(endpoint: string, path: string, count: number, during?: () => Promise<void>): Promise<WatchEvent[]> {
  const controller = new AbortController();
  const res = await fetch(`${endpoint}${path}`, { signal: controller.signal });
  const reader = res.body!.getReader();
  const events: WatchEvent[] = [];
  let buffer = '';
  const pending = during?.();
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buffer.slice(0, nl)) as WatchEvent);
        buffer = buffer.slice(nl + 1);
      }
    }
  } finally {
    controller.abort();
  }
  await pending;
  return events;
}

describe('list', () => {
  it('filters by label and field selectors and pages with opaque continue tokens at one resourceVersion', async () => {
    for (const n of ['l1', 'l2', 'l3', 'l4']) await client().post(NS, gateway(n, { metadata: { name: n, labels: { page: 'yes', idx: n } } }));
    const first = (await client().get(`${NS}?labelSelector=page%3Dyes&limit=3`)).body;
    expect(first.kind).toBe('GatewayList');
    expect(first.items.map((g: { metadata: { name: string } }) => g.metadata.name)).toEqual(['l1', 'l2', 'l3']);
    expect(first.metadata.remainingItemCount).toBe(1);
    // A change after the first page is not in the second: the list is consistent at its resourceVersion.
    await client().delete(`${NS}/l4`);
    const second = (await client().get(`${NS}?labelSelector=page%3Dyes&limit=3&continue=${first.metadata.continue}`)).body;
    expect(second.items.map((g: { metadata: { name: string } }) => g.metadata.name)).toEqual(['l4']);
    expect(second.metadata.continue).toBeUndefined();
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    const notIn = (await client().get(`${NS}?labelSelector=${encodeURIComponent('page,idx notin (l1,l2)')}`)).body;
    expect(notIn.items.map((g: { metadata: { name: string } }) => g.metadata.name)).toEqual(['l3']);
    const byName = (await client().get(`${GW}/gateways?fieldSelector=metadata.name%3Dl2`)).body;
    expect(byName.items.map((g: { metadata: { namespace: string } }) => g.metadata.namespace)).toEqual(['default']);
    expect((await client().get(`${NS}?continue=garbage`)).body).toMatchObject({ code: 400, reason: 'BadRequest' });
  });

  it('answers 410 Expired for a continue token older than the retained history', async () => {
    const small = await startKubeEmulator({ historySize: 2 });
    try {
      const c = new KubeClient(small.endpoint);
      for (const n of ['a', 'b', 'c']) await c.post(NS, gateway(n));
      const first = (await c.get(`${NS}?limit=1`)).body;
      for (const n of ['d', 'e', 'f']) await c.post(NS, gateway(n));
      const r = await c.get(`${NS}?limit=1&continue=${first.metadata.continue}`);
      expect(r.status).toBe(410);
      expect(r.body).toMatchObject({ reason: 'Expired', code: 410 });
      expect(r.body.message).toMatch(/^The provided continue parameter is too old to display a consistent list result/);
    } finally {
      await small.close();
    }
  });
});

describe('watch', () => {
  it('opens with ADDED for current objects, then streams changes; objects leaving the selector are DELETED', async () => {
    await client().post(NS, gateway('w1', { metadata: { name: 'w1', labels: { watch: 'me' } } }));
    const events = await readWatch(kube().endpoint, `${NS}?watch=true&labelSelector=watch%3Dme`, 4, async () => {
      await new Promise((r) => setTimeout(r, 50));
      await client().post(NS, gateway('w2', { metadata: { name: 'w2', labels: { watch: 'me' } } }));
      await client().patch(`${NS}/w1`, { spec: { gatewayClassName: 'changed' } });
      await client().patch(`${NS}/w2`, { metadata: { labels: { watch: 'no' } } });
    });
    expect(events.filter((e) => e.type !== 'BOOKMARK').map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED w1', 'ADDED w2', 'MODIFIED w1', 'DELETED w2']);
  });

  it('replays changes after a resourceVersion (watch=1) and sends bookmarks and a final one at timeoutSeconds', async () => {
    const rv = (await client().post(NS, gateway('r1'))).body.metadata.resourceVersion;
    await client().delete(`${NS}/r1`);
    const events = await readWatch(kube().endpoint, `${NS}?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`, 100);
    expect(events[0]).toMatchObject({ type: 'DELETED', object: { metadata: { name: 'r1' } } });
    const bookmarks = events.filter((e) => e.type === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThanOrEqual(2);
    expect(events[events.length - 1]!.type).toBe('BOOKMARK');
    expect(Number(bookmarks[0]!.object.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
  });

  it('ends the initial events with the initial-events-end bookmark when sendInitialEvents=true', async () => {
    const events = await readWatch(kube().endpoint, `${GW}/gatewayclasses?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`, 1);
    expect(events[0]).toMatchObject({ type: 'BOOKMARK', object: { metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } } });
  });

  it('sends one-row Tables when kubectl get --watch asks for them', async () => {
    const res = await fetch(`${kube().endpoint}${GW}/gatewayclasses?watch=true`, { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } });
    await client().post(`${GW}/gatewayclasses`, { metadata: { name: 'tabled' }, spec: { controllerName: 'gateway.k8s.aws/alb' } });
    const reader = res.body!.getReader();
    const first = JSON.parse(new TextDecoder().decode((await reader.read()).value).split('\n')[0]!);
    await reader.cancel();
    expect(first).toMatchObject({ type: 'ADDED', object: { kind: 'Table', rows: [{ cells: ['tabled', 'gateway.k8s.aws/alb', 'Unknown', expect.stringMatching(/^\d+s$/)] }] } });
  });

  it('rejects a resourceVersion that is not a number (400)', async () => {
    expect((await client().get(`${NS}?watch=true&resourceVersion=abc`)).body).toMatchObject({ code: 400, message: 'invalid resource version: abc' });
  });

  it('sends an ERROR event with a 410 Expired Status for a resourceVersion older than the history', async () => {
    const small = await startKubeEmulator({ historySize: 1 });
    try {
      const c = new KubeClient(small.endpoint);
      const rv = (await c.post(NS, gateway('x'))).body.metadata.resourceVersion;
      for (const n of ['y', 'z']) await c.post(NS, gateway(n));
      const events = await readWatch(small.endpoint, `${NS}?watch=true&resourceVersion=${rv}`, 5);
      expect(events).toEqual([{ type: 'ERROR', object: expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired' }) }]);
    } finally {
      await small.close();
    }
  });
});
