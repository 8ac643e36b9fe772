/**
 * The top of the markdown plan: what was planned against what, the totals, and one table row per
 * Gateway the plan covers — with changes, without changes, or left alone (orphaned, aborted, no
 * model) — so a reviewer sees every Gateway even when the details below are cut short.
 */
import { CLUSTER_STACK } from '../../plan/backend-sg.js';
import { shorten } from '../../diagnostics.js';
import { actionKind, summarize, type Plan, type PlannedStack, type PlanSummary, type ResourceChange } from '../../plan/types.js';
import { makeChalk } from '../color.js';
import { cell, code, fitItems, linesSize, plural } from './markdown-format.js';
import type { NoteWording } from './notes.js';
import { summaryLine } from './text.js';

/** What the plan was compared with: the CLI's --offline, --sandbox, --endpoint-url, or AWS itself. */
export type PlanTarget = 'offline' | 'sandbox' | 'endpoint' | 'account';

/** A Gateway's stack in the plan, with its resource changes in plan order. */
export interface StackRow {
  readonly id: string;
  readonly stack?: PlannedStack;
  readonly counts: PlanSummary;
  readonly changes: readonly ResourceChange[];
}

/** Rows in the plan's stack order; a stack only the changes name (none today) comes last. */
export function stackRows(plan: Plan): StackRow[] {
  const changes = new Map<string, ResourceChange[]>();
  for (const rc of plan.resource_changes) {
    if (actionKind(rc.change.actions) === 'no-op') continue;
    const own = changes.get(rc.stack) ?? [];
    own.push(rc);
    changes.set(rc.stack, own);
  }
  const stacks = new Map(plan.stacks.map((s) => [s.id, s]));
  const ids = [...new Set([...stacks.keys(), ...changes.keys()])];
  return ids.map((id) => {
    const own = changes.get(id) ?? [];
    const stack = stacks.get(id);
    return { id, ...(stack ? { stack } : {}), counts: summarize({ resource_changes: own }), changes: own };
  });
}

const TARGET: Readonly<Record<PlanTarget, string>> = {
  offline: 'planned offline, against an empty account (`--offline`)',
  sandbox: 'planned against the built-in AWS emulator (`--sandbox`)',
  endpoint: 'planned against an AWS API endpoint (`--endpoint-url`)',
  account: 'planned against the AWS account',
};

/** Title, cluster and target, and the totals line with its lead words in bold. */
export function headerLines(plan: Plan, target: PlanTarget, wording: NoteWording): string[] {
  const title = plan.destroy ? '### gwlb plan (destroy)' : '### gwlb plan';
  const summary = summaryLine(plan, makeChalk(false), wording).replace(/^(Plan:|Planning failed\.|No changes\.)/, '**$1**');
  return [title, '', `Cluster ${code(shorten(plan.cluster))}, ${TARGET[target]}.`, '', summary, ''];
}

function statusLabel(plan: Plan, row: StackRow): string {
  switch (row.stack?.status) {
    case 'aborted':
      return '**aborted** (see the errors below)';
    case 'model-failed':
      return 'no model, left as is';
    case 'orphaned':
      return plan.prune ? 'orphaned, pruned' : 'orphaned, left as is';
    case 'destroyed':
      return 'destroyed';
    default:
      return row.counts.add + row.counts.change + row.counts.destroy > 0 ? 'changes' : 'no changes';
  }
}

/** The table, cut to `budget` bytes with a last row counting the Gateways left out. */
export function tableLines(plan: Plan, rows: readonly StackRow[], budget: number): string[] {
  if (rows.length === 0) return [];
  const head = ['| Gateway | Status | To add | To change | To destroy |', '| --- | --- | ---: | ---: | ---: |'];
  // The cluster-wide row (the shared backend security group) is no Gateway: say what it is.
  const name = (id: string) => (id === CLUSTER_STACK ? 'cluster-wide (shared backend security group)' : cell(code(shorten(id))));
  const body = rows.map((r) => `| ${name(r.id)} | ${statusLabel(plan, r)} | ${r.counts.add} | ${r.counts.change} | ${r.counts.destroy} |`);
  const more = (n: number) => `| … ${plural(n, 'more Gateway', 'more Gateways')}: \`-o json\` lists every one | | | | |`;
  return [...head, ...fitItems(body, budget - linesSize([...head, '']), more), ''];
}
