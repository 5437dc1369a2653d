import * as Y from 'yjs';
import { LIMITS, overLimitMessage } from '../limits';
import type { ThreatModelDocument } from '../model/document';
import type { Problem } from '../model/problems';
import type { ParseDocumentOptions } from '../document/parseDocument';
import { jsonEqual } from './jsonEqual';
import { defineField, plainValue } from './plainValue';
import { gateDocument } from './incrementalGate';
import { cachedBuild, readCacheOf, rememberBuild, type AnyType, type ReadCache } from './readCache';
import { repairReferences, type RawCollections } from './repairReferences';
import {
  COLLECTIONS,
  MAX_FIELDS,
  MAX_NESTED_FIELDS,
  MODEL_KEYS,
  ORDER_SLACK,
  TRIAGE_NESTED,
  modelMap,
  orderMap,
  type CollectionSpec,
} from './yLayout';

type Raw = Record<string, unknown>;

export type ReadDocumentResult =
  | {
      ok: true;
      document: ThreatModelDocument;
      /** What the reader repaired after concurrent edits (repairReferences); empty as a rule. */
      repairs: Problem[];
    }
  | { ok: false; problems: Problem[] };

/**
 * Reads the Yjs document back through the SAME validating gate as a file (parseDocument with the
 * given library): ok with a document whose unchanged elements are the very objects of `previous`
 * (structural sharing), or the problems (a hostile/buggy peer): the caller keeps its last valid doc.
 *
 * Never throws on anything a peer can write: the Y document is read defensively (types checked,
 * sizes checked against LIMITS before anything is built), and only parseDocument decides whether
 * the result is a model.
 */
export function readDocumentFromY(
  ydoc: Y.Doc,
  previous: ThreatModelDocument | null,
  options: ParseDocumentOptions,
): ReadDocumentResult {
  try {
    return read(ydoc, previous, options);
  } catch (error) {
    // Nothing above is meant to throw; this is the last line that keeps a peer from crashing us.
    return {
      ok: false,
      problems: [{ path: '$', message: `the shared model cannot be read: ${String(error)}` }],
    };
  }
}

function read(
  ydoc: Y.Doc,
  previous: ThreatModelDocument | null,
  options: ParseDocumentOptions,
): ReadDocumentResult {
  const cache = readCacheOf(ydoc);
  const model = modelMap(ydoc);
  const order = orderMap(ydoc);
  const problems: Problem[] = [];
  const raw: Raw = {};

  for (const [key, value] of model.entries()) {
    if (!MODEL_KEYS.has(key)) {
      problems.push({ path: `$.${key}`, message: 'is not part of a model document' });
    } else if (key === 'meta') {
      if (value instanceof Y.Map) {
        const meta = readElement(cache, value as Y.Map<unknown>, null, [], '$.meta', problems);
        if (meta !== undefined) raw['meta'] = meta;
      } else problems.push({ path: '$.meta', message: 'must be a shared map' });
    } else if (key === 'triage' || COLLECTIONS.some((c) => c.name === key)) {
      if (!(value instanceof Y.Map)) problems.push({ path: `$.${key}`, message: 'must be a shared map' });
    } else if (value instanceof Y.AbstractType) {
      problems.push({ path: `$.${key}`, message: 'must be a plain value, not a shared type' });
    } else {
      const copy = copyAtomic(cache, value, `$.${key}`, problems);
      if (copy.ok) defineField(raw, key, copy.value);
    }
    if (problems.length >= LIMITS.reportedProblems.value) return { ok: false, problems };
  }

  const collections: Partial<RawCollections> = {};
  for (const spec of COLLECTIONS) {
    const items = readCollection(cache, model.get(spec.name), order.get(spec.name), spec, problems);
    if (items !== undefined) collections[spec.name] = items;
  }
  const triage = readTriage(cache, model.get('triage'), problems);
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, LIMITS.reportedProblems.value) };

  const { repaired, repairs } = repairReferences(collections as RawCollections);
  Object.assign(raw, repaired);
  raw['triage'] = triage ?? {};

  const verdict = gateDocument(raw, cache, options);
  if (!verdict.ok) return { ok: false, problems: verdict.problems };
  if (verdict.migrated !== undefined) return { ok: true, document: verdict.migrated, repairs };
  // The gate accepted `raw` as it is (it transforms nothing in a valid document: every default is
  // filled above), so `raw`'s objects are returned rather than the validator's copies, and can be
  // replaced by previous's equal ones.
  return { ok: true, document: share(cache, raw as ThreatModelDocument, previous), repairs };
}

/** A top-level atomic value (interop) copied once per value Yjs holds, so that its identity is stable. */
function copyAtomic(
  cache: ReadCache,
  value: unknown,
  path: string,
  problems: Problem[],
): { ok: true; value: unknown } | { ok: false } {
  if (value === null || typeof value !== 'object') return plainValue(value, path, problems);
  if (cache.copies.has(value)) return { ok: true, value: cache.copies.get(value) };
  const copy = plainValue(value, path, problems);
  if (copy.ok) cache.copies.set(value, copy.value);
  return copy;
}

function readCollection(
  cache: ReadCache,
  value: unknown,
  orderValue: unknown,
  spec: CollectionSpec,
  problems: Problem[],
): Raw[] | undefined {
  const path = `$.${spec.name}`;
  if (value === undefined) return [];
  if (!(value instanceof Y.Map)) return undefined; // reported with the model's keys
  const map = value as Y.Map<unknown>;
  const limit = LIMITS[spec.limit].value;
  if (map.size > limit) {
    problems.push({ path, message: overLimitMessage(spec.limit, map.size, spec.name) });
    return undefined;
  }
  const cached = cache.lists.get(map);
  if (
    cached !== undefined &&
    cached.order === orderValue &&
    !cache.dirty.has(map) &&
    !(orderValue instanceof Y.AbstractType && cache.dirty.has(orderValue as AnyType))
  ) {
    return cached.items;
  }
  const ids = elementOrder(map, orderValue, limit, spec.name, problems);
  if (ids === undefined) return undefined;
  const before = problems.length;
  const items: Raw[] = [];
  ids.forEach((id, i) => {
    const element = map.get(id);
    if (!(element instanceof Y.Map)) {
      problems.push({ path: `${path}[${i}]`, message: `element "${id}" must be a shared map` });
      return;
    }
    const built = readElement(cache, element as Y.Map<unknown>, id, spec.nested, `${path}[${i}]`, problems);
    if (built !== undefined) items.push(built);
  });
  if (problems.length === before) {
    cache.lists.set(map, { order: orderValue, items });
    cache.dirty.delete(map);
    if (orderValue instanceof Y.AbstractType) cache.dirty.delete(orderValue as AnyType);
  }
  return items;
}

/**
 * The element ids in the order every peer sees: the order array's ids, first occurrence kept,
 * those without an element skipped, then elements the array lacks, in id order.
 */
function elementOrder(
  map: Y.Map<unknown>,
  orderValue: unknown,
  limit: number,
  name: string,
  problems: Problem[],
): string[] | undefined {
  const ids: string[] = [];
  const seen = new Set<string>();
  if (orderValue instanceof Y.Array) {
    const array = orderValue as Y.Array<unknown>;
    if (array.length > ORDER_SLACK * limit) {
      problems.push({
        path: `order.${name}`,
        message: `holds ${array.length} entries for at most ${limit} elements`,
      });
      return undefined;
    }
    array.forEach((id) => {
      if (typeof id === 'string' && !seen.has(id) && map.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    });
  } else if (orderValue !== undefined) {
    problems.push({ path: `order.${name}`, message: 'must be a shared array of ids' });
    return undefined;
  }
  if (ids.length < map.size) {
    const missing = [...map.keys()].filter((id) => !seen.has(id)).sort();
    for (const id of missing) ids.push(id);
  }
  return ids;
}

function readTriage(cache: ReadCache, value: unknown, problems: Problem[]): Raw | undefined {
  if (value === undefined) return {};
  if (!(value instanceof Y.Map)) return undefined;
  const map = value as Y.Map<unknown>;
  if (map.size > LIMITS.triageEntries.value) {
    problems.push({
      path: '$.triage',
      message: overLimitMessage('triageEntries', map.size, 'triage entries'),
    });
    return undefined;
  }
  const cached = cachedBuild(cache, map);
  if (cached !== undefined) return cached;
  const before = problems.length;
  const out: Raw = {};
  for (const [key, entry] of map.entries()) {
    const path = `$.triage[${JSON.stringify(key)}]`;
    if (!(entry instanceof Y.Map)) {
      problems.push({ path, message: 'a triage entry must be a shared map' });
      continue;
    }
    const built = readElement(cache, entry as Y.Map<unknown>, null, TRIAGE_NESTED, path, problems);
    if (built !== undefined) defineField(out, key, built);
    if (problems.length >= LIMITS.reportedProblems.value) return undefined;
  }
  if (problems.length === before) rememberBuild(cache, map, out);
  return out;
}

/**
 * One element as a plain object (with `id` first when it has one), from the cache when its Y.Map
 * has not changed since the last read. Only elements read without a problem are cached.
 */
function readElement(
  cache: ReadCache,
  map: Y.Map<unknown>,
  id: string | null,
  nested: readonly string[],
  path: string,
  problems: Problem[],
): Raw | undefined {
  const cached = cachedBuild(cache, map);
  if (cached !== undefined) return cached;
  const before = problems.length;
  const out: Raw = id === null ? {} : { id };
  readFields(map, nested, path, MAX_FIELDS, out, problems, id !== null);
  if (problems.length > before) return undefined;
  rememberBuild(cache, map, out);
  return out;
}

function readFields(
  map: Y.Map<unknown>,
  nested: readonly string[],
  path: string,
  maxFields: number,
  out: Raw,
  problems: Problem[],
  hasId: boolean,
): void {
  if (map.size > maxFields) {
    problems.push({ path, message: `has ${map.size} fields: at most ${maxFields} are read` });
    return;
  }
  for (const [key, value] of map.entries()) {
    const at = `${path}.${key}`;
    if (hasId && key === 'id') {
      problems.push({ path: at, message: "an element's id is its key and is not stored inside it" });
    } else if (value instanceof Y.Map && nested.includes(key)) {
      const inner: Raw = {};
      readFields(value as Y.Map<unknown>, [], at, MAX_NESTED_FIELDS, inner, problems, false);
      defineField(out, key, inner);
    } else if (value instanceof Y.AbstractType) {
      problems.push({ path: at, message: 'must be a plain value, not a shared type' });
    } else {
      const copy = plainValue(value, at, problems);
      if (copy.ok) defineField(out, key, copy.value);
    }
  }
}

/**
 * The validated document with previous's objects wherever they are equal: an element whose Y.Map
 * did not change is recognised by the cache (no comparison at all), a rebuilt one is compared with
 * previous's element of the same id (one element, not the model). Arrays and records whose entries
 * are all previous's keep previous's identity too, and so does the whole document.
 */
function share(
  cache: ReadCache,
  doc: ThreatModelDocument,
  previous: ThreatModelDocument | null,
): ThreatModelDocument {
  if (previous === null) {
    remember(cache, doc);
    return doc;
  }
  const meta = sameAs(cache, doc.meta as Raw, previous.meta);
  const collections = {
    trustBoundaries: shareList(cache, doc.trustBoundaries as Raw[], previous.trustBoundaries),
    components: shareList(cache, doc.components as Raw[], previous.components),
    dataFlows: shareList(cache, doc.dataFlows as Raw[], previous.dataFlows),
    userThreats: shareList(cache, doc.userThreats as Raw[], previous.userThreats),
  };
  const triage = shareRecord(cache, doc.triage as Record<string, Raw>, previous.triage);
  const interop = jsonEqual(doc.interop, previous.interop) ? previous.interop : doc.interop;
  const next: ThreatModelDocument = { ...doc, meta, ...collections, triage, interop };
  if (next.interop === undefined) delete next.interop;
  const same =
    next.$schema === previous.$schema &&
    next.format === previous.format &&
    next.schemaVersion === previous.schemaVersion &&
    meta === previous.meta &&
    triage === previous.triage &&
    interop === previous.interop &&
    COLLECTIONS.every((spec) => next[spec.name] === previous[spec.name]);
  return same ? previous : next;
}

function shareList<T extends { id: string }>(cache: ReadCache, items: Raw[], previous: readonly T[]): T[] {
  // The same list as at the last read, which the caller's document still holds: nothing to compare.
  if (cache.shared.get(items) === previous) return previous as T[];
  const result = shareItems(cache, items, previous);
  cache.shared.set(items, result);
  return result;
}

function shareItems<T extends { id: string }>(cache: ReadCache, items: Raw[], previous: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of previous) byId.set(item.id, item);
  let allPrevious = items.length === previous.length;
  const out = items.map((item, i) => {
    const shared = sameAs(cache, item, byId.get(item['id'] as string));
    if (shared !== previous[i]) allPrevious = false;
    return shared;
  });
  return allPrevious ? (previous as T[]) : out;
}

function shareRecord<T extends object>(
  cache: ReadCache,
  record: Record<string, Raw>,
  previous: Readonly<Record<string, T>>,
): Record<string, T> {
  if (cache.shared.get(record) === previous) return previous as Record<string, T>;
  const result = shareEntries(cache, record, previous);
  cache.shared.set(record, result);
  return result;
}

function shareEntries<T extends object>(
  cache: ReadCache,
  record: Record<string, Raw>,
  previous: Readonly<Record<string, T>>,
): Record<string, T> {
  const keys = Object.keys(record);
  let allPrevious = keys.length === Object.keys(previous).length;
  const out: Record<string, T> = {};
  for (const key of keys) {
    const before = Object.prototype.hasOwnProperty.call(previous, key) ? previous[key] : undefined;
    const shared = sameAs(cache, record[key]!, before);
    if (shared !== before) allPrevious = false;
    defineField(out, key, shared);
  }
  return allPrevious ? (previous as Record<string, T>) : out;
}

/** `previous` when it equals `built`; the last answer for `built` is remembered, so asking again is free. */
function sameAs<T extends object>(cache: ReadCache, built: Raw, previous: T | undefined): T {
  if (previous === undefined) {
    cache.shared.set(built, built);
    return built as T;
  }
  const known = cache.shared.get(built);
  if (known === previous) return previous;
  const result = jsonEqual(built, previous) ? previous : built;
  cache.shared.set(built, result);
  return result as T;
}

function remember(cache: ReadCache, doc: ThreatModelDocument): void {
  cache.shared.set(doc.meta as Raw, doc.meta);
  for (const spec of COLLECTIONS) {
    cache.shared.set(doc[spec.name], doc[spec.name]);
    for (const item of doc[spec.name]) cache.shared.set(item as Raw, item);
  }
  cache.shared.set(doc.triage, doc.triage);
  for (const entry of Object.values(doc.triage)) cache.shared.set(entry as Raw, entry);
}
