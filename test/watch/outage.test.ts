/**
 * The outage, 20 s, with client-go's backoff as shipped (800 ms doubling, up to 100%
 * jitter, capped at 30 s), played on a virtual clock (virtual-clock.ts): every kind's attempts
 * while the API is down are counted and each wait checked against the backoff's bounds, the
 * watch is blind throughout, and it converges once the API is back. A 3-minute outage shows the
 * cap. The local Kubernetes API answers in real time; only the watch's waits are virtual.
 */
import { describe, expect, it } from 'vitest';
import { connectKube, type KubeClient } from '../../src/source/cluster/client.js';
import { CLIENT_GO_BACKOFF } from '../../src/watch/backoff.js';
import { startClusterWatch, type ClusterWatch } from '../../src/watch/kube-watch.js';
import { createFrom, startCluster, type Cluster } from '../cluster/helpers.js';
import { seededRandom, VirtualClock, waitReal } from './virtual-clock.js';
import { stoppedAfterEach } from './running.js';

const env = { home: '/nonexistent', serviceAccountDir: '/nonexistent' };

interface Attempt {
  /** The collection path (no query): one kind. */
  readonly path: string;
  readonly at: number;
  readonly watch: boolean;
}

/** The client, logging each list and watch request with the virtual time it was made at. */
function recording(client: KubeClient, clock: VirtualClock, log: Attempt[]): KubeClient {
  const note = (path: string) => {
    const [p, q = ''] = path.split('?');
    log.push({ path: p!, at: clock.now(), watch: new URLSearchParams(q).get('watch') === 'true' });
  };
  return {
    server: client.server,
    context: client.context,
    get: (path, o) => (note(path), client.get(path, o)),
    patch: (...a) => client.patch(...a),
    send: (...a) => client.send(...a),
    stream: (path, o) => (note(path), client.stream(path, o)),
  };
}

/** client-go's wait before attempt `n` (from 1) of a run of failures, before jitter. */
const base = (n: number): number => Math.min(CLIENT_GO_BACKOFF.initialMs * CLIENT_GO_BACKOFF.factor ** (n - 1), CLIENT_GO_BACKOFF.maxMs);

/** How many attempts a run of failures makes within `ms` at most (every wait at its base) and at least (every wait doubled by jitter). */
function attemptBounds(ms: number): { min: number; max: number } {
  const fit = (wait: (n: number) => number) => {
    let n = 0;
    for (let t = wait(1); t < ms; t += wait(n + 1)) n++;
    return n;
  };
  return { min: fit((n) => base(n) * (1 + CLIENT_GO_BACKOFF.jitter)), max: fit(base) };
}

const running = stoppedAfterEach();

/** A watch of the example on a virtual clock, every kind listed and its watch open. */
async function setUp(): Promise<{ c: Cluster; cw: ClusterWatch; clock: VirtualClock; log: Attempt[]; kinds: string[] }> {
  const c = await startCluster();
  const entry: { c: Cluster; cw?: ClusterWatch } = { c };
  running.push(entry);
  await createFrom(c.kube, 'examples/alb-http-https');
  const clock = new VirtualClock();
  const log: Attempt[] = [];
  const client = recording(await connectKube({ kubeconfig: c.kubeconfig }, env), clock, log);
  const cw = await startClusterWatch({ client, clock, random: seededRandom(20) });
  entry.cw = cw;
  await cw.synced();
  const watched = () => [...new Set(log.filter((a) => a.watch).map((a) => a.path))];
  await waitReal('every kind watching', () => watched().length === Object.keys(cw.health().kinds).length);
  const kinds = watched();
  return { c, cw, clock, log, kinds };
}

/**
 * Takes the API down for `outageMs` of virtual time from now and plays the watch through it and
 * its recovery. Returns when the outage started.
 */
async function outage(s: Awaited<ReturnType<typeof setUp>>, outageMs: number, duringOutage: () => void = () => {}): Promise<number> {
  const { c, cw, clock, kinds } = s;
  const t0 = clock.now();
  c.kube.faults.down();
  // Every watch is cut: each kind fails and sleeps its first backoff.
  await waitReal('every kind blind and waiting', () => cw.health().blind.length === kinds.length && clock.sleeping === kinds.length);
  duringOutage();
  // Settled: each kind is asleep, or watching again (synced) once the API is back.
  const settled = () => clock.sleeping + kinds.length - cw.health().blind.length === kinds.length;
  const blindAt = (label: string) => ({ time: t0 + outageMs - 1, run: () => expect(cw.health().blind, label).toHaveLength(kinds.length) });
  // Long enough for the slowest kind's first attempt after the outage (at most twice the cap).
  await clock.runUntil(t0 + outageMs + 2 * CLIENT_GO_BACKOFF.maxMs, settled, [blindAt('blind to the end of the outage'), { time: t0 + outageMs, run: () => c.kube.faults.up() }]);
  await waitReal('every kind current', () => cw.health().blind.length === 0);
  return t0;
}

/** Each kind's waits from the outage's start: the gap before each attempt. */
function waitsPerKind(log: readonly Attempt[], kinds: readonly string[], t0: number): Map<string, number[]> {
  return new Map(
    kinds.map((k) => {
      const times = log.filter((a) => a.path === k && a.at > t0).map((a) => a.at);
      return [k, times.map((t, i) => t - (i === 0 ? t0 : times[i - 1]!))];
    }),
  );
}

describe('the cluster watch through a long outage (virtual time, client-go backoff)', () => {
  it('the API down for 20 s: every kind reconnects on the backoff (800 ms doubling, jittered), blind throughout, and converges', async () => {
    const s = await setUp();
    const { c, cw, log, kinds } = s;
    const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'made-while-down', namespace: 'example-ns' }, spec: { parentRefs: [{ name: 'my-alb-gateway' }] } };
    const t0 = await outage(s, 20_000, () => void c.kube.create(route));
    const waits = waitsPerKind(log, kinds, t0);
    const bounds = attemptBounds(20_000);
    for (const [kind, gaps] of waits) {
      // Each wait within [base, 2 × base] of its attempt's number: 800, 1600, 3200, ... ms.
      gaps.forEach((g, i) => expect(g, `${kind} wait ${i + 1}`).toBeGreaterThanOrEqual(base(i + 1)));
      gaps.forEach((g, i) => expect(g, `${kind} wait ${i + 1}`).toBeLessThanOrEqual(2 * base(i + 1)));
      // The attempts while down failed; the first after the outage resumed the watch, and was the last.
      const down = gaps.filter((_, i) => t0 + gaps.slice(0, i + 1).reduce((a, b) => a + b, 0) < t0 + 20_000).length;
      expect(down, kind).toBeGreaterThanOrEqual(bounds.min);
      expect(down, kind).toBeLessThanOrEqual(bounds.max);
      expect(gaps).toHaveLength(down + 1);
    }
    expect(bounds).toEqual({ min: 3, max: 4 });
    // Every attempt after the cut followed a failure: one reconnect each; no relist (the watch resumed from its version).
    expect(cw.stats()).toMatchObject({ reconnects: log.filter((a) => a.at > t0).length, relists: 0 });
    // Jitter: the kinds do not retry in step.
    expect(new Set([...waits.values()].map((g) => g[0])).size).toBeGreaterThan(kinds.length / 2);
    // What changed while the watch could not see is in its copy now.
    expect((await cw.snapshot()).snapshot.httpRoutes.map((r) => r.metadata.name)).toContain('made-while-down');
  });

  it('the API down for 3 minutes: the waits stop growing at 30 s (up to 60 s with jitter)', async () => {
    const s = await setUp();
    const t0 = await outage(s, 180_000);
    const waits = waitsPerKind(s.log, s.kinds, t0);
    for (const [kind, gaps] of waits) {
      gaps.forEach((g, i) => expect(g, `${kind} wait ${i + 1}`).toBeGreaterThanOrEqual(base(i + 1)));
      gaps.forEach((g, i) => expect(g, `${kind} wait ${i + 1}`).toBeLessThanOrEqual(2 * base(i + 1)));
      // Waits 7 on are capped: between 30 and 60 s.
      expect(gaps.length, kind).toBeGreaterThanOrEqual(7);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * CLIENT_GO_BACKOFF.maxMs);
      expect(gaps.slice(6).every((g) => g >= CLIENT_GO_BACKOFF.maxMs)).toBe(true);
    }
    expect(base(7)).toBe(30_000);
  });
});
