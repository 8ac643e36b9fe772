/** The loop's timers and retries, with a scripted round and fake timers. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WatchEvent } from './events.js';
import { failureOf, retryDelay, WatchLoop } from './loop.js';
import type { RoundResult } from './round.js';
import type { Trigger, TriggerSource } from './triggers.js';

const PLAN = { format_version: '1.0', cluster: 'c', mode: 'live', applyable: true, errored: false, prune: false, stacks: [], resource_changes: [], untracked: [] } as const;
const OK: RoundResult = { kind: 'planned', plan: PLAN, refused: false };
const READ_FAILED: RoundResult = { kind: 'failed', phase: 'read', message: 'cannot reach AWS' };

/** A source the test drives by hand. */
function manualSource(): TriggerSource & { fire(t: Trigger): void; stopped: boolean } {
  let emit: ((t: Trigger) => void) | undefined;
  const s = {
    stopped: false,
    fire: (t: Trigger) => emit?.(t),
    start(e: (t: Trigger) => void) {
      emit = e;
      return () => void (s.stopped = true);
    },
  };
  return s;
}

function harness(results: RoundResult[], resyncMs = 0) {
  const triggers: Trigger[] = [];
  const events: WatchEvent[] = [];
  const source = manualSource();
  const loop = new WatchLoop({
    sources: [source],
    resyncMs,
    runRound: async (_n, t) => {
      triggers.push(t);
      return results.shift() ?? OK;
    },
    emit: (e) => events.push(e),
    now: () => new Date(0),
  });
  return { loop, source, triggers, events };
}

describe('WatchLoop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first round at once, then one round per burst of file changes', async () => {
    const h = harness([]);
    h.loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.triggers).toEqual([{ kind: 'initial' }]);
    h.source.fire({ kind: 'files', paths: ['b.yaml'] });
    h.source.fire({ kind: 'files', paths: ['a.yaml', 'b.yaml'] });
    await vi.advanceTimersByTimeAsync(500);
    expect(h.triggers).toEqual([{ kind: 'initial' }, { kind: 'files', paths: ['a.yaml', 'b.yaml'] }]);
  });

  it('re-reads AWS on the resync timer, counted from the end of the last round', async () => {
    const h = harness([], 10_000);
    h.loop.start();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(h.triggers).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.triggers.at(-1)).toEqual({ kind: 'resync' });
    h.source.fire({ kind: 'files', paths: ['a.yaml'] });
    await vi.advanceTimersByTimeAsync(500 + 9_999);
    expect(h.triggers.map((t) => t.kind)).toEqual(['initial', 'resync', 'files']);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.triggers.map((t) => t.kind)).toEqual(['initial', 'resync', 'files', 'resync']);
  });

  it('retries a failed read with exponential backoff, and resets after a success', async () => {
    const h = harness([READ_FAILED, READ_FAILED, READ_FAILED, OK, READ_FAILED]);
    h.loop.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    await vi.advanceTimersByTimeAsync(4000);
    expect(h.triggers).toEqual([{ kind: 'initial' }, { kind: 'retry', attempt: 1 }, { kind: 'retry', attempt: 2 }, { kind: 'retry', attempt: 3 }]);
    expect(h.events.filter((e) => e.type === 'error').map((e) => (e.type === 'error' ? e.retry_in_ms : 0))).toEqual([1000, 2000, 4000]);
    h.source.fire({ kind: 'files', paths: ['a.yaml'] });
    await vi.advanceTimersByTimeAsync(500);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.triggers.at(-1)).toEqual({ kind: 'retry', attempt: 1 });
  });

  it('stop() closes the sources, starts no round, and reports stopped', async () => {
    const h = harness([READ_FAILED], 1000);
    h.loop.start();
    await vi.advanceTimersByTimeAsync(0);
    const summary = await h.loop.stop('SIGTERM');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.triggers).toHaveLength(1);
    expect(h.source.stopped).toBe(true);
    expect(summary).toEqual({ rounds: 1, applyCutShort: false });
    expect(h.events.at(-1)).toEqual({ type: 'stopped', time: new Date(0).toISOString(), rounds: 1, reason: 'SIGTERM', apply_cut_short: false });
  });

  it('once() runs one round without sources or timers', async () => {
    const h = harness([READ_FAILED], 1000);
    const result = await h.loop.once();
    expect(result).toBe(READ_FAILED);
    expect(h.events.map((e) => e.type)).toEqual(['error', 'stopped']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.triggers).toHaveLength(1);
  });
});

describe('retryDelay and failureOf', () => {
  it('doubles from 1 s and stops at 60 s', () => {
    expect([1, 2, 3, 6, 7, 50].map((n) => retryDelay(n))).toEqual([1000, 2000, 4000, 32_000, 60_000, 60_000]);
  });

  it('an apply that failed or did not converge is retried; one cut short by a signal, or an input with errors, is not', () => {
    const applied = (a: { failed: number; cutShort: boolean; matches: boolean }): RoundResult => ({ kind: 'planned', plan: PLAN, refused: false, apply: { ran: true, ...a } });
    expect(failureOf(applied({ failed: 1, cutShort: false, matches: false }))?.phase).toBe('apply');
    expect(failureOf(applied({ failed: 0, cutShort: false, matches: false }))?.phase).toBe('apply');
    expect(failureOf(applied({ failed: 0, cutShort: true, matches: false }))).toBeUndefined();
    expect(failureOf(applied({ failed: 0, cutShort: false, matches: true }))).toBeUndefined();
    expect(failureOf({ kind: 'planned', plan: { ...PLAN, errored: true }, refused: true })).toBeUndefined();
  });
});
