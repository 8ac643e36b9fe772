/**
 * A list named in a sentence, cut short: `a, b, c and 4 more`. Shared by every message that names
 * some of many things (Gateways, files, objects, rules) so they all read alike.
 */
export function someOf(items: readonly string[], named: number): string {
  const shown = items.slice(0, named).join(', ');
  return items.length > named ? `${shown} and ${items.length - named} more` : shown;
}
