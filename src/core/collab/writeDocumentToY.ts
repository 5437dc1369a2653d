import * as Y from 'yjs';
import type { ThreatModelDocument } from '../model/document';
import { jsonEqual } from './jsonEqual';
import {
  COLLECTIONS,
  HEADER_KEYS,
  MODEL_KEYS,
  TRIAGE_NESTED,
  modelMap,
  orderMap,
  type CollectionSpec,
} from './yLayout';
import { writeOrder } from './writeOrder';

type Fields = Readonly<Record<string, unknown>>;

/**
 * Writes the changes from `previous` to `next` into ydoc in ONE transaction with `origin`; with
 * previous null, writes the whole document (first share, or putting a room back to a known valid
 * state): then every part is compared with what the Y document holds, and only differences are
 * written.
 *
 * With a previous document, the changes are what the user did: a field is written only when it
 * differs between `previous` and `next`, so a remote change this peer has not read yet is never
 * overwritten by a stale copy. Changed elements are found by identity (documents are immutable
 * with structural sharing): an unchanged element costs one comparison.
 */
export function writeDocumentToY(
  ydoc: Y.Doc,
  next: ThreatModelDocument,
  previous: ThreatModelDocument | null,
  origin?: unknown,
): void {
  if (next === previous) return;
  ydoc.transact(() => {
    const model = modelMap(ydoc);
    if (previous === null) {
      // A full write leaves nothing a peer put there that the document has no place for.
      for (const key of [...model.keys()]) if (!MODEL_KEYS.has(key)) model.delete(key);
      const order = orderMap(ydoc);
      for (const key of [...order.keys()]) if (!COLLECTIONS.some((c) => c.name === key)) order.delete(key);
    }
    const prevRecord = previous as Fields | null;
    const nextRecord = next as Fields;
    for (const key of HEADER_KEYS) writeAtomic(model, key, prevRecord, nextRecord);
    writeAtomic(model, 'interop', prevRecord, nextRecord);
    if (previous === null || previous.meta !== next.meta) {
      writeFields(childMap(model, 'meta'), next.meta, previous?.meta, [], null);
    }
    for (const spec of COLLECTIONS) {
      const before = previous?.[spec.name];
      const after = next[spec.name];
      if (before === after) continue;
      writeCollection(ydoc, spec, after, before);
    }
    if (previous === null || previous.triage !== next.triage) {
      writeRecord(childMap(model, 'triage'), next.triage, previous?.triage, TRIAGE_NESTED);
    }
  }, origin);
}

/** A top-level atomic value: written when it changed (or, on a full write, when Y differs). */
function writeAtomic(map: Y.Map<unknown>, key: string, previous: Fields | null, next: Fields): void {
  const value = next[key];
  if (previous !== null) {
    if (previous[key] === value || jsonEqual(previous[key], value)) return;
  } else if (jsonEqual(map.get(key), value)) return;
  if (value === undefined) map.delete(key);
  else map.set(key, value);
}

function writeCollection(
  ydoc: Y.Doc,
  spec: CollectionSpec,
  next: readonly { readonly id: string }[],
  previous: readonly { readonly id: string }[] | undefined,
): void {
  const map = childMap(modelMap(ydoc), spec.name);
  const before = previous === undefined ? undefined : new Map(previous.map((e) => [e.id, e]));
  writeElements(map, next, before, spec.nested);
  writeOrder(
    childArray(orderMap(ydoc), spec.name),
    next.map((e) => e.id),
    previous?.map((e) => e.id),
  );
}

/** A record of entries keyed by id (triage): the same as a collection, without an order. */
function writeRecord(
  map: Y.Map<unknown>,
  next: Readonly<Record<string, object>>,
  previous: Readonly<Record<string, object>> | undefined,
  nested: readonly string[],
): void {
  const entries = Object.keys(next).map((key) => ({ id: key, value: next[key]! }));
  const before =
    previous === undefined
      ? undefined
      : new Map(Object.keys(previous).map((key) => [key, { id: key, value: previous[key]! }]));
  writeElements(map, entries, before, nested, (e) => e.value, null);
}

function writeElements<E extends { readonly id: string }>(
  map: Y.Map<unknown>,
  next: readonly E[],
  previous: ReadonlyMap<string, E> | undefined,
  nested: readonly string[],
  fieldsOf: (e: E) => object = (e) => e,
  skip: string | null = 'id',
): void {
  const kept = new Set<string>();
  for (const element of next) {
    kept.add(element.id);
    const before = previous?.get(element.id);
    if (before === element) continue;
    const existing = map.get(element.id);
    const fields = fieldsOf(element) as Fields;
    if (existing instanceof Y.Map) {
      const was = before === undefined ? undefined : (fieldsOf(before) as Fields);
      writeFields(existing, fields, was, nested, skip);
    } else if (before === undefined) {
      const fresh = new Y.Map<unknown>();
      map.set(element.id, fresh);
      writeFields(fresh, fields, undefined, nested, skip);
    }
    // Otherwise a peer deleted the element after this one last read it: it stays deleted, as
    // it would had both happened at the same moment (a write into a deleted Y.Map is lost).
  }
  const gone = previous === undefined ? [...map.keys()] : [...previous.keys()];
  for (const id of gone) if (!kept.has(id)) map.delete(id);
}

/**
 * One element's fields. With `previous`, only fields that changed are written; without, each
 * field is compared with what the Y.Map holds. `id` is the element's key and is not stored.
 */
function writeFields(
  map: Y.Map<unknown>,
  next: Fields,
  previous: Fields | undefined,
  nested: readonly string[],
  skip: string | null = 'id',
): void {
  const keys = new Set(Object.keys(next));
  if (skip !== null) keys.delete(skip);
  if (previous === undefined) {
    // A full write: whatever the Y.Map holds that `next` has not goes, even keys we never write.
    for (const key of [...map.keys()]) if (!keys.has(key)) map.delete(key);
  } else {
    for (const key of Object.keys(previous)) if (key !== skip) keys.add(key);
  }
  for (const key of keys) {
    const value = own(next, key);
    const isNested = nested.includes(key);
    if (previous !== undefined) {
      if (jsonEqual(own(previous, key), value)) continue;
    } else if (!isNested && !(map.get(key) instanceof Y.AbstractType) && jsonEqual(map.get(key), value)) {
      continue;
    }
    if (value === undefined) {
      if (map.has(key)) map.delete(key);
    } else if (isNested) {
      const before = own(previous, key);
      writeNested(map, key, value as Fields, before === undefined ? undefined : (before as Fields));
    } else {
      map.set(key, value);
    }
  }
}

/** An own field only: `__proto__` or `constructor` named by a peer must never read the prototype. */
function own(record: Fields | undefined, key: string): unknown {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A nested map (props, mitigations): its keys merge one by one. */
function writeNested(parent: Y.Map<unknown>, key: string, next: Fields, previous: Fields | undefined): void {
  const existing = parent.get(key);
  if (existing instanceof Y.Map) {
    writeFields(existing, next, previous, [], null);
    return;
  }
  const fresh = new Y.Map<unknown>();
  parent.set(key, fresh);
  writeFields(fresh, next, undefined, [], null);
}

function childMap(parent: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const existing = parent.get(key);
  if (existing instanceof Y.Map) return existing as Y.Map<unknown>;
  const fresh = new Y.Map<unknown>();
  parent.set(key, fresh);
  return fresh;
}

function childArray(parent: Y.Map<unknown>, key: string): Y.Array<unknown> {
  const existing = parent.get(key);
  if (existing instanceof Y.Array) return existing as Y.Array<unknown>;
  const fresh = new Y.Array<unknown>();
  parent.set(key, fresh);
  return fresh;
}
