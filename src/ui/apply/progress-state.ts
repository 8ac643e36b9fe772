/**
 * The progress view's state, folded from the executor's events. Pure: the clock reading comes
 * in with each event, so tests script time.
 *
 * Rows leave the live area once finished: `finished` is append-only, in the order actions
 * ended, because ink's <Static> prints each new item once and never redraws it. That keeps the
 * redrawn part (running and pending rows, the footer) short however large the apply is.
 */
import { stepKey, type Outcome, type ProgressEvent, type Step, type StepAction } from './steps.js';

export type RowState =
  | { readonly kind: 'pending' }
  | { readonly kind: 'running'; readonly startedAt: number }
  | { readonly kind: 'done'; readonly ms: number }
  | { readonly kind: 'failed'; readonly error: string }
  /** The apply ended without trying this one: after a failure in its stack, or an interrupt. */
  | { readonly kind: 'skipped'; readonly interrupted: boolean };

export interface Row {
  readonly address: string;
  readonly action: StepAction;
  readonly state: RowState;
}

export interface ProgressState {
  /** Finished rows (done, failed, then skipped at the end), in the order they finished. */
  readonly finished: readonly Row[];
  /** Rows not finished yet, in plan order: running and pending. */
  readonly live: readonly Row[];
  /** Set once the executor returns; the footer shows it. */
  readonly outcome?: Outcome;
  /** Ctrl-C or SIGTERM arrived: the actions in progress are finishing, no other will start. */
  readonly interrupted?: boolean;
}

export function initialProgress(steps: readonly Step[]): ProgressState {
  return { finished: [], live: steps.map((s) => ({ address: s.address, action: s.action, state: { kind: 'pending' } })) };
}

function withLive(s: ProgressState, step: Step, state: RowState): ProgressState {
  const i = s.live.findIndex((r) => stepKey(r) === stepKey(step));
  const row: Row = { address: step.address, action: step.action, state };
  if (state.kind === 'running') {
    const live = i < 0 ? [...s.live, row] : s.live.map((r, j) => (j === i ? row : r));
    return { ...s, live };
  }
  return { ...s, live: s.live.filter((_, j) => j !== i), finished: [...s.finished, row] };
}

/** One event: `now` is the clock reading (ms) when it arrived. */
export function reduceProgress(s: ProgressState, e: ProgressEvent, now: number): ProgressState {
  switch (e.kind) {
    case 'start':
      return withLive(s, e.step, { kind: 'running', startedAt: now });
    case 'done':
      return withLive(s, e.step, { kind: 'done', ms: e.ms });
    case 'failed':
      return withLive(s, e.step, { kind: 'failed', error: e.error });
  }
}

/**
 * The executor returned: whatever it did not attempt becomes a finished `skipped` row (printed
 * once, like the others), so the last redrawn frame is only the footer.
 */
/** An interrupt arrived; the view says so until the executor returns. */
export function interruptProgress(s: ProgressState): ProgressState {
  return { ...s, interrupted: true };
}

export function finishProgress(s: ProgressState, outcome: Outcome): ProgressState {
  const interrupted = Boolean(outcome.interrupted);
  const skipped = outcome.notDone.map((step): Row => ({ address: step.address, action: step.action, state: { kind: 'skipped', interrupted } }));
  return { finished: [...s.finished, ...skipped], live: [], outcome };
}
