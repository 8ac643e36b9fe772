/**
 * Exponential backoff with jitter, as client-go's reflector waits between failed lists and
 * watches: `wait.NewExponentialBackoffManager(800ms, 30s, 2m, 2.0, 1.0, clock)` (client-go
 * tools/cache/reflector.go NewReflectorWithOptions): the delay starts at 800 ms, doubles per
 * failure up to 30 s, gets up to 100% jitter on top, and starts over once things have gone well
 * for 2 minutes. Shared by the cluster watch (kube-watch.ts) and the watch loop's retries.
 * The cluster watch waits on a `Clock`: real time, or in tests a virtual one, so that a 20 s
 * outage and its backoff play out in milliseconds (test/watch/virtual-clock.ts).
 */

/** The time the cluster watch's waits run in. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
    }),
};

export interface BackoffOptions {
  /** The first delay (client-go: 800 ms). */
  readonly initialMs: number;
  /** The largest delay before jitter (client-go: 30 s). */
  readonly maxMs: number;
  /** Healthy this long (no failure) and the next failure waits `initialMs` again (client-go: 2 min). */
  readonly resetAfterMs: number;
  /** Each failure multiplies the delay by this (client-go: 2). */
  readonly factor: number;
  /** Up to this fraction of the delay is added at random (client-go: 1.0), so clients that failed together retry apart. */
  readonly jitter: number;
}

export const CLIENT_GO_BACKOFF: BackoffOptions = { initialMs: 800, maxMs: 30_000, resetAfterMs: 120_000, factor: 2, jitter: 1 };

export class Backoff {
  private base: number;
  private lastFailure: number | undefined;

  constructor(
    private readonly options: BackoffOptions = CLIENT_GO_BACKOFF,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {
    this.base = options.initialMs;
  }

  /** The delay before the next attempt after a failure now; each call is one more failure. */
  next(): number {
    const now = this.now();
    // Quiet for resetAfterMs since the last failure: this failure is the first of a new run.
    if (this.lastFailure !== undefined && now - this.lastFailure >= this.options.resetAfterMs) this.base = this.options.initialMs;
    const delay = this.base;
    this.base = Math.min(this.base * this.options.factor, this.options.maxMs);
    this.lastFailure = now;
    return Math.round(delay + delay * this.options.jitter * this.random());
  }

  /** Forget past failures (a success that proves the cause is gone, e.g. a relist after 410). */
  reset(): void {
    this.base = this.options.initialMs;
    this.lastFailure = undefined;
  }

  /** The longest a run of `failures` failures can wait in total: the bound a test can check. */
  static worstCase(options: BackoffOptions, failures: number): number {
    let total = 0;
    let base = options.initialMs;
    for (let i = 0; i < failures; i++) {
      total += base * (1 + options.jitter);
      base = Math.min(base * options.factor, options.maxMs);
    }
    return total;
  }
}

/** Jitter for a timeout, so that many watches started together do not all end together (client-go: minWatchTimeout × [1, 2)). */
export function jittered(ms: number, fraction: number, random: () => number = Math.random): number {
  return Math.round(ms * (1 + fraction * random()));
}
