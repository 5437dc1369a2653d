import type { ThreatModelDocument } from '../model/document';

/** Structural-sharing helpers of the document commands: untouched objects stay identical. */

// ---------------------------------------------------------------- helpers

/** Every id in use in the document (all element kinds share one id space). */
export function documentIds(doc: ThreatModelDocument): Set<string> {
  const ids = new Set<string>();
  for (const b of doc.trustBoundaries) ids.add(b.id);
  for (const c of doc.components) ids.add(c.id);
  for (const f of doc.dataFlows) ids.add(f.id);
  for (const t of doc.userThreats) ids.add(t.id);
  return ids;
}

export function assertFreshId(doc: ThreatModelDocument, id: string): void {
  // A scan, not documentIds: adding one element to a big model should not build a set of every id.
  const used = (list: readonly { id: string }[]) => {
    for (const e of list) if (e.id === id) return true;
    return false;
  };
  if (used(doc.trustBoundaries) || used(doc.components) || used(doc.dataFlows) || used(doc.userThreats))
    throw new Error(`id "${id}" is already used in the document`);
}

/** Applies a patch with `null` meaning "remove"; returns the same object when nothing changes. */
export function applyPatch<T extends object>(value: T, patch: object): T {
  let out: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const [key, next] of Object.entries(patch)) {
    if (next === undefined) continue;
    if (next === null) {
      if (!(key in source)) continue;
      out ??= { ...source };
      delete out[key];
    } else if (!sameValue(source[key], next)) {
      out ??= { ...source };
      out[key] = next;
    }
  }
  return (out as T | undefined) ?? value;
}

export function mergeRecord<V>(
  current: Readonly<Record<string, V>> | undefined,
  patch: Readonly<Record<string, V | null | undefined>>,
): Record<string, V> | undefined {
  let out: Record<string, V> | undefined;
  for (const [key, next] of Object.entries(patch)) {
    if (next === undefined) continue;
    if (next === null) {
      if (current === undefined || !(key in current)) continue;
      out ??= { ...current };
      delete out[key];
    } else if (!sameValue(current?.[key], next)) {
      out ??= { ...current };
      out[key] = next;
    }
  }
  if (out === undefined) return current === undefined ? undefined : (current as Record<string, V>);
  return out;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

/** Maps one array, returning the same array when no item changed. */
export function mapSame<T>(items: readonly T[], fn: (item: T) => T): T[] {
  // A plain loop: an edit maps 10,000 components, and forEach's callback per item was a
  // millisecond of each keystroke in Chromium.
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const next = fn(item);
    if (next !== item) {
      out ??= items.slice();
      out[i] = next;
    }
  }
  return out ?? (items as T[]);
}

/**
 * `mapSame` for the items of one id, the only ones `fn` sees: an edit of one element among
 * 10,000 compares ids in a loop rather than calling back for each of them.
 */
export function mapById<T extends { id: string }>(items: readonly T[], id: string, fn: (item: T) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.id !== id) continue;
    const next = fn(item);
    if (next !== item) {
      out ??= items.slice();
      out[i] = next;
    }
  }
  return out ?? (items as T[]);
}

export function withArray<K extends 'components' | 'dataFlows' | 'trustBoundaries' | 'userThreats'>(
  doc: ThreatModelDocument,
  key: K,
  next: ThreatModelDocument[K],
): ThreatModelDocument {
  return next === doc[key] ? doc : { ...doc, [key]: next };
}
