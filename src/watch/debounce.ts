/**
 * The watch loop's latch (aesthetics-anchors §9.14, after CDK's `Toolkit.watch` latch and vitest's
 * `scheduleRerun`): triggers arrive in bursts (one editor save makes several fs events, a
 * `kubectl apply -f dir` several watch events), and each burst should make one round.
 *
 *   state     | trigger arrives                     | quiet/max timer fires | round ends
 *   ----------+-------------------------------------+-----------------------+---------------------------
 *   idle      | → waiting (arm quiet + max timers)  | –                     | –
 *   waiting   | re-arm quiet timer (max stays)      | → running (batch)     | –
 *   running   | → running+pending (arm timers)      | mark due              | → idle
 *   +pending  | re-arm quiet timer                  | mark due              | due ? → running : → waiting
 *
 * A round runs after `quietMs` without a trigger, or `maxDelayMs` after the first trigger of the
 * batch, whichever is first. Never two rounds at once: whatever arrives during a round is one
 * more round after it, however many triggers it was.
 */

export interface DebounceOptions {
  /** Quiet window: the batch runs once no trigger arrived for this long. */
  readonly quietMs: number;
  /** Cap: the batch runs at most this long after its first trigger, even if triggers keep coming. */
  readonly maxDelayMs: number;
}

export const DEFAULT_DEBOUNCE: DebounceOptions = { quietMs: 500, maxDelayMs: 5000 };

export class Debouncer<T> {
  private pending: T[] = [];
  private quiet: NodeJS.Timeout | undefined;
  private max: NodeJS.Timeout | undefined;
  /** A timer fired while a round ran: the pending batch runs as soon as it ends. */
  private due = false;
  private running: Promise<void> | undefined;
  private stopped = false;

  /** `run` gets each batch in arrival order; it should not throw (a throw is passed to `onError`). */
  constructor(
    private readonly opts: DebounceOptions,
    private readonly run: (batch: readonly T[]) => Promise<void>,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  push(trigger: T): void {
    if (this.stopped) return;
    this.pending.push(trigger);
    if (this.quiet) clearTimeout(this.quiet);
    this.quiet = setTimeout(() => this.fire(), this.opts.quietMs);
    this.max ??= setTimeout(() => this.fire(), this.opts.maxDelayMs);
  }

  /** Adds `trigger` and runs its batch now (or as soon as the round in flight ends): no quiet window. */
  pushNow(trigger: T): void {
    if (this.stopped) return;
    this.pending.push(trigger);
    this.fire();
  }

  /** Whether a round is running now. */
  busy(): boolean {
    return this.running !== undefined;
  }

  /** Triggers waiting for a round. */
  queued(): number {
    return this.pending.length;
  }

  /** No round starts any more; resolves when the round in flight (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    this.pending = [];
    await this.running;
  }

  /** Resolves when no round runs (one that was due when the last ended has ended too). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private clearTimers(): void {
    if (this.quiet) clearTimeout(this.quiet);
    if (this.max) clearTimeout(this.max);
    this.quiet = undefined;
    this.max = undefined;
  }

  private fire(): void {
    this.clearTimers();
    if (this.running) {
      this.due = true;
      return;
    }
    this.start();
  }

  private start(): void {
    const batch = this.pending;
    this.pending = [];
    this.due = false;
    if (this.stopped || batch.length === 0) return;
    this.running = this.run(batch)
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.running = undefined;
        if (this.due) this.start();
      });
  }
}
