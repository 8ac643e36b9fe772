/**
 * `gwlb plan -o markdown`: a pull-request comment — the summary line, one row per Gateway, notes,
 * and the full text plan in a collapsible block. The text plan goes in a ```diff fence with each
 * line's action symbol moved to the first column, so GitHub colours additions and removals.
 */
import { makeChalk } from '../color.js';
import { actionKind, type Plan, type PlanSummary } from '../../plan/types.js';
import { planNotes } from './notes.js';
import { renderPlanText, summaryLine } from './text.js';

function countByStack(plan: Plan): Map<string, PlanSummary> {
  const out = new Map<string, { add: number; change: number; destroy: number }>();
  for (const rc of plan.resource_changes) {
    const s = out.get(rc.stack) ?? { add: 0, change: 0, destroy: 0 };
    const kind = actionKind(rc.change.actions);
    if (kind === 'create' || kind === 'delete-create' || kind === 'create-delete') s.add++;
    if (kind === 'update') s.change++;
    if (kind === 'delete' || kind === 'delete-create' || kind === 'create-delete') s.destroy++;
    out.set(rc.stack, s);
  }
  return out;
}

/** `  + foo` → `+   foo`; `-/+ resource` → `-/+ resource` (already first). */
function diffLine(line: string): string {
  const m = /^(\s*)([+~-])( .*)?$/.exec(line);
  if (!m) return line;
  const symbol = m[2] === '~' ? '!' : m[2]!;
  return `${symbol}${m[1]}${m[3] ?? ''}`;
}

export function renderPlanMarkdown(plan: Plan): string {
  const plain = makeChalk(false);
  const counts = countByStack(plan);
  const out: string[] = ['### gwlb plan', '', summaryLine(plan, plain).replace(/^Plan:/, '**Plan:**'), ''];
  if (counts.size > 0) {
    out.push('| Gateway | to add | to change | to destroy |', '| --- | ---: | ---: | ---: |');
    for (const [stack, s] of counts) {
      if (s.add + s.change + s.destroy > 0) out.push(`| \`${stack}\` | ${s.add} | ${s.change} | ${s.destroy} |`);
    }
    out.push('');
  }
  for (const n of planNotes(plan, plain)) out.push(`> ${n}`, '');
  const text = renderPlanText(plan, plain).trimEnd().split('\n').map(diffLine).join('\n');
  out.push('<details><summary>Show the plan</summary>', '', '```diff', text, '```', '', '</details>', '');
  return out.join('\n');
}
