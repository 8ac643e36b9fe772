/**
 * Each Gateway's resource changes as a collapsed `<details>` block holding the text plan in a
 * ```diff fence, each line's action symbol moved to the first column so GitHub colours it. Blocks
 * go in table order while they fit the budget; the one that does not fit is cut at a line, and
 * the rest are left out, each time with a note naming the command that shows what is missing.
 */
import { shorten } from '../../diagnostics.js';
import { makeChalk } from '../color.js';
import { code, fence, GITHUB_COMMENT_LIMIT, html, linesSize, plural, size } from './markdown-format.js';
import type { PlanTarget, StackRow } from './markdown-summary.js';
import { renderChanges } from './targets.js';
import { renderResourceChange } from './text.js';

/** The smallest room worth a cut block: below it, the block is left out whole. */
const MIN_PARTIAL = 2_000;

// A function, not a constant: the first toLocaleString loads ICU's number formats (~20 ms), which
// every command importing the plan renderers paid at start-up, markdown or not.
const limit = () => `GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character limit`;

/** `  + foo` → `+   foo`; `-/+ resource` → `-/+ resource` (already first). */
function diffLine(line: string): string {
  const m = /^(\s*)([+~-])( .*)?$/.exec(line);
  if (!m) return line;
  const symbol = m[2] === '~' ? '!' : m[2]!;
  return `${symbol}${m[1]}${m[3] ?? ''}`;
}

export interface RerunInput {
  readonly target: PlanTarget;
  /** The -f arguments of this plan; `-f …` when not given or too long to repeat. */
  readonly files?: readonly string[];
}

const TARGET_FLAG: Readonly<Record<PlanTarget, string>> = { offline: ' --offline', sandbox: ' --sandbox', endpoint: ' --endpoint-url …', account: '' };

function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `gwlb plan -f FILES --offline --gateway NS/NAME`: the plan of one Gateway, whole. */
export function planCommand(input: RerunInput, gateway: string): string {
  const files = (input.files ?? []).map((f) => `-f ${shellWord(f)}`).join(' ');
  const given = files !== '' && files.length <= 200 ? files : '-f …';
  return `gwlb plan ${given}${TARGET_FLAG[input.target]} --gateway ${shellWord(gateway)}`;
}

function summary(row: StackRow, cut: boolean): string {
  const c = row.counts;
  return `<details><summary><code>${html(shorten(row.id))}</code>: ${c.add} to add, ${c.change} to change, ${c.destroy} to destroy${cut ? ' (cut short)' : ''}</summary>`;
}

function block(row: StackRow, lines: readonly string[], f: string, note?: string): string[] {
  return [summary(row, note !== undefined), '', `${f}diff`, ...lines, f, '', ...(note ? [note, ''] : []), '</details>', ''];
}

function cutNote(row: StackRow, left: number, input: RerunInput): string {
  return `> **Cut short:** this Gateway's plan has ${plural(left, 'more line', 'more lines')}, not shown to keep this comment under ${limit()}. To see all of it, run ${code(planCommand(input, row.id))} with the other options of this plan; \`-o json\` prints the plan data.`;
}

function omittedNote(from: StackRow, count: number, input: RerunInput): string {
  return `> **Left out:** the changes of ${plural(count, 'more Gateway', 'more Gateways')}, from ${code(shorten(from.id))} on in the table, to keep this comment under ${limit()}. To see a Gateway's, run ${code(planCommand(input, 'NS/NAME'))} with the other options of this plan; \`-o json\` prints the whole plan.\n`;
}

/** The head of `row`'s block that fits `room` bytes, with the note that it was cut; none below MIN_PARTIAL. */
function cutBlock(row: StackRow, lines: readonly string[], f: string, room: number, input: RerunInput): string[] | undefined {
  if (room < MIN_PARTIAL) return undefined;
  const left = room - linesSize(block(row, [], f, cutNote(row, lines.length, input)));
  const shown: string[] = [];
  let used = 0;
  for (const l of lines) {
    used += linesSize([l]);
    if (used > left) break;
    shown.push(l);
  }
  return block(row, shown, f, cutNote(row, lines.length - shown.length, input));
}

/** The blocks of the Gateways with changes, within `budget` bytes. */
export function detailLines(rows: readonly StackRow[], budget: number, input: RerunInput): string[] {
  const plain = makeChalk(false);
  const changed = rows.filter((r) => r.changes.length > 0);
  if (changed.length === 0) return [];
  const longest = changed.reduce((a, r) => (size(shorten(r.id)) > size(shorten(a.id)) ? r : a));
  // Kept free for the note on the Gateways left out, sized for the most and the longest name.
  const reserve = linesSize([omittedNote(longest, changed.length, input)]);
  const out: string[] = [];
  let used = 0;
  for (const [i, row] of changed.entries()) {
    const lines = renderChanges(row.changes, plain, (rc) => renderResourceChange(rc, plain)).map(diffLine);
    while (lines.at(-1) === '') lines.pop();
    const f = fence(lines);
    // The last block may use the reserve when it fits whole: no note follows it then.
    const last = i === changed.length - 1;
    const room = budget - used - reserve;
    const full = block(row, lines, f);
    if (linesSize(full) <= room + (last ? reserve : 0)) {
      out.push(...full);
      used += linesSize(full);
      continue;
    }
    const cut = cutBlock(row, lines, f, room, input);
    if (cut) out.push(...cut);
    const next = cut ? i + 1 : i;
    if (next < changed.length) out.push(omittedNote(changed[next]!, changed.length - next, input));
    break;
  }
  return out;
}
