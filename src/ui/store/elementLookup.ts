import type { Component, DataFlow, ThreatModelDocument, TrustBoundary } from '../../core';

/**
 * Elements by id, memoised per array: Immer's structural sharing keeps an unchanged list the same
 * object. Apart from the selectors so that the start screen's first load does not carry the rules
 * engine the selectors evaluate with.
 *
 * An edit replaces one element of a list, which makes a new list: building a map of 10,000
 * components again for it was a millisecond of every property edit and keystroke. The lookup is
 * a list and the positions of its ids instead, and a new list whose ids sit where the previous
 * one's did (an element replaced in place: every edit but add, remove and reorder) shares the
 * previous list's positions, found by one pass of identity checks.
 */
class ById<T extends { id: string }> implements ReadonlyMap<string, T> {
  constructor(
    private readonly items: readonly T[],
    /** Each id's position in `items`: its last one when an id repeats, as a Map built from the list keeps. */
    readonly positions: ReadonlyMap<string, number>,
  ) {}
  get(id: string): T | undefined {
    const i = this.positions.get(id);
    return i === undefined ? undefined : this.items[i];
  }
  has(id: string): boolean {
    return this.positions.has(id);
  }
  get size(): number {
    return this.positions.size;
  }
  forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
    for (const [id, i] of this.positions) callback.call(thisArg, this.items[i]!, id, this);
  }
  *entries(): MapIterator<[string, T]> {
    for (const [id, i] of this.positions) yield [id, this.items[i]!];
  }
  keys(): MapIterator<string> {
    return this.positions.keys();
  }
  *values(): MapIterator<T> {
    for (const i of this.positions.values()) yield this.items[i]!;
  }
  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }
}

const byIdCache = new WeakMap<readonly { id: string }[], ById<{ id: string }>>();

/** The list looked up last, per kind of element: the one a new list is most likely an edit of. */
interface Slot {
  last: ById<{ id: string }> | null;
  items: readonly { id: string }[] | null;
}

function byId<T extends { id: string }>(items: readonly T[], slot: Slot): ById<T> {
  let lookup = byIdCache.get(items) as ById<T> | undefined;
  if (!lookup) {
    const positions =
      slot.last && slot.items && sameIdsInPlace(slot.items, items) ? slot.last.positions : positionsOf(items);
    lookup = new ById(items, positions);
    byIdCache.set(items, lookup);
  }
  slot.last = lookup as unknown as ById<{ id: string }>;
  slot.items = items;
  return lookup;
}

function positionsOf(items: readonly { id: string }[]): Map<string, number> {
  const positions = new Map<string, number>();
  for (let i = 0; i < items.length; i++) positions.set(items[i]!.id, i);
  return positions;
}

/** True when both lists have the same id at every position (mostly the very same objects). */
function sameIdsInPlace(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i]!.id !== b[i]!.id) return false;
  return true;
}

const slots = {
  components: { last: null, items: null } as Slot,
  dataFlows: { last: null, items: null } as Slot,
  trustBoundaries: { last: null, items: null } as Slot,
};

export const componentsById = (doc: ThreatModelDocument): ReadonlyMap<string, Component> =>
  byId(doc.components, slots.components);
export const flowsById = (doc: ThreatModelDocument): ReadonlyMap<string, DataFlow> =>
  byId(doc.dataFlows, slots.dataFlows);
export const boundariesById = (doc: ThreatModelDocument): ReadonlyMap<string, TrustBoundary> =>
  byId(doc.trustBoundaries, slots.trustBoundaries);
