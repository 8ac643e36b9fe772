/**
 * The watch loop: trigger sources → debouncer → one round at a time (round.ts), plus the two
 * timers the loop owns. The resync timer re-reads AWS `resyncMs` after the last round ended,
 * so drift (a listener changed by hand) is found even when the input never changes. The retry
 * timer follows a failed round: a read that failed (files, cluster, AWS), a lock another gwlb
 * holds, an apply with failed actions or an account that still differs after it. Retries back
 * off exponentially (1 s doubling to 60 s, as a controller's requeue does; client-go's
 * reflector uses 800 ms → 30 s), and reset after a round that succeeds. An input with errors is
 * not retried: nothing but an edit can fix it, and the file watcher sees the edit.
 */
import { Debouncer, DEFAULT_DEBOUNCE, type DebounceOptions } from './debounce.js';
import type { WatchEvent } from './events.js';
import type { RoundResult } from './round.js';
import { mergeTriggers, type Trigger, type TriggerSource } from './triggers.js';

export interface RetryDelays {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetryDelays = { baseMs: 1000, maxMs: 60_000 };

/** The wait before retry `attempt` (from 1): base · 2^(attempt−1), capped. */
export function retryDelay(attempt: number, delays: RetryDelays = DEFAULT_RETRY): number {
  return Math.min(delays.maxMs, delays.baseMs * 2 ** Math.min(30, attempt - 1));
}

export interface WatchLoopOptions {
  readonly sources: readonly TriggerSource[];
  /** Re-read AWS this long after the last round (0: never). */
  readonly resyncMs: number;
  readonly runRound: (round: number, trigger: Trigger) => Promise<RoundResult>;
  readonly emit: (e: WatchEvent) => void;
  readonly now?: () => Date;
  readonly debounce?: DebounceOptions;
  readonly retry?: RetryDelays;
}

export interface LoopSummary {
  readonly rounds: number;
  /** The last round's apply was stopped by a signal with actions not started. */
  readonly applyCutShort: boolean;
}

/** What in a round's result calls for a retry, in words; undefined when the round succeeded. */
export function failureOf(result: RoundResult): { phase: 'read' | 'lock' | 'apply'; message: string } | undefined {
  if (result.kind === 'failed') return { phase: result.phase === 'lock' ? 'lock' : result.phase === 'apply' ? 'apply' : 'read', message: result.message };
  const a = result.apply;
  if (!a || !a.ran || a.cutShort) return undefined;
  if (a.failed > 0) return { phase: 'apply', message: `${a.failed} action(s) failed (apply_progress above)` };
  if (!a.matches) return { phase: 'apply', message: 'the account still differs from the manifests after the apply' };
  return undefined;
}

export class WatchLoop {
  private readonly debouncer: Debouncer<Trigger>;
  private readonly stops: (() => void)[] = [];
  private resyncTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private rounds = 0;
  private failures = 0;
  private cutShort = false;
  private stopped = false;

  constructor(private readonly opts: WatchLoopOptions) {
    this.debouncer = new Debouncer(opts.debounce ?? DEFAULT_DEBOUNCE, (batch) => this.round(mergeTriggers(batch)), (err) => this.internalError(err));
  }

  /** Starts the sources and the first round (at once: the first round waits for nothing). */
  start(): void {
    for (const s of this.opts.sources) this.stops.push(s.start((t) => this.debouncer.push(t)));
    this.debouncer.pushNow({ kind: 'initial' });
  }

  /** `--once`: one round, no sources, no timers. */
  async once(): Promise<RoundResult> {
    const result = await this.runOne({ kind: 'initial' });
    const failure = failureOf(result);
    if (failure) this.opts.emit({ type: 'error', round: this.rounds, time: this.time(), phase: failure.phase, message: failure.message });
    this.emitStopped('once');
    return result;
  }

  /** Stops sources and timers, lets the round in flight end, emits `stopped`. */
  async stop(reason: 'SIGINT' | 'SIGTERM'): Promise<LoopSummary> {
    this.stopped = true;
    for (const stop of this.stops.splice(0)) stop();
    this.clearTimers();
    await this.debouncer.stop();
    this.clearTimers();
    this.emitStopped(reason);
    return { rounds: this.rounds, applyCutShort: this.cutShort };
  }

  private emitStopped(reason: 'SIGINT' | 'SIGTERM' | 'once'): void {
    this.opts.emit({ type: 'stopped', time: this.time(), rounds: this.rounds, reason, apply_cut_short: this.cutShort });
  }

  private time(): string {
    return (this.opts.now ?? (() => new Date()))().toISOString();
  }

  private clearTimers(): void {
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.resyncTimer = undefined;
    this.retryTimer = undefined;
  }

  private async runOne(trigger: Trigger): Promise<RoundResult> {
    this.rounds++;
    const result = await this.opts.runRound(this.rounds, trigger);
    this.cutShort = result.kind === 'planned' && Boolean(result.apply?.cutShort);
    return result;
  }

  private async round(trigger: Trigger): Promise<void> {
    if (this.stopped) return;
    this.clearTimers();
    const result = await this.runOne(trigger);
    if (this.stopped) return;
    const failure = failureOf(result);
    if (failure) {
      this.failures++;
      const wait = retryDelay(this.failures, this.opts.retry);
      this.opts.emit({ type: 'error', round: this.rounds, time: this.time(), phase: failure.phase, message: failure.message, retry_in_ms: wait });
      this.retryTimer = setTimeout(() => this.debouncer.pushNow({ kind: 'retry', attempt: this.failures }), wait);
    } else {
      this.failures = 0;
    }
    // Timer triggers come alone: they skip the quiet window meant for bursts of edits.
    if (this.opts.resyncMs > 0) this.resyncTimer = setTimeout(() => this.debouncer.pushNow({ kind: 'resync' }), this.opts.resyncMs);
  }

  /** A round threw (a bug, not an AWS or input problem): reported, and the loop goes on. */
  private internalError(err: unknown): void {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    this.opts.emit({ type: 'error', round: this.rounds, time: this.time(), phase: 'read', message: `internal error: ${message}` });
  }
}
