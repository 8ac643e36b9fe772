/**
 * Size accounting and escaping for the markdown plan. GitHub refuses a comment over 65,536
 * characters. Sizes here are UTF-8 bytes: never fewer than the characters, however GitHub counts
 * them (UTF-16 units or code points), so a comment within the budget is within the limit.
 */

export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * What the whole comment may take. Below the limit, to leave room for what a CI wrapper adds
 * around it (a header, a footer, the job's link) and for line ends sent as CRLF.
 */
export const COMMENT_BUDGET = 60_000;

export function size(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The size of `lines` joined, each followed by a newline: what `lines.join('\n') + '\n'` takes. */
export function linesSize(lines: readonly string[]): number {
  let n = 0;
  for (const l of lines) n += size(l) + 1;
  return n;
}

function longestBacktickRun(lines: readonly string[]): number {
  let longest = 0;
  for (const l of lines) for (const run of l.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** A code fence longer than any backtick run in `body`, so no string in it closes the block early. */
export function fence(body: readonly string[]): string {
  return '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
}

/** Inline code that a backtick inside `s` cannot close; newlines become spaces. */
export function code(s: string): string {
  const text = s.replace(/[\r\n]+/g, ' ');
  const ticks = '`'.repeat(longestBacktickRun([text]) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A table cell: a `|` ends the cell even inside code, unless escaped. */
export function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** Text inside an HTML element (`<summary>`): markdown is not rendered there. */
export function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A sentence as markdown prose: GitHub would swallow `<its resource id>` as an unknown HTML tag. */
export function prose(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/**
 * The longest head of `items` that fits `budget` together with `more(n)`, the item saying that n
 * were left out; all of them when they fit. `more` is sized for the largest n, so it always fits.
 */
export function fitItems(items: readonly string[], budget: number, more: (left: number) => string): string[] {
  if (linesSize(items) <= budget) return [...items];
  const room = budget - linesSize([more(items.length)]);
  const out: string[] = [];
  let used = 0;
  for (const item of items) {
    const n = size(item) + 1;
    if (used + n > room) break;
    out.push(item);
    used += n;
  }
  return [...out, more(items.length - out.length)];
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
