/**
 * The apply half of a watch round with `--apply`: the executor (apply/execute.ts) on the part of
 * the plan apply would run (`applicablePart`), its progress as `apply_progress` events, then — as
 * `gwlb apply` does after executing — a fresh plan through the same session, to say whether the
 * account now matches. Nothing is asked: `--apply` is the yes. An interrupt (the signal) stops
 * new AWS calls; the calls in flight finish, and the outcome says what was not started.
 */
import { executePlan, type ApplyEvent } from '../apply/execute.js';
import type { AwsSession } from '../aws/session.js';
import type { ClusterSettings } from '../model/settings.js';
import type { Stack } from '../model/stack.js';
import { abortedStacks, applicablePart, hasChanges, type ObservedState, type Plan } from '../plan/index.js';
import type { WatchEvent } from './events.js';

export interface ApplyRoundRequest {
  readonly plan: Plan;
  readonly desired: readonly Stack[];
  readonly observed: ObservedState;
  readonly session: AwsSession;
  readonly settings: ClusterSettings;
  readonly signal: AbortSignal;
  readonly round: number;
  readonly emit: (e: WatchEvent) => void;
  readonly time: () => string;
  readonly replan: () => Promise<{ readonly plan: Plan }>;
}

export interface ApplyResult {
  /** Whether anything was executed (false: the plan had no changes to apply). */
  readonly ran: boolean;
  readonly failed: number;
  /** Stopped by a signal with actions not started. */
  readonly cutShort: boolean;
  /** The verifying plan found no changes (false when it did not run). */
  readonly matches: boolean;
}

const STATE = { start: 'started', done: 'done', failed: 'failed' } as const;

export async function applyRound(req: ApplyRoundRequest): Promise<ApplyResult> {
  const runnable = applicablePart(req.plan);
  // Only a plan with changes is applied: re-sending OIDC secrets alone (LBC's every reconcile)
  // would make every round of an idle watch write to AWS.
  if (!hasChanges(runnable)) return { ran: false, failed: 0, cutShort: false, matches: true };
  const gateways = [...new Set(runnable.resource_changes.filter((rc) => rc.change.actions[0] !== 'no-op').map((rc) => rc.stack))];
  const onEvent = (e: ApplyEvent) =>
    req.emit({ type: 'apply_progress', round: req.round, time: req.time(), address: e.step.address, action: e.step.action, state: STATE[e.kind], ...(e.kind === 'done' ? { ms: Math.round(e.ms) } : {}), ...(e.kind === 'failed' ? { error: e.error } : {}) });
  const outcome = await executePlan({ plan: runnable, desired: req.desired, observed: req.observed, session: req.session, settings: req.settings, signal: req.signal, onEvent });
  const counts = { done: outcome.done.length, failed: outcome.failed.length, not_done: outcome.notDone.length };
  if (outcome.interrupted) {
    req.emit({ type: 'apply_done', round: req.round, time: req.time(), ...counts, interrupted: true, gateways });
    return { ran: true, failed: counts.failed, cutShort: counts.not_done > 0, matches: false };
  }
  req.session.refresh();
  const after = await req.replan();
  const matches = !hasChanges(applicablePart(after.plan)) && abortedStacks(after.plan).length === 0;
  req.emit({ type: 'apply_done', round: req.round, time: req.time(), ...counts, interrupted: false, matches, gateways });
  return { ran: true, failed: counts.failed, cutShort: false, matches };
}
