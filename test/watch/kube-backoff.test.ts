/** The reflector's backoff (client-go's 800 ms → 30 s, factor 2, jitter 1.0, reset after 2 min). */
import { describe, expect, it } from 'vitest';
import { Backoff, CLIENT_GO_BACKOFF, jittered } from '../../src/watch/backoff.js';

describe('Backoff', () => {
  it('doubles from 800 ms up to 30 s without jitter, and up to twice that with full jitter', () => {
    const low = new Backoff(CLIENT_GO_BACKOFF, () => 0);
    expect(Array.from({ length: 8 }, () => low.next())).toEqual([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
    const high = new Backoff(CLIENT_GO_BACKOFF, () => 0.999999);
    expect(Array.from({ length: 3 }, () => high.next())).toEqual([1600, 3200, 6400]);
  });

  it('starts over after a quiet period or a reset, not before', () => {
    let now = 0;
    const b = new Backoff(CLIENT_GO_BACKOFF, () => 0, () => now);
    b.next();
    now += 1000;
    expect(b.next()).toBe(1600);
    now += 119_999;
    expect(b.next()).toBe(3200);
    now += 120_000;
    expect(b.next()).toBe(800);
    b.next();
    b.reset();
    expect(b.next()).toBe(800);
  });

  it('bounds the total wait of a run of failures', () => {
    expect(Backoff.worstCase({ ...CLIENT_GO_BACKOFF, jitter: 0 }, 3)).toBe(800 + 1600 + 3200);
    expect(Backoff.worstCase(CLIENT_GO_BACKOFF, 1)).toBe(1600);
  });

  it('jitters a watch timeout within [t, t × (1 + fraction))', () => {
    expect(jittered(300, 1, () => 0)).toBe(300);
    expect(jittered(300, 1, () => 0.5)).toBe(450);
  });
});
