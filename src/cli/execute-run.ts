/**
 * The back half shared by `gwlb apply` and `gwlb destroy`: show the plan, ask for `yes` when it
 * changes something (Terraform's prompt, or its destroy prompt), execute it with the progress view
 * a terminal gets or one line per action, then plan again and say whether the account matches.
 * Exit code 1 when an action failed, a stack was aborted, or the account does not match after.
 */
import { createInterface } from 'node:readline/promises';
import type { AwsConnection } from '../aws/clients.js';
import type { AwsSession } from '../aws/session.js';
import { executePlan } from '../apply/execute.js';
import type { ClusterSettings } from '../model/settings.js';
import type { Stack } from '../model/stack.js';
import { abortedStacks, applicablePart, hasChanges, refusedStacks, type ObservedState, type Plan } from '../plan/index.js';
import { abortedText, refusedText } from '../ui/apply/refusals.js';
import { installInterrupt } from '../run/interrupt.js';
import { CANCELLED_TEXT, CONFIRM_QUESTION, callsText, inkReporter, lineReporter, plannedSteps, verifyText, wantsProgressView, type ApplyReporter } from '../ui/apply/index.js';
import { renderPlanText } from '../ui/plan/index.js';
import type { ChalkInstance } from 'chalk';

export interface ExecuteRun {
  readonly plan: Plan;
  readonly desired: readonly Stack[];
  readonly observed: ObservedState;
  readonly session: AwsSession;
  readonly conn: AwsConnection;
  readonly settings: ClusterSettings;
  readonly chalk: ChalkInstance;
  /** Already approved: `--auto-approve`, or a saved plan the user reviewed. */
  readonly approved: boolean;
  /** The prompt shown before the `yes` question (apply's or destroy's). */
  readonly prompt: string;
  /** `--no-color`: also no ink view. */
  readonly noColor: boolean;
  /** Plans again after the apply, through the same session, to verify. */
  readonly replan: () => Promise<{ readonly plan: Plan }>;
  readonly fail: (text: string) => void;
}

async function confirm(prompt: string): Promise<boolean> {
  process.stdout.write(prompt);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(CONFIRM_QUESTION);
  rl.close();
  return answer.trim() === 'yes';
}

/** Returns the exit code: 0, 1, or 130 / 143 when interrupted by SIGINT / SIGTERM. */
export async function showApproveExecute(run: ExecuteRun): Promise<number> {
  const { plan, chalk } = run;
  const say = (text: string) => process.stdout.write(text);
  say(renderPlanText(plan, chalk));
  // Stacks LBC would refuse to touch, and stacks whose target group port waits for the API server
  // (shown in the plan as known after apply), are left alone; the others are applied; the exit says so.
  const aborted = abortedStacks(plan);
  const refused = refusedStacks(plan);
  const failRefusals = () => {
    if (aborted.length > 0) run.fail(abortedText(aborted));
    if (refused.length > 0) run.fail(refusedText(refused));
  };
  const runnable = applicablePart(plan);
  if (plannedSteps(runnable).length === 0) {
    if (aborted.length === 0 && refused.length === 0) return 0;
    failRefusals();
    return 1;
  }
  // Re-sending OIDC secrets alone changes nothing a reviewer could see: no prompt for it.
  if (!run.approved && hasChanges(runnable)) {
    if (!process.stdin.isTTY) {
      run.fail('no terminal to ask for approval; pass --auto-approve, or apply a saved plan (gwlb plan --out FILE, then gwlb apply FILE)');
      return 1;
    }
    if (!(await confirm(run.prompt))) {
      say(CANCELLED_TEXT);
      return 1;
    }
  }
  say('\n');
  // The ink view for a person at a terminal; one line per action for pipes, CI and --no-color.
  const progress: ApplyReporter = wantsProgressView(process.stdout, run.noColor) ? inkReporter({ steps: plannedSteps(runnable) }) : lineReporter(say, chalk);
  // Ctrl-C / SIGTERM until the executor returns: no new AWS call starts, the report says what
  // was done and what was not, and the exit is 130 / 143 without the verifying plan.
  const interrupt = installInterrupt({ onInterrupt: () => progress.interrupted(), beforeExit: () => void progress.abort() });
  const outcome = await executePlan({ plan: runnable, desired: run.desired, observed: run.observed, session: run.session, settings: run.settings, signal: interrupt.signal, onEvent: (e) => progress.onEvent(e) })
    .catch(async (err: unknown) => {
      await progress.abort();
      throw err;
    })
    .finally(() => interrupt.dispose());
  await progress.finish(outcome);
  const interrupted = interrupt.exitCode();
  if (interrupted !== undefined) return interrupted;
  run.session.refresh();
  const after = await run.replan();
  // Refused stacks still differ, as the plan said: the check covers what was applied.
  const matches = !hasChanges(applicablePart(after.plan)) && abortedStacks(after.plan).length === 0;
  say(verifyText(!matches, chalk));
  const calls = run.conn.calls;
  say(callsText({ total: calls.total(), writes: calls.writes(), attempts: calls.attempts() }));
  failRefusals();
  // The post-apply check is the contract: an account that does not match is a failed apply.
  return outcome.failed.length > 0 || !matches || aborted.length > 0 || refused.length > 0 ? 1 : 0;
}
