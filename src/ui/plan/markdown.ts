/**
 * `gwlb plan -o markdown`: a pull-request comment. The cluster and what the plan was made
 * against, the totals, a table row per Gateway, the input's diagnostics and the plan's notes, then
 * each Gateway's changes in a collapsed block. GitHub refuses a comment over 65,536 characters,
 * so every part has a size budget: the top parts are always present (cut only past caps no
 * realistic plan reaches), and the details take what is left, cut short with the command that
 * shows the rest.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Plan } from '../../plan/types.js';
import { detailLines } from './markdown-details.js';
import { COMMENT_BUDGET, linesSize } from './markdown-format.js';
import { diagnosticLines, MARKDOWN_WORDING, noteLines } from './markdown-notes.js';
import { headerLines, stackRows, tableLines, type PlanTarget } from './markdown-summary.js';

export type { PlanTarget } from './markdown-summary.js';

export interface MarkdownOptions {
  /** What the plan was compared with. */
  readonly target: PlanTarget;
  /** The input's diagnostics: the comment lists the errors and warnings. */
  readonly diagnostics: readonly Diagnostic[];
  /** The -f arguments, for the command that shows what a cut comment leaves out. */
  readonly files?: readonly string[];
}

/**
 * Caps, in bytes, of the parts above the details. With the title and totals (a few hundred bytes)
 * at most some 45,000 of the 60,000 budget, so the details always get some 15,000: room for a few
 * Gateways' changes.
 */
const TABLE_CAP = 24_000;
const DIAGNOSTICS_CAP = 8_000;
const NOTES_CAP = 12_000;

export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions): string {
  const rows = stackRows(plan);
  const top = [
    ...headerLines(plan, options.target, MARKDOWN_WORDING),
    ...tableLines(plan, rows, TABLE_CAP),
    ...diagnosticLines(options.diagnostics, DIAGNOSTICS_CAP),
    ...noteLines(plan, NOTES_CAP),
  ];
  const details = detailLines(rows, COMMENT_BUDGET - linesSize(top), options);
  return `${[...top, ...details].join('\n').trimEnd()}\n`;
}
