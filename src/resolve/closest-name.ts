/** "Did you mean …?" for a name that is not there: the nearest known name within a small edit distance. */

/** Levenshtein distance (insertions, deletions, substitutions), two rows at a time. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Edits a typo may take; more, and two short names (`alb`, `nlb`) would suggest each other for anything. */
const MAX_DISTANCE = 2;

/**
 * The known name closest to `name` (case-insensitive), if it is at most MAX_DISTANCE edits away
 * and fewer edits than the longer of the two has characters; ties go to the alphabetically first, so the hint is stable.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const k of [...known].sort()) {
    if (k === name) continue;
    const distance = editDistance(name.toLowerCase(), k.toLowerCase());
    if (distance > MAX_DISTANCE || distance >= Math.max(name.length, k.length)) continue;
    if (!best || distance < best.distance) best = { name: k, distance };
  }
  return best?.name;
}
