import type * as Y from 'yjs';

/** Any shared type; Yjs's own parameter is its event type, which the cache does not look at. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyType = Y.AbstractType<any>;

type Raw = Record<string, unknown>;

/**
 * What the reader remembers about one Y.Doc between reads, so that a one-field edit in a model of
 * thousands of elements costs one element, not the model:
 * - which shared types changed since (every transaction, local or remote, marks the changed type
 *   and all its ancestors);
 * - the plain object last built from each element's Y.Map, and the list last built from each
 *   collection (valid while the Y types they came from are unmarked);
 * - which built objects the gate accepted, and which of previous's objects each one equals.
 */
export interface ReadCache {
  readonly dirty: WeakSet<AnyType>;
  readonly built: WeakMap<AnyType, Raw>;
  readonly lists: WeakMap<AnyType, { order: unknown; items: Raw[] }>;
  /** Copies of atomic values (interop) by the value Yjs holds, which stays the same object until replaced. */
  readonly copies: WeakMap<object, unknown>;
  readonly accepted: WeakSet<object>;
  /** For a built object or list: the object of the caller's document it was last found equal to. */
  readonly shared: WeakMap<object, object>;
  header: { key: readonly unknown[]; ok: boolean } | undefined;
}

const caches = new WeakMap<Y.Doc, ReadCache>();

export function readCacheOf(ydoc: Y.Doc): ReadCache {
  let cache = caches.get(ydoc);
  if (cache === undefined) {
    const created: ReadCache = {
      dirty: new WeakSet(),
      built: new WeakMap(),
      lists: new WeakMap(),
      copies: new WeakMap(),
      accepted: new WeakSet(),
      shared: new WeakMap(),
      header: undefined,
    };
    // Before any observer runs, so that a read from inside an observer already sees the marks.
    ydoc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) markDirty(created, type);
    });
    caches.set(ydoc, created);
    cache = created;
  }
  return cache;
}

function markDirty(cache: ReadCache, type: AnyType): void {
  // Always up to the root: a nested map marked earlier and never cleared must still mark its element.
  let current: AnyType | null = type;
  while (current !== null) {
    cache.dirty.add(current);
    current = current.parent;
  }
}

/** The object built from `map` at the last read, if the map has not changed since. */
export function cachedBuild(cache: ReadCache, map: AnyType): Raw | undefined {
  return cache.dirty.has(map) ? undefined : cache.built.get(map);
}

export function rememberBuild(cache: ReadCache, map: AnyType, built: Raw): void {
  cache.built.set(map, built);
  cache.dirty.delete(map);
}
