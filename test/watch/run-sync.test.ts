/**
 * runWatch before the input's first sync (`--from-cluster` waiting for every kind's first list):
 * no round starts; what holds the sync up is an `error` event of round 0; a signal stops the
 * watch with `stopped` and no round — exit 0, or for `--once` the signal's 130 / 143.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/run/settings.js';
import type { WatchEvent } from '../../src/watch/events.js';
import { runWatch } from '../../src/watch/run.js';

function start(once: boolean, synced: Promise<void>) {
  const events: WatchEvent[] = [];
  const signals = new EventEmitter();
  let report: (m: string) => void = () => {};
  let unsubscribed = false;
  const exit = runWatch({
    settings: loadSettings({}),
    files: [],
    target: undefined,
    apply: false,
    prune: false,
    takeOver: false,
    resyncMs: 0,
    once,
    detailedExitcode: true,
    sink: { emit: (e) => void events.push(e), close: async () => {} },
    onDiagnostics: () => {},
    onInterrupt: () => {},
    sources: [],
    readInput: async () => ({}),
    synced,
    syncProblems: (r) => {
      report = r;
      return () => void (unsubscribed = true);
    },
    signals,
  });
  return { events, signals, exit, report: (m: string) => report(m), unsubscribed: () => unsubscribed };
}

const never = new Promise<void>(() => {});
const tick = () => new Promise((r) => setTimeout(r, 10));

describe('runWatch before the first sync', () => {
  it.each([
    [false, 'SIGTERM', 0],
    [false, 'SIGINT', 0],
    [true, 'SIGTERM', 143],
    [true, 'SIGINT', 130],
  ] as const)('once=%s, %s: no round, the sync problem reported, stopped, exit %d', async (once, signal, code) => {
    const w = start(once, never);
    await tick();
    w.report('the cluster watch cannot list Gateway yet');
    expect(w.events.map((e) => e.type)).toEqual(['error']);
    expect(w.events[0]).toMatchObject({ round: 0, phase: 'read', message: 'the cluster watch cannot list Gateway yet' });
    w.signals.emit(signal);
    expect(await w.exit).toBe(code);
    expect(w.events.slice(1)).toEqual([{ type: 'stopped', time: expect.any(String), rounds: 0, reason: signal, apply_cut_short: false }]);
    expect(w.unsubscribed()).toBe(true);
  });

  it('once synced, the round runs (offline, an empty input) and problems are no longer reported', async () => {
    let synced: () => void = () => {};
    const w = start(true, new Promise<void>((r) => (synced = r)));
    await tick();
    expect(w.events).toEqual([]);
    synced();
    expect(await w.exit).toBe(0);
    expect(w.unsubscribed()).toBe(true);
    expect(w.events.map((e) => e.type)).toEqual(['round_started', 'plan', 'stopped']);
  });
});
