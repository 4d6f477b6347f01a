/**
 * For each track of a new song, the index of the old track it carries on (so its mixer strip,
 * colour and instrument stay), or null for a track that is new. A track keeps its position when
 * the name there still matches; otherwise the first unclaimed old track of that name is taken.
 */
export function matchTracks(oldNames: readonly string[], newNames: readonly string[]): (number | null)[] {
  const claimed = new Set<number>();
  const result: (number | null)[] = newNames.map((name, i) => {
    if (oldNames[i] !== name) return null;
    claimed.add(i);
    return i;
  });
  return result.map((match, i) => {
    if (match !== null) return match;
    const found = oldNames.findIndex((name, j) => name === newNames[i] && !claimed.has(j));
    if (found < 0) return null;
    claimed.add(found);
    return found;
  });
}
