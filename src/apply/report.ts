/**
 * Apply's text output, Terraform's wording (ux-anchors.md §1.1): one line per action as it starts
 * and ends (`ADDR: Creating...`, `ADDR: Creation complete after 1s`), then
 * `Apply complete! Resources: X added, Y changed, Z destroyed.` or a failure report listing what
 * was done and what was not. (Rendering only; it belongs in src/ui/apply/ once that exists.)
 */
import type { ChalkInstance } from 'chalk';
import type { ApplyEvent, ApplyOutcome, Step, StepAction } from './execute.js';

const VERB: Record<StepAction, [string, string]> = {
  create: ['Creating...', 'Creation complete'],
  update: ['Modifying...', 'Modifications complete'],
  delete: ['Destroying...', 'Destruction complete'],
  replace: ['Replacing...', 'Replacement complete'],
};

export function eventLine(e: ApplyEvent, chalk: ChalkInstance): string {
  const addr = chalk.bold(e.step.address);
  switch (e.kind) {
    case 'start':
      return `${addr}: ${VERB[e.step.action][0]}\n`;
    case 'done':
      return `${addr}: ${VERB[e.step.action][1]} after ${Math.round(e.ms / 1000)}s\n`;
    case 'failed':
      return `${addr}: ${chalk.red('failed')}: ${e.error}\n`;
  }
}

export function countSteps(steps: readonly Step[]): { added: number; changed: number; destroyed: number } {
  let added = 0;
  let changed = 0;
  let destroyed = 0;
  for (const s of steps) {
    if (s.action === 'create') added++;
    else if (s.action === 'update') changed++;
    else if (s.action === 'delete') destroyed++;
    else {
      added++;
      destroyed++;
    }
  }
  return { added, changed, destroyed };
}

export function outcomeText(o: ApplyOutcome, chalk: ChalkInstance): string {
  const c = countSteps(o.done);
  if (o.failed.length === 0) return `\n${chalk.bold.green(`Apply complete! Resources: ${c.added} added, ${c.changed} changed, ${c.destroyed} destroyed.`)}\n`;
  const lines = ['', chalk.bold.red(`Apply failed: ${o.failed.length} action(s) failed; ${o.done.length} done, ${o.notDone.length} not attempted.`)];
  for (const f of o.failed) lines.push(`${chalk.red('Error:')} ${f.address} (${f.action}): ${f.error}`);
  if (o.done.length > 0) lines.push('', 'Done:', ...o.done.map((s) => `  ✓ ${s.address} (${s.action})`));
  if (o.notDone.length > 0) lines.push('', 'Not done:', ...o.notDone.map((s) => `  · ${s.address} (${s.action})`));
  lines.push('', 'Every resource gwlb created carries its tracking tags, so running gwlb apply again picks up where this stopped.');
  return `${lines.join('\n')}\n`;
}
