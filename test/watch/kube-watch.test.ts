/**
 * The cluster watch (issue 11 item 1) against the local Kubernetes API in this process: the
 * initial sync equals a one-shot read, events keep the copy current, and it survives the faults
 * the issue names — watches cut every second, 410 Gone, the API down for a while — backing off,
 * blind while it cannot read, then converging. Backoff and outages are short so the file is quick.
 */
import { describe, expect, it } from 'vitest';
import { connectKube, type KubeClient } from '../../src/source/cluster/client.js';
import { readCluster } from '../../src/source/cluster/read.js';
import type { LoadResult } from '../../src/source/snapshot.js';
import { Backoff, type BackoffOptions } from '../../src/watch/backoff.js';
import { startClusterWatch, type ClusterChange, type ClusterWatch } from '../../src/watch/kube-watch.js';
import { RESOURCES, type KubeEmulatorOptions } from '../../src/kube-emulator/index.js';
import { create, createFrom, startCluster, type Cluster } from '../cluster/helpers.js';
import { stoppedAfterEach } from './running.js';

const FAST: BackoffOptions = { initialMs: 50, maxMs: 400, resetAfterMs: 60_000, factor: 2, jitter: 0.5 };
const env = { home: '/nonexistent', serviceAccountDir: '/nonexistent' };
const GATEWAYS = '/apis/gateway.networking.k8s.io/v1/gateways';
const ROUTES = '/apis/gateway.networking.k8s.io/v1/namespaces/example-ns/httproutes';
const HTTPROUTES = RESOURCES.find((r) => r.kind === 'HTTPRoute')!;

const running = stoppedAfterEach();

async function setUp(options: KubeEmulatorOptions = {}): Promise<{ c: Cluster; client: KubeClient; cw: ClusterWatch }> {
  const c = await startCluster(options);
  const entry: { c: Cluster; cw?: ClusterWatch } = { c };
  running.push(entry);
  await createFrom(c.kube, 'examples/alb-http-https');
  await createFrom(c.kube, 'test/fixtures/oidc-secret/gateway.yaml');
  await createFrom(c.kube, 'test/fixtures/oidc-secret/secret-v1.yaml');
  const client = await connectKube({ kubeconfig: c.kubeconfig }, env);
  const cw = await startClusterWatch({ client, backoff: FAST });
  entry.cw = cw;
  await cw.synced();
  return { c, client, cw };
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The snapshot as data (origins hold functions), for comparing two reads. */
const plain = (l: LoadResult): unknown => JSON.parse(JSON.stringify(l));
const routeNames = async (cw: ClusterWatch): Promise<string[]> => (await cw.snapshot()).snapshot.httpRoutes.map((r) => r.metadata.name).sort();

function route(name: string): Record<string, unknown> {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'example-ns' },
    spec: { parentRefs: [{ name: 'my-alb-gateway' }], rules: [{ backendRefs: [{ name: 'service-blue', port: 80 }] }] },
  };
}

/** The resourceVersion each watch of `path` started from, in order. */
function watchVersions(c: Cluster, path: string): number[] {
  return c.kube.faults.requests
    .filter((r) => r.path.startsWith(`${path}?`) && r.path.includes('watch=true'))
    .map((r) => Number(new URLSearchParams(r.path.split('?')[1]).get('resourceVersion')));
}

describe('cluster watch', () => {
  it('syncs to what a one-shot read gives, watching with bookmarks and a jittered timeout, never listing Secrets', async () => {
    const { c, client, cw } = await setUp();
    expect(plain(await cw.snapshot())).toEqual(plain(await readCluster(client)));
    expect(cw.health().blind).toEqual([]);
    await waitFor('the Gateway watch', () => c.kube.faults.watchCount(GATEWAYS) === 1);
    const watch = new URLSearchParams(c.kube.faults.requests.find((r) => r.path.startsWith(`${GATEWAYS}?watch=true`))!.path.split('?')[1]);
    expect(watch.get('allowWatchBookmarks')).toBe('true');
    expect(Number(watch.get('timeoutSeconds'))).toBeGreaterThanOrEqual(300);
    expect(Number(watch.get('timeoutSeconds'))).toBeLessThan(600);
    const secrets = c.kube.faults.requests.filter((r) => r.method === 'GET' && r.path.includes('secrets')).map((r) => r.path);
    expect(new Set(secrets)).toEqual(new Set(['/api/v1/namespaces/auth/secrets/oidc-client']));
    expect(cw.stats()).toMatchObject({ relists: 0, reconnects: 0 });
  });

  it('reports ADDED, MODIFIED and DELETED and keeps its copy current', async () => {
    const { c, cw } = await setUp();
    const seen: ClusterChange[] = [];
    const reading = (async () => {
      for await (const change of cw.changes()) if (change.kind === 'HTTPRoute' && change.name === 'added') seen.push(change);
    })();
    await create(c.kube, route('added'));
    await waitFor('ADDED', () => seen.length === 1);
    const patched = await fetch(`${c.kube.endpoint}${ROUTES}/added`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ spec: { hostnames: ['a.example.com'] } }) });
    expect(patched.status).toBe(200);
    await waitFor('MODIFIED', () => seen.length === 2);
    expect((await cw.snapshot()).snapshot.httpRoutes.find((r) => r.metadata.name === 'added')?.spec.hostnames).toEqual(['a.example.com']);
    expect((await fetch(`${c.kube.endpoint}${ROUTES}/added`, { method: 'DELETE' })).status).toBe(200);
    await waitFor('DELETED', () => seen.length === 3);
    expect(seen.map((s) => s.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(seen[0]).toEqual({ kind: 'HTTPRoute', namespace: 'example-ns', name: 'added', type: 'ADDED' });
    expect(await routeNames(cw)).not.toContain('added');
    await cw.stop();
    await reading; // stop() ends the iteration
  });

  it('recovers from watches cut every second, reconnecting no faster than the backoff allows', async () => {
    const { c, cw } = await setUp();
    c.kube.faults.clearRequests();
    c.kube.faults.dropWatchesAfter(1000);
    c.kube.faults.dropWatches();
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 1200));
    await create(c.kube, route('during-drops'));
    await waitFor('the route seen through the drops', async () => (await routeNames(cw)).includes('during-drops'));
    await new Promise((r) => setTimeout(r, Math.max(0, 2500 - (Date.now() - started))));
    const elapsed = Date.now() - started;
    c.kube.faults.dropWatchesAfter(undefined);
    expect(cw.stats().reconnects).toBeGreaterThan(0);
    // Each watch lives 1 s and each failure waits at least the backoff, so one kind reconnects at
    // most once per (1 s + 50 ms); no relist is needed, as each watch resumes from the last version.
    const watches = c.kube.faults.watchCount(GATEWAYS);
    expect(watches).toBeGreaterThanOrEqual(2);
    expect(watches).toBeLessThanOrEqual(Math.ceil(elapsed / 1050) + 1);
    expect(cw.stats().relists).toBe(0);
    const kinds = Object.keys(cw.health().kinds).length;
    expect(cw.stats().reconnects).toBeLessThanOrEqual(kinds * (Math.ceil((Date.now() - started) / 1050) + 1));
    await waitFor('every kind synced', () => cw.health().blind.length === 0);
  });

  it('relists on 410 Gone, in the stream or as the answer, and ends with the cluster’s objects', async () => {
    const { c, cw } = await setUp();
    const changes: ClusterChange[] = [];
    cw.subscribe((e) => e.type === 'change' && changes.push(e.change));
    for (const as of ['event', 'status'] as const) {
      c.kube.faults.expireWatches({ as });
      c.kube.faults.dropWatches();
      await waitFor('a relist', () => cw.stats().relists > 0);
      // Changed while every watch is refused: only a relist can find these.
      await create(c.kube, route(`after-410-${as}`));
      c.kube.store.remove(HTTPROUTES, 'example-ns', as === 'event' ? 'http-route-blue' : 'http-route-orange');
      await new Promise((r) => setTimeout(r, 300));
      c.kube.faults.stopExpiringWatches();
      await waitFor(`the cache after 410 (${as})`, async () => (await routeNames(cw)).includes(`after-410-${as}`));
    }
    const client = await connectKube({ kubeconfig: c.kubeconfig }, env);
    expect(plain(await cw.snapshot())).toEqual(plain(await readCluster(client)));
    expect(changes).toContainEqual({ kind: 'HTTPRoute', namespace: 'example-ns', name: 'after-410-event', type: 'ADDED' });
    expect(changes).toContainEqual({ kind: 'HTTPRoute', namespace: 'example-ns', name: 'http-route-blue', type: 'DELETED' });
    const names = await routeNames(cw);
    expect(names).toEqual(expect.arrayContaining(['after-410-event', 'after-410-status']));
    expect(names).not.toContain('http-route-blue');
    expect(names).not.toContain('http-route-orange');
    // The other kinds were cut too and may still wait out a backoff before their relist.
    await waitFor('every kind current', () => cw.health().blind.length === 0);
  });

  it('is blind while the API is down, backs off, and converges once it is back', async () => {
    const { c, cw } = await setUp();
    const outageMs = 3000;
    c.kube.faults.clearRequests();
    c.kube.faults.down({ forMs: outageMs });
    const started = Date.now();
    await waitFor('blind kinds', () => cw.health().blind.length > 0, 1000);
    expect(cw.health().kinds['Gateway']).toMatchObject({ state: 'blind', error: expect.stringContaining('cannot reach the Kubernetes API') });
    // What changes while gwlb cannot see is found after the outage.
    c.kube.create(route('while-down'));
    await waitFor('recovery', () => cw.health().blind.length === 0, outageMs + 3000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(outageMs - 100);
    await waitFor('the route made during the outage', async () => (await routeNames(cw)).includes('while-down'));
    // Attempts during the outage are spaced by the backoff: for one kind, at most as many as a
    // run of failures can fit into the outage at the shortest delays (no jitter).
    const attempts = c.kube.faults.requests.filter((r) => r.path.startsWith(`${GATEWAYS}?`)).length;
    let fit = 0;
    for (let spent = 0; spent < outageMs + 500; fit++) spent += Backoff.worstCase({ ...FAST, jitter: 0 }, fit + 1) - Backoff.worstCase({ ...FAST, jitter: 0 }, fit);
    expect(attempts).toBeGreaterThan(1);
    expect(attempts).toBeLessThanOrEqual(fit + 2);
    expect(cw.stats().reconnects).toBeGreaterThan(0);
  });

  it('answers 503 while unavailable as blind too, and a bookmark moves the version a watch resumes from', async () => {
    const { c, cw } = await setUp({ bookmarkIntervalMs: 50 });
    await waitFor('the Gateway watch', () => watchVersions(c, GATEWAYS).length === 1);
    const [first] = watchVersions(c, GATEWAYS);
    // Changes to other kinds raise the cluster's resourceVersion; Gateway's watch hears of it only by bookmark.
    for (let i = 0; i < 5; i++) c.kube.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `bump-${i}` } });
    const bumped = c.kube.store.resourceVersion;
    await new Promise((r) => setTimeout(r, 200));
    c.kube.faults.down({ forMs: 500, mode: 'unavailable' });
    // The cut watch fails first; the next attempt is answered 503.
    await waitFor('a 503', () => JSON.stringify(cw.health().kinds['Gateway']).includes('503: the server is currently unable to handle the request'), 1000);
    await waitFor('recovery', () => cw.health().blind.length === 0);
    await waitFor('a second Gateway watch', () => watchVersions(c, GATEWAYS).length >= 2);
    const versions = watchVersions(c, GATEWAYS);
    expect(versions[0]).toBe(first);
    expect(versions.at(-1)!).toBeGreaterThanOrEqual(bumped);
    expect(bumped).toBeGreaterThan(first!);
    expect(cw.stats().relists).toBe(0);
  });
});
