/** Suggestions for a mistyped id: the known ids closest to it by edit distance. */

/** Levenshtein distance: insertions, deletions and substitutions, one each. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * Up to `count` known ids nearest to `wanted`: ids containing it first (a partial id), then by edit
 * distance; ties in the order given.
 */
export function nearestIds(wanted: string, known: readonly string[], count = 3): string[] {
  return known
    .map((id, order) => ({
      id,
      order,
      contains: id.includes(wanted) ? 0 : 1,
      distance: editDistance(wanted, id),
    }))
    .sort((a, b) => a.contains - b.contains || a.distance - b.distance || a.order - b.order)
    .slice(0, count)
    .map((c) => c.id);
}

/** The one option plausibly meant by a mistyped word (edit distance at most a third of it), if any. */
export function closest(word: string, options: readonly string[]): string | undefined {
  const [best] = nearestIds(word, options, 1);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && editDistance(word, best) <= limit ? best : undefined;
}
