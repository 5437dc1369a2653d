import * as Y from 'yjs';
import type { LimitName } from '../limits';

/**
 * The shape of the shared model inside a Y.Doc (docs/adr/0018-shared-model-in-yjs.md). One root
 * Y.Map, `model`, holds the document; a second root Y.Map, `order`, holds the element order. Keeping
 * the order apart means the model map holds nothing but document parts, so an unknown key in it is
 * an error and never one of ours.
 *
 *   model.format, model.schemaVersion, model.$schema  atomic values
 *   model.meta                                       Y.Map<field, atomic>
 *   model.components | dataFlows | trustBoundaries | userThreats
 *                                                    Y.Map<id, Y.Map<field, atomic | Y.Map>>
 *   model.triage                                     Y.Map<findingKey, Y.Map<field, atomic | Y.Map>>
 *   model.interop                                    atomic (another tool's data, as one value)
 *   order.<collection>                               Y.Array<id>
 *
 * An element's id is its key in the collection map and is not repeated inside it, so the two can
 * never disagree. Fields named in `nested` are Y.Maps of their own (a component's props, a triage
 * entry's mitigations) so that two people setting two different properties both keep theirs; every
 * other field is one atomic value — a position is {x, y} at once, since half of one peer's move and
 * half of another's is a place nobody chose.
 */

export const MODEL_ROOT = 'model';
export const ORDER_ROOT = 'order';

export type CollectionName = 'trustBoundaries' | 'components' | 'dataFlows' | 'userThreats';

export interface CollectionSpec {
  readonly name: CollectionName;
  /** Fields kept as a nested Y.Map (merging key by key) rather than one atomic value. */
  readonly nested: readonly string[];
  readonly limit: LimitName;
}

/** In document order, which is also the order problems are reported in. */
export const COLLECTIONS: readonly CollectionSpec[] = [
  { name: 'trustBoundaries', nested: [], limit: 'trustBoundaries' },
  { name: 'components', nested: ['props'], limit: 'components' },
  { name: 'dataFlows', nested: ['props'], limit: 'dataFlows' },
  { name: 'userThreats', nested: [], limit: 'userThreats' },
];

export const TRIAGE_NESTED: readonly string[] = ['mitigations'];

/** Atomic header values kept directly in the model map. */
export const HEADER_KEYS = ['$schema', 'format', 'schemaVersion'] as const;

/** Every key the model map may hold; anything else was written by a buggy or hostile peer. */
export const MODEL_KEYS: ReadonlySet<string> = new Set([
  ...HEADER_KEYS,
  'meta',
  'triage',
  'interop',
  ...COLLECTIONS.map((c) => c.name),
]);

/**
 * Far above any real element (a component has 8 fields, a flow's props 7) and above any catalogue's
 * property count; a map with more keys is refused before it is read.
 */
export const MAX_FIELDS = 64;
export const MAX_NESTED_FIELDS = 1_000;
/**
 * The order arrays may hold each id more than once after concurrent rewrites (the reader dedupes);
 * beyond this many entries per allowed element, they are garbage.
 */
export const ORDER_SLACK = 4;

export const modelMap = (ydoc: Y.Doc): Y.Map<unknown> => ydoc.getMap(MODEL_ROOT);
export const orderMap = (ydoc: Y.Doc): Y.Map<unknown> => ydoc.getMap(ORDER_ROOT);
