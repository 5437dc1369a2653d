import { LIMITS, type LimitName } from '../limits';
import type { Component, DataFlow, DataFlowProps, TrustBoundary } from './document';
import { ID_PATTERN, MAX_ID, MAX_LABEL, MAX_PROTOCOL, MAX_TEXT, MAX_TYPE } from './document';
import { DATA_CATEGORIES, FLOW_KINDS, ZONES } from './vocabulary';

/**
 * A hand-written check of the three large lists of a model (trust boundaries, components, data
 * flows), for the files where zod's generic walk dominates parsing. It is not a second gate: it
 * answers only "certainly valid, and here is exactly what DocumentSchema would return for it" or
 * "not sure" (undefined), and on "not sure" the caller runs zod, whose messages and paths are the
 * only ones a user ever sees. So it may refuse more than zod (anything unusual: an explicit
 * undefined, an object that is not plain JSON), never less; tests/core/model/fastElements.test.ts
 * checks with random documents that whatever it accepts zod accepts, with the same output, and
 * that it accepts every valid JSON document.
 *
 * The copies it returns are built like zod's: new objects with their keys in schema order, only
 * the keys present, property records copied, property values shared.
 */
export interface FastElements {
  trustBoundaries: TrustBoundary[];
  components: Component[];
  dataFlows: DataFlow[];
}

/** Thrown inside the check to give up at once; never escapes checkElements. */
const UNSURE = Symbol('unsure');

export function checkElements(raw: Record<string, unknown>): FastElements | undefined {
  try {
    return {
      trustBoundaries: list(raw['trustBoundaries'], 'trustBoundaries', boundary),
      components: list(raw['components'], 'components', component),
      dataFlows: list(raw['dataFlows'], 'dataFlows', dataFlow),
    };
  } catch (error) {
    if (error === UNSURE) return undefined;
    throw error;
  }
}

/**
 * Each vocabulary word to itself. A parsed file holds a string of its own for every occurrence;
 * the checked copy holds the vocabulary's string instead (equal text), so that rules comparing
 * a zone, a flow kind or a data category with the library's find the same string and skip
 * comparing characters, over every flow of a large model.
 */
const vocabulary = <T extends string>(words: readonly T[]): ReadonlyMap<unknown, T> =>
  new Map(words.map((w) => [w, w]));
const ZONE_SET = vocabulary(ZONES);
const KIND_SET = vocabulary(FLOW_KINDS);
const DATA_SET = vocabulary(DATA_CATEGORIES);

function unsure(): never {
  throw UNSURE;
}

/** A missing list is the schema's default, []. */
function list<T>(value: unknown, limit: LimitName, item: (value: unknown) => T): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > LIMITS[limit].value) unsure();
  const out: T[] = new Array<T>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = item(value[i]);
  return out;
}

/** A plain JSON object whose keys are all in `known` and none of whose values is undefined. */
function plain(value: unknown, known: ReadonlySet<string>): Record<string, unknown> {
  if (value === null || typeof value !== 'object') unsure();
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) unsure();
  const object = value as Record<string, unknown>;
  for (const key in object) if (!known.has(key) || object[key] === undefined) unsure();
  return object;
}

function id(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID || !ID_PATTERN.test(value))
    unsure();
  return value;
}

function text(value: unknown, max: number, min = 0): string {
  if (typeof value !== 'string' || value.length > max || value.length < min) unsure();
  return value;
}

function coordinate(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > LIMITS.coordinate.value)
    unsure();
  return value;
}

function extent(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0) || value > LIMITS.extent.value)
    unsure();
  return value;
}

function bool(value: unknown): boolean {
  if (typeof value !== 'boolean') unsure();
  return value;
}

/** The vocabulary's own string for `value`. */
function member<T>(value: unknown, words: ReadonlyMap<unknown, T>): T {
  const word = words.get(value);
  if (word === undefined) unsure();
  return word;
}

const POSITION_KEYS = new Set(['x', 'y']);
function position(value: unknown): { x: number; y: number } {
  const o = plain(value, POSITION_KEYS);
  if (!('x' in o) || !('y' in o)) unsure();
  return { x: coordinate(o['x']), y: coordinate(o['y']) };
}

const SIZE_KEYS = new Set(['width', 'height']);
function size(value: unknown): { width: number; height: number } {
  const o = plain(value, SIZE_KEYS);
  if (!('width' in o) || !('height' in o)) unsure();
  return { width: extent(o['width']), height: extent(o['height']) };
}

const OUT_OF_SCOPE_KEYS = new Set(['reason']);
function outOfScope(value: unknown): { reason?: string } {
  const o = plain(value, OUT_OF_SCOPE_KEYS);
  return 'reason' in o ? { reason: text(o['reason'], MAX_TEXT) } : {};
}

/** `nullable().optional()` ids: null stays null. */
function optionalParent(value: unknown): string | null {
  return value === null ? null : id(value);
}

const BOUNDARY_KEYS = new Set(['id', 'label', 'zone', 'parentId', 'description', 'position', 'size']);
function boundary(value: unknown): TrustBoundary {
  const o = plain(value, BOUNDARY_KEYS);
  const out: TrustBoundary = {
    id: id(o['id']),
    label: text(o['label'], MAX_LABEL),
    zone: member(o['zone'], ZONE_SET),
  };
  if ('parentId' in o) out.parentId = optionalParent(o['parentId']);
  if ('description' in o) out.description = text(o['description'], MAX_TEXT);
  if ('position' in o) out.position = position(o['position']);
  if ('size' in o) out.size = size(o['size']);
  return out;
}

const COMPONENT_KEYS = new Set([
  'id',
  'type',
  'label',
  'description',
  'boundaryId',
  'position',
  'props',
  'outOfScope',
]);
function component(value: unknown): Component {
  const o = plain(value, COMPONENT_KEYS);
  const out: Component = {
    id: id(o['id']),
    type: text(o['type'], MAX_TYPE, 1),
    label: text(o['label'], MAX_LABEL),
  };
  if ('description' in o) out.description = text(o['description'], MAX_TEXT);
  if ('boundaryId' in o) out.boundaryId = optionalParent(o['boundaryId']);
  if ('position' in o) out.position = position(o['position']);
  if ('props' in o) out.props = props(o['props']);
  if ('outOfScope' in o) out.outOfScope = outOfScope(o['outOfScope']);
  return out;
}

/** `z.record(z.string(), value !== undefined)`: any keys, values shared. */
function props(value: unknown): Record<string, boolean | string | number | string[]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) unsure();
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) unsure();
  const out: Record<string, boolean | string | number | string[]> = {};
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const v = object[key];
    if (v === undefined) unsure();
    out[key] = v as boolean | string | number | string[];
  }
  return out;
}

const FLOW_KEYS = new Set(['id', 'sourceId', 'targetId', 'label', 'description', 'props', 'outOfScope']);
function dataFlow(value: unknown): DataFlow {
  const o = plain(value, FLOW_KEYS);
  const out: DataFlow = {
    id: id(o['id']),
    sourceId: id(o['sourceId']),
    targetId: id(o['targetId']),
    label: text(o['label'], MAX_LABEL),
  };
  if ('description' in o) out.description = text(o['description'], MAX_TEXT);
  if ('props' in o) out.props = flowProps(o['props']);
  if ('outOfScope' in o) out.outOfScope = outOfScope(o['outOfScope']);
  return out;
}

const FLOW_PROP_KEYS = new Set([
  'encrypted',
  'authenticated',
  'protocol',
  'data',
  'crossesBoundary',
  'kind',
  'local',
]);
function flowProps(value: unknown): DataFlowProps {
  const o = plain(value, FLOW_PROP_KEYS);
  const out: DataFlowProps = {};
  if ('encrypted' in o) out.encrypted = bool(o['encrypted']);
  if ('authenticated' in o) out.authenticated = bool(o['authenticated']);
  if ('protocol' in o) out.protocol = text(o['protocol'], MAX_PROTOCOL);
  if ('data' in o) {
    const data = o['data'];
    if (!Array.isArray(data) || data.length > DATA_CATEGORIES.length * 2) unsure();
    // A loop, not map: map skips the holes of a sparse array, which zod refuses.
    const copy: (typeof DATA_CATEGORIES)[number][] = [];
    for (let i = 0; i < data.length; i++) copy.push(member(data[i], DATA_SET));
    out.data = copy;
  }
  if ('crossesBoundary' in o) out.crossesBoundary = bool(o['crossesBoundary']);
  if ('kind' in o) out.kind = member(o['kind'], KIND_SET);
  if ('local' in o) out.local = bool(o['local']);
  return out;
}
