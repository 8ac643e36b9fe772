/**
 * Apply's line-per-action output, used when stdout is not a terminal (pipes, CI, --no-color),
 * in Terraform's wording (ux-anchors.md §1.1): one line per action as it starts and ends
 * (`ADDR: Creating...`, `ADDR: Creation complete after 1s`), then
 * `Apply complete! Resources: X added, Y changed, Z destroyed.` or a failure report listing
 * what was done and what was not. The e2e tests and users' log parsers match these lines, so
 * the bytes are a contract: change them only on purpose. An interrupted apply (Ctrl-C, SIGTERM)
 * reports the same way, as `Apply interrupted: N done, M not started.`
 */
import type { ChalkInstance } from 'chalk';
import { countSteps, type Outcome, type ProgressEvent, type Step, type StepAction } from './steps.js';

/** [line as it starts, line as it ends] per action, as Terraform's apply hooks word them. */
const VERB: Record<StepAction, [string, string]> = {
  create: ['Creating...', 'Creation complete'],
  update: ['Modifying...', 'Modifications complete'],
  delete: ['Destroying...', 'Destruction complete'],
  replace: ['Replacing...', 'Replacement complete'],
  'resend-secret': ['Re-sending OIDC client secret...', 'OIDC client secret re-sent'],
};

/** Whole seconds, rounded, as Terraform's `after Ns`. */
export const wholeSeconds = (ms: number): number => Math.round(ms / 1000);

export function eventLine(e: ProgressEvent, chalk: ChalkInstance): string {
  const addr = chalk.bold(e.step.address);
  switch (e.kind) {
    case 'start':
      return `${addr}: ${VERB[e.step.action][0]}\n`;
    case 'done':
      return `${addr}: ${VERB[e.step.action][1]} after ${wholeSeconds(e.ms)}s\n`;
    case 'failed':
      return `${addr}: ${chalk.red('failed')}: ${e.error}\n`;
  }
}

/** The sentences of the end-of-apply report; the text and the ink view both show these. */
export const outcomeWords = {
  complete(o: Outcome): string {
    const c = countSteps(o.done);
    const resent = c.resent > 0 ? ` OIDC client secrets re-sent: ${c.resent}.` : '';
    return `Apply complete! Resources: ${c.added} added, ${c.changed} changed, ${c.destroyed} destroyed.${resent}`;
  },
  failed(o: Outcome): string {
    return `Apply failed: ${o.failed.length} action(s) failed; ${o.done.length} done, ${o.notDone.length} not attempted.`;
  },
  interrupted(o: Outcome): string {
    const failed = o.failed.length > 0 ? ` ${o.failed.length} failed,` : '';
    return `Apply interrupted: ${o.done.length} done,${failed} ${o.notDone.length} not started.`;
  },
  error(f: Step & { readonly error: string }): string {
    return `${f.address} (${f.action}): ${f.error}`;
  },
  resume: 'Every resource gwlb created carries its tracking tags, so running gwlb apply again picks up where this stopped.',
};

export function outcomeText(o: Outcome, chalk: ChalkInstance): string {
  if (o.failed.length === 0 && !o.interrupted) return `\n${chalk.bold.green(outcomeWords.complete(o))}\n`;
  const lines = ['', o.interrupted ? chalk.bold.yellow(outcomeWords.interrupted(o)) : chalk.bold.red(outcomeWords.failed(o))];
  for (const f of o.failed) lines.push(`${chalk.red('Error:')} ${outcomeWords.error(f)}`);
  if (o.done.length > 0) lines.push('', 'Done:', ...o.done.map((s) => `  ✓ ${s.address} (${s.action})`));
  if (o.notDone.length > 0) lines.push('', 'Not done:', ...o.notDone.map((s) => `  · ${s.address} (${s.action})`));
  lines.push('', outcomeWords.resume);
  return `${lines.join('\n')}\n`;
}

/**
 * What an interrupt (Ctrl-C, SIGTERM) during apply says: Terraform's words on the first one (on
 * stdout, as its Operation view), then on a forced exit, on stderr: a second interrupt, or the
 * calls in flight outlasting the grace period. Both forced exits end with how to resume.
 */
export const INTERRUPT_TEXT = '\nInterrupt received.\nPlease wait for gwlb to exit or data loss may occur.\nGracefully shutting down...\n';

export type ForcedExit = { readonly kind: 'second-signal' } | { readonly kind: 'grace-expired'; readonly graceMs: number };

export function forcedExitText(why: ForcedExit): string {
  const first =
    why.kind === 'second-signal'
      ? 'Two interrupts received. Exiting immediately. Note that data loss may have occurred.'
      : `The AWS calls in flight did not finish within ${wholeSeconds(why.graceMs)}s of the interrupt. Exiting without waiting for them.`;
  return `\n${first}\n${outcomeWords.resume}\n`;
}

/** Terraform's approval prompt (backend_apply.go), before the readline question. */
export const CONFIRM_PROMPT = "\nDo you want to perform these actions?\n  gwlb will perform the actions described above.\n  Only 'yes' will be accepted to approve.\n\n";
export const CONFIRM_QUESTION = '  Enter a value: ';

/** Terraform's destroy prompt (backend_apply.go, destroy mode). */
export const DESTROY_PROMPT = "\nDo you really want to destroy all resources?\n  gwlb will destroy all the resources shown above.\n  There is no undo. Only 'yes' will be accepted to confirm.\n\n";
export const CANCELLED_TEXT = '\nApply cancelled.\n';

/** After apply gwlb observes the account again and plans: does it now match? */
export function verifyText(stillChanges: boolean, chalk: ChalkInstance): string {
  return stillChanges
    ? `\n${chalk.yellow('The account does not match the manifests yet')}: run gwlb plan to see what is left, then gwlb apply again.\n`
    : '\nThe account now matches the manifests.\n';
}

export function callsText(calls: { total: number; writes: number; attempts: number }): string {
  return `AWS calls: ${calls.total} (${calls.writes} writes, ${calls.attempts} HTTP attempts with retries).\n`;
}
