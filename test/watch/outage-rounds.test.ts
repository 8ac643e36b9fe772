/**
 * The whole `watch --from-cluster --apply` through the 20 s outage, in this process: the
 * loop, its rounds (AWS emulator, status write-back) and the cluster source, whose backoff runs
 * on a virtual clock (virtual-clock.ts) while everything else runs in real time. While the API is
 * down the rounds the resync starts plan nothing — no `plan` event at all, so nothing is planned
 * for deletion though a route was deleted meanwhile; once the watch reads again, the first round
 * plans that deletion, applies it and converges. The reconnects are counted against the backoff.
 */
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsTarget } from '../../src/aws/target.js';
import { RESOURCES } from '../../src/kube-emulator/index.js';
import { loadSettings } from '../../src/run/settings.js';
import { CLIENT_GO_BACKOFF } from '../../src/watch/backoff.js';
import { openClusterSource, type ClusterSource } from '../../src/watch/cluster-source.js';
import type { WatchEvent } from '../../src/watch/events.js';
import { blindText } from '../../src/watch/round.js';
import { runWatch } from '../../src/watch/run.js';
import { createFrom, startCluster, type Cluster } from '../cluster/helpers.js';
import { CLUSTER, sandboxAccount, type Account } from '../e2e/harness.js';
import { seededRandom, VirtualClock, waitReal } from './virtual-clock.js';

const OUTAGE_MS = 20_000;
const HTTPROUTES = RESOURCES.find((r) => r.kind === 'HTTPRoute')!;

type EventOf<T extends WatchEvent['type']> = Extract<WatchEvent, { type: T }>;

describe('watch --from-cluster --apply through a 20 s outage (virtual time for the cluster watch)', () => {
  let c: Cluster;
  let acct: Account;
  let source: ClusterSource;
  const clock = new VirtualClock();
  const events: WatchEvent[] = [];
  const signals = new EventEmitter();
  let exited: Promise<number>;
  beforeAll(async () => {
    [c, acct] = await Promise.all([startCluster(), sandboxAccount()]);
    await createFrom(c.kube, 'examples/alb-http-https');
    const kube = { kubeconfig: c.kubeconfig };
    source = await openClusterSource(kube, (err) => events.push({ type: 'error', round: 0, time: '', phase: 'read', message: String(err) }), { clock, random: seededRandom(11) });
    const settings = loadSettings({ clusterName: CLUSTER });
    exited = runWatch({
      settings,
      files: [],
      target: awsTarget({ endpointUrl: acct.emu.endpoint }, settings.cluster.region),
      apply: true,
      prune: false,
      takeOver: false,
      // The resync starts rounds while the watch is blind (a round every 300 ms of real time).
      resyncMs: 300,
      once: false,
      detailedExitcode: false,
      sink: { emit: (e) => void events.push(e), close: async () => {} },
      onDiagnostics: () => {},
      onInterrupt: () => {},
      cluster: { kube, client: source.client, blind: () => source.blind(), writeStatus: true },
      sources: source.sources,
      readInput: source.readInput,
      synced: source.synced(),
      signals,
    });
  });
  afterAll(async () => {
    signals.emit('SIGTERM');
    await exited;
    await source?.stop();
    await acct?.close();
    await c?.kube.close();
  });

  const find = <T extends WatchEvent['type']>(type: T, from: number, pred: (e: EventOf<T>) => boolean = () => true): number => events.findIndex((e, i) => i >= from && e.type === type && pred(e as EventOf<T>));
  const waitEvent = async <T extends WatchEvent['type']>(what: string, type: T, from: number, pred?: (e: EventOf<T>) => boolean): Promise<number> => {
    await waitReal(what, () => find(type, from, pred) >= 0, 20_000);
    return find(type, from, pred);
  };

  it('plans nothing while blind, reconnects on the backoff, and the first round after recovery plans the deletion made meanwhile and converges', async () => {
    // Round 1 applies the example; a resync round then finds nothing to do.
    const applied = await waitEvent('the first apply', 'apply_done', 0, (e) => e.round === 1);
    expect(events[applied]).toMatchObject({ failed: 0, matches: true });
    await waitEvent('a round in sync', 'plan', applied, (e) => !e.has_changes);
    const kinds = new Set(c.kube.faults.requests.filter((r) => r.path.includes('watch=true')).map((r) => r.path.split('?')[0])).size;
    await waitReal('every kind watching', () => source.blind().length === 0 && clock.sleeping === 0);

    const before = source.stats();
    const down = events.length;
    c.kube.faults.down();
    await waitReal('every kind blind and waiting', () => source.blind().length === kinds && clock.sleeping === kinds);
    // Deleted while gwlb cannot see: its rules and target group must not be planned away yet —
    // nor anything else, as no round plans while blind.
    c.kube.store.remove(HTTPROUTES, 'example-ns', 'http-route-orange');
    const blindRound = await waitEvent('a round refused while blind', 'error', down, (e) => e.phase === 'read' && e.message === blindText(source.blind()));
    expect(events[blindRound]).toMatchObject({ retry_in_ms: expect.any(Number) });

    const t0 = clock.now();
    const settled = () => clock.sleeping + (kinds - source.blind().length) === kinds;
    let blindAtEnd = -1;
    await clock.runUntil(t0 + OUTAGE_MS + 2 * CLIENT_GO_BACKOFF.maxMs, settled, [
      { time: t0 + OUTAGE_MS - 1, run: () => (blindAtEnd = source.blind().length) },
      { time: t0 + OUTAGE_MS, run: () => c.kube.faults.up() },
    ]);
    expect(blindAtEnd).toBe(kinds);
    await waitReal('every kind current', () => source.blind().length === 0);
    const recovered = events.length;

    // Every kind failed 3–4 times in the 20 s (outage.test.ts checks each wait), then resumed.
    const reconnects = source.stats().reconnects - before.reconnects;
    expect(reconnects).toBeGreaterThanOrEqual(kinds * (3 + 1));
    expect(reconnects).toBeLessThanOrEqual(kinds * (4 + 1));
    expect(source.stats().relists).toBe(before.relists);

    // The first round after recovery plans the deletion, applies it, and matches.
    const plan = await waitEvent('the round after recovery', 'plan', recovered);
    const first = events[plan] as EventOf<'plan'>;
    expect(first).toMatchObject({ add: 0, change: 0, has_changes: true });
    expect(first.destroy).toBeGreaterThan(0);
    const done = await waitEvent('its apply', 'apply_done', plan, (e) => e.round === first.round);
    expect(events[done]).toMatchObject({ failed: 0, matches: true });
    await waitEvent('a round in sync after it', 'plan', done, (e) => !e.has_changes);

    if (process.env['WATCH_DEBUG']) console.log({ kinds, reconnects, refused: events.slice(down, recovered).filter((e) => e.type === 'error').length, first });
    // While blind: rounds started (the resync's, the retries) and each was refused; none planned.
    const outage = events.slice(down, recovered);
    const refused = outage.filter((e) => e.type === 'error' && e.message.startsWith('the cluster watch cannot read'));
    expect(refused.length).toBeGreaterThan(0);
    expect(outage.filter((e) => e.type === 'plan')).toEqual([]);
    // The only plan with a deletion is the one the watch saw the deletion for.
    expect(events.filter((e) => e.type === 'plan' && e.destroy > 0).map((e) => (e.type === 'plan' ? e.round : 0))).toEqual([first.round]);
  });
});
