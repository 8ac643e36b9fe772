import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from './debounce.js';

/** A run that records its batches and ends when the test says so. */
function recorder() {
  const batches: string[][] = [];
  const ends: (() => void)[] = [];
  const run = (batch: readonly string[]) => {
    batches.push([...batch]);
    return new Promise<void>((resolve) => ends.push(resolve));
  };
  /** Ends the oldest running round and lets its continuation run. */
  const endRound = async () => {
    ends.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { batches, run, endRound };
}

describe('Debouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs one round for a burst, after the quiet window', async () => {
    const r = recorder();
    const d = new Debouncer({ quietMs: 500, maxDelayMs: 5000 }, r.run);
    d.push('a');
    await vi.advanceTimersByTimeAsync(200);
    d.push('b');
    await vi.advanceTimersByTimeAsync(200);
    d.push('c');
    await vi.advanceTimersByTimeAsync(499);
    expect(r.batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.batches).toEqual([['a', 'b', 'c']]);
    expect(d.busy()).toBe(true);
  });

  it('caps the wait at the maximum delay when triggers keep coming', async () => {
    const r = recorder();
    const d = new Debouncer({ quietMs: 500, maxDelayMs: 2000 }, r.run);
    for (let t = 0; t < 10; t++) {
      d.push(`e${t}`);
      await vi.advanceTimersByTimeAsync(300);
    }
    // The cap fired at 2000 ms with the seven triggers pushed by then; the rest wait for the next.
    expect(r.batches).toEqual([['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6']]);
    expect(d.queued()).toBe(3);
  });

  it('never runs two rounds at once: triggers during a round make exactly one more round', async () => {
    const r = recorder();
    const d = new Debouncer({ quietMs: 500, maxDelayMs: 5000 }, r.run);
    d.push('first');
    await vi.advanceTimersByTimeAsync(500);
    expect(r.batches).toHaveLength(1);
    for (const t of ['x', 'y', 'z']) {
      d.push(t);
      await vi.advanceTimersByTimeAsync(600);
    }
    // The timers fired during the round: the batch is due, but waits for the round to end.
    expect(r.batches).toHaveLength(1);
    await r.endRound();
    expect(r.batches).toEqual([['first'], ['x', 'y', 'z']]);
    await r.endRound();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(r.batches).toHaveLength(2);
    expect(d.busy()).toBe(false);
  });

  it('after a round, a batch still in its quiet window waits for the window', async () => {
    const r = recorder();
    const d = new Debouncer({ quietMs: 500, maxDelayMs: 5000 }, r.run);
    d.push('a');
    await vi.advanceTimersByTimeAsync(500);
    d.push('b');
    await vi.advanceTimersByTimeAsync(100);
    await r.endRound();
    expect(r.batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(r.batches).toEqual([['a'], ['b']]);
  });

  it('stop() starts no round, drops what waits, and resolves when the round in flight ends', async () => {
    const r = recorder();
    const d = new Debouncer({ quietMs: 500, maxDelayMs: 5000 }, r.run);
    d.push('a');
    await vi.advanceTimersByTimeAsync(500);
    d.push('b');
    let stopped = false;
    const stopping = d.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(stopped).toBe(false);
    await r.endRound();
    await stopping;
    expect(stopped).toBe(true);
    d.push('c');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(r.batches).toEqual([['a']]);
  });

  it('a round that throws is reported and the loop goes on', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const d = new Debouncer<string>(
      { quietMs: 100, maxDelayMs: 1000 },
      async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
      (e) => errors.push(e),
    );
    d.push('a');
    await vi.advanceTimersByTimeAsync(100);
    d.push('b');
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('boom')]);
  });
});

describe('Debouncer.pushNow', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once with what is pending, or right after the round in flight', async () => {
    const r = recorder();
    const d = new Debouncer({ quietMs: 500, maxDelayMs: 5000 }, r.run);
    d.push('a');
    d.pushNow('initial');
    expect(r.batches).toEqual([['a', 'initial']]);
    d.pushNow('b');
    expect(r.batches).toHaveLength(1);
    await r.endRound();
    expect(r.batches).toEqual([['a', 'initial'], ['b']]);
  });
});
