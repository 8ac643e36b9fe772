/**
 * The input's diagnostics and the plan's notes, as markdown. A terminal shows the diagnostics on
 * standard error before the plan; a pull-request comment has only itself, so it lists them. Notes
 * come errors first, and many per-Gateway notes of one kind (200 Gateways without metadata.uid)
 * become one sentence, so they cannot crowd out the rest of the comment.
 */
import { shorten, type Diagnostic } from '../../diagnostics.js';
import type { Plan } from '../../plan/types.js';
import { makeChalk } from '../color.js';
import { diagnosticSummary, renderDiagnostics } from '../diagnostics.js';
import { code, fence, fitItems, linesSize, plural, prose } from './markdown-format.js';
import { formatNote, planNoteList, type NoteWording, type PlanNote, type PlanNoteKind } from './notes.js';
import { someOf } from '../list-text.js';

/** The heading other sentences point to ("see Diagnostics"). */
export const MARKDOWN_WORDING: NoteWording = { diagnostics: 'see Diagnostics' };

/** Errors and warnings with their locations, in a plain code block, cut to `budget` bytes. */
export function diagnosticLines(diagnostics: readonly Diagnostic[], budget: number): string[] {
  const text = renderDiagnostics(diagnostics, makeChalk(false), { verbose: false });
  if (text === '') return [];
  const lines = text.trimEnd().split('\n');
  const f = fence(lines);
  const head = [`**Diagnostics:** ${diagnosticSummary(diagnostics)}`, '', f];
  const tail = [f, ''];
  const more = (n: number) => `… ${plural(n, 'more diagnostic is', 'more diagnostics are')} not shown; gwlb plan writes every one to standard error.`;
  return [...head, ...fitItems(lines, budget - linesSize([...head, ...tail]), more), ...tail];
}

/** How many Gateways a merged note names before it only counts the rest. */
const NAMED = 10;

function gatewayList(ids: readonly string[]): string {
  return someOf(ids.map((id) => code(shorten(id))), NAMED);
}

/** One sentence for many notes of a kind; only kinds that come once per Gateway have one. */
const MERGED: Partial<Record<PlanNoteKind, (ids: readonly string[]) => string>> = {
  'stand-in-uid': (ids) =>
    `${ids.length} Gateways have no metadata.uid, so their load balancer and security group names hash stand-in UIDs: ${gatewayList(ids)}. LBC hashes the real UIDs: names will differ for the same Gateways read from a cluster (existing load balancers are still found by their tags).`,
  orphan: (ids) => `the account holds ${ids.length} stacks owned by this cluster whose Gateways are not in the input: ${gatewayList(ids)}. They are left as they are. Pass --prune to delete them.`,
};

/** More notes of one mergeable kind than this become one sentence. */
const MERGE_ABOVE = 3;

function merged(notes: readonly PlanNote[]): PlanNote[] {
  const byKind = new Map<PlanNoteKind, PlanNote[]>();
  for (const n of notes) {
    const same = byKind.get(n.kind) ?? [];
    same.push(n);
    byKind.set(n.kind, same);
  }
  const out: PlanNote[] = [];
  const done = new Set<PlanNoteKind>();
  for (const n of notes) {
    const merge = MERGED[n.kind];
    const same = byKind.get(n.kind) ?? [];
    if (!merge || same.length <= MERGE_ABOVE) {
      out.push(n);
    } else if (!done.has(n.kind)) {
      done.add(n.kind);
      out.push({ severity: n.severity, kind: n.kind, text: merge(same.map((m) => m.stack ?? '')) });
    }
  }
  return out;
}

const RANK: Readonly<Record<PlanNote['severity'], number>> = { error: 0, warning: 1, note: 2 };

/** Each note a quoted paragraph, errors first, cut to `budget` bytes. */
export function noteLines(plan: Plan, budget: number): string[] {
  const plain = makeChalk(false);
  // Escaped before merging: a merged sentence names Gateways in code spans, where `&lt;` would show as is.
  const notes = merged(planNoteList(plan, MARKDOWN_WORDING).map((n) => ({ ...n, text: prose(n.text) })))
    .map((n, i) => ({ n, i }))
    .sort((a, b) => RANK[a.n.severity] - RANK[b.n.severity] || a.i - b.i);
  const paragraphs = notes.map(({ n }) => `> ${formatNote(n, plain)}\n`);
  const more = (n: number) => `> … ${plural(n, 'more note is', 'more notes are')} not shown; \`gwlb plan\` without \`-o markdown\` prints every one.\n`;
  return fitItems(paragraphs, budget, more);
}
