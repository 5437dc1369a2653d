import type * as Y from 'yjs';

/** Any shared type; Yjs's own parameter is its event type, which the cache does not look at. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyType = Y.AbstractType<any>;

/**
 * What the reader remembers about one Y.Doc between reads: the plain object last built from each
 * element's Y.Map, and which Y.Maps changed since (marked by every transaction, local or remote,
 * on the changed type and all its ancestors). An element whose Y.Map is unmarked is not read again,
 * so a one-field edit in a model of thousands of elements rebuilds one element.
 */
export interface ReadCache {
  readonly built: WeakMap<AnyType, Record<string, unknown>>;
  /** The element last returned for a built object: the object the caller's document holds. */
  readonly shared: WeakMap<Record<string, unknown>, object>;
  readonly dirty: WeakSet<AnyType>;
}

const caches = new WeakMap<Y.Doc, ReadCache>();

export function readCacheOf(ydoc: Y.Doc): ReadCache {
  let cache = caches.get(ydoc);
  if (cache === undefined) {
    const created: ReadCache = { built: new WeakMap(), shared: new WeakMap(), dirty: new WeakSet() };
    ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) markDirty(created, type);
    });
    caches.set(ydoc, created);
    cache = created;
  }
  return cache;
}

function markDirty(cache: ReadCache, type: AnyType): void {
  let current: AnyType | null = type;
  // Always up to the root: a nested map marked earlier and never cleared must still mark its element.
  while (current !== null) {
    cache.dirty.add(current);
    current = current.parent as AnyType | null;
  }
}

/** The object built from `map` at the last read, if the map has not changed since. */
export function cachedBuild(cache: ReadCache, map: AnyType): Record<string, unknown> | undefined {
  return cache.dirty.has(map) ? undefined : cache.built.get(map);
}

export function rememberBuild(cache: ReadCache, map: AnyType, built: Record<string, unknown>): void {
  cache.built.set(map, built);
  cache.dirty.delete(map);
}
