/**
 * A virtual clock for the cluster watch (backoff.ts `Clock`): sleeps wait until the test moves
 * the time on, and requests take no virtual time, so a 20 s outage with client-go's backoff
 * plays out in a few real milliseconds and every attempt lands exactly where the backoff put it.
 *
 *   const clock = new VirtualClock();
 *   startClusterWatch({ client, clock });
 *   await clock.runUntil(end, () => everyKindAsleepOrWatching());
 */
import type { Clock } from '../../src/watch/backoff.js';

interface Sleeper {
  readonly until: number;
  readonly wake: () => void;
}

export class VirtualClock implements Clock {
  private t: number;
  private readonly sleepers = new Set<Sleeper>();

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.t = start;
  }

  readonly now = (): number => this.t;

  readonly sleep = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const sleeper: Sleeper = {
        until: this.t + ms,
        wake: () => {
          this.sleepers.delete(sleeper);
          signal.removeEventListener('abort', sleeper.wake);
          resolve();
        },
      };
      this.sleepers.add(sleeper);
      signal.addEventListener('abort', sleeper.wake);
    });

  /** How many sleeps are waiting. */
  get sleeping(): number {
    return this.sleepers.size;
  }

  /** When the earliest sleep ends; undefined when nothing sleeps. */
  nextWake(): number | undefined {
    let next: number | undefined;
    for (const s of this.sleepers) if (next === undefined || s.until < next) next = s.until;
    return next;
  }

  /** Moves the time to `t` (never back), waking every sleep due by then. */
  advanceTo(t: number): void {
    this.t = Math.max(this.t, t);
    for (const s of [...this.sleepers]) if (s.until <= this.t) s.wake();
  }

  /**
   * Plays time forward to `end`: each step waits (in real time) until `settled()` says every
   * sleeper-to-be is asleep — its request answered — then jumps to the earliest wake-up. `at`
   * runs before a jump across a given time (to end an outage exactly then).
   */
  async runUntil(end: number, settled: () => boolean, at: { readonly time: number; readonly run: () => void }[] = []): Promise<void> {
    const pending = [...at].sort((a, b) => a.time - b.time);
    for (;;) {
      await waitReal('the watch to settle', settled);
      const next = this.nextWake();
      const target = Math.min(next ?? end, end);
      while (pending.length > 0 && pending[0]!.time <= target) {
        const p = pending.shift()!;
        this.advanceTo(p.time);
        p.run();
      }
      this.advanceTo(target);
      if (target >= end) return;
    }
  }
}

/** Polls `check` in real time (every 2 ms, 5 s at most). */
export async function waitReal(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A seeded pseudo-random source (mulberry32), so jitter is random but each run the same. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
