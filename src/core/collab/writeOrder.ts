import type * as Y from 'yjs';

/**
 * Brings a collection's order array (Y.Array of ids) from `previous` to `next` with the smallest
 * edits that say what the user did, so that concurrent edits merge: removed ids are deleted, added
 * ids are inserted after their predecessor (or appended), and only a real reordering of surviving
 * ids rewrites the array. Concurrent rewrites or inserts may leave an id twice; the reader keeps
 * its first occurrence, which is the same on every peer because the array is.
 *
 * With previous undefined (a full write) the array is made exactly `next`.
 */
export function writeOrder(
  array: Y.Array<unknown>,
  next: readonly string[],
  previous: readonly string[] | undefined,
): void {
  if (previous !== undefined && sameIds(previous, next)) return;
  let current = array.toArray();
  if (previous === undefined) {
    if (current.length === next.length && current.every((id, i) => id === next[i])) return;
    replaceAll(array, next, current.length);
    return;
  }
  const nextSet = new Set(next);
  const previousSet = new Set(previous);
  const survivorsBefore = previous.filter((id) => nextSet.has(id));
  const survivorsAfter = next.filter((id) => previousSet.has(id));
  const reordered = survivorsBefore.some((id, i) => id !== survivorsAfter[i]);
  if (reordered) {
    // Ids a peer added that this one has not read yet keep their place at the end.
    const extra = current.filter(
      (id): id is string => typeof id === 'string' && !previousSet.has(id) && !nextSet.has(id),
    );
    replaceAll(array, [...next, ...new Set(extra)], current.length);
    return;
  }
  // Deletions, from the end so that indexes stay valid.
  const removed = new Set(previous.filter((id) => !nextSet.has(id)));
  if (removed.size > 0) {
    for (let i = current.length - 1; i >= 0; i--) {
      if (removed.has(current[i] as string)) {
        array.delete(i, 1);
        current.splice(i, 1);
      }
    }
  }
  // Insertions, each after its predecessor in `next` (or at the front when it has none).
  let predecessor: string | undefined;
  const pending: { after: string | undefined; ids: string[] }[] = [];
  for (const id of next) {
    if (!previousSet.has(id)) {
      const last = pending[pending.length - 1];
      if (last !== undefined && last.ids[last.ids.length - 1] === predecessor) last.ids.push(id);
      else pending.push({ after: predecessor, ids: [id] });
    }
    predecessor = id;
  }
  for (const { after, ids } of pending) {
    const at = after === undefined ? 0 : current.indexOf(after) + 1;
    // A predecessor a peer deleted meanwhile: append rather than guess.
    const index = after !== undefined && at === 0 ? current.length : at;
    array.insert(index, ids);
    // Rebuilt rather than spliced: spreading a long list into a call can pass the argument limit.
    current = [...current.slice(0, index), ...ids, ...current.slice(index)];
  }
}

function replaceAll(array: Y.Array<unknown>, ids: readonly string[], length: number): void {
  if (length > 0) array.delete(0, length);
  if (ids.length > 0) array.insert(0, [...ids]);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
