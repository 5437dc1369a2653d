import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  LIMITS,
  parseDocument,
  readDocumentFromY,
  serialiseDocument,
  writeDocumentToY,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { loadExample, options, readOk, sync } from './helpers';

/** A valid room, and a hostile peer connected to it writing through the Yjs API directly. */
function room() {
  const doc = loadExample('public-rag-chatbot.aitm.json');
  const victim = new Y.Doc();
  writeDocumentToY(victim, doc, null);
  const valid = readOk(victim, doc);
  const hostile = new Y.Doc();
  sync(victim, hostile);
  const model = hostile.getMap<unknown>('model');
  const components = model.get('components') as Y.Map<Y.Map<unknown>>;
  const firstComponent = components.get(doc.components[0]!.id)!;
  return { doc, victim, valid, hostile, model, components, firstComponent };
}

type Room = ReturnType<typeof room>;

const deep = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { x: value };
  return value;
};

const attacks: [string, (r: Room) => void][] = [
  ['a number as a label', (r) => r.firstComponent.set('label', 42)],
  ['an unknown field in an element', (r) => r.firstComponent.set('rootAccess', true)],
  ['an id stored inside an element', (r) => r.firstComponent.set('id', 'other')],
  ['a shared array where a value belongs', (r) => r.firstComponent.set('label', new Y.Array())],
  ['a shared text where a value belongs', (r) => r.firstComponent.set('position', new Y.Text('x'))],
  ['binary data as a value', (r) => r.firstComponent.set('label', new Uint8Array([1, 2, 3]))],
  ['a __proto__ key in an element', (r) => r.firstComponent.set('__proto__', { polluted: true })],
  [
    'a __proto__ key inside a value',
    (r) => r.firstComponent.set('position', JSON.parse('{"x":1,"y":2,"__proto__":{"z":3}}') as object),
  ],
  ['a __proto__ prop', (r) => (r.firstComponent.get('props') as Y.Map<unknown>).set('__proto__', 'x')],
  ['a 100,000-character label', (r) => r.firstComponent.set('label', 'x'.repeat(100_000))],
  ['nesting 2,000 levels deep', (r) => r.firstComponent.set('position', deep(2_000))],
  ['nesting just past the JSON depth limit', (r) => r.firstComponent.set('description', deep(64))],
  ['a coordinate out of range', (r) => r.firstComponent.set('position', { x: 1e12, y: 0 })],
  [
    'an element that is not a shared map',
    (r) => r.components.set('c-evil', { type: 'user', label: 'x' } as never),
  ],
  ['an element with an invalid id', (r) => r.components.set('../../etc', new Y.Map())],
  ['an unknown component type', (r) => r.firstComponent.set('type', 'backdoor')],
  ['a flow to nowhere, as a whole collection', (r) => r.model.set('dataFlows', 'nothing')],
  ['an unknown key in the model', (r) => r.model.set('admin', true)],
  ['a wrong format', (r) => r.model.set('format', 'something-else')],
  ['a newer schema version', (r) => r.model.set('schemaVersion', 99)],
  ['meta replaced by a value', (r) => r.model.set('meta', 'x')],
  ['meta title removed', (r) => (r.model.get('meta') as Y.Map<unknown>).delete('title')],
  ['an order array replaced by a map', (r) => r.hostile.getMap('order').set('components', new Y.Map())],
  [
    'a triage entry that is not a map',
    (r) => (r.model.get('triage') as Y.Map<unknown>).set('a@b', 'accepted'),
  ],
  [
    'a triage status outside the vocabulary',
    (r) => {
      const entry = new Y.Map<unknown>();
      entry.set('status', 'ignored-forever');
      (r.model.get('triage') as Y.Map<unknown>).set('rule.x@c', entry);
    },
  ],
  [
    'a duplicate id across collections',
    (r) => {
      const copy = new Y.Map<unknown>();
      copy.set('label', 'dup');
      copy.set('zone', 'internet');
      (r.model.get('trustBoundaries') as Y.Map<unknown>).set(r.doc.components[0]!.id, copy);
    },
  ],
  [
    'a constructor key in props',
    (r) => (r.firstComponent.get('props') as Y.Map<unknown>).set('constructor', 'x'),
  ],
  [
    'a triage key that is not a finding key',
    (r) => {
      const entry = new Y.Map<unknown>();
      entry.set('status', 'open');
      (r.model.get('triage') as Y.Map<unknown>).set('no-separator', entry);
    },
  ],
  [
    'a triage key longer than two ids',
    (r) => {
      const entry = new Y.Map<unknown>();
      entry.set('status', 'open');
      (r.model.get('triage') as Y.Map<unknown>).set(`${'r'.repeat(300)}@${'c'.repeat(101)}`, entry);
    },
  ],
  [
    'a __proto__ triage key',
    (r) => {
      const entry = new Y.Map<unknown>();
      entry.set('status', 'open');
      (r.model.get('triage') as Y.Map<unknown>).set('__proto__', entry);
    },
  ],
  [
    'a shared map nested in props',
    (r) => (r.firstComponent.get('props') as Y.Map<unknown>).set('trust', new Y.Map()),
  ],
  ['props as an atomic value of the wrong kind', (r) => r.firstComponent.set('props', ['anonymous'])],
  ['interop garbage', (r) => r.model.set('interop', { threatDragon: { evil: true } })],
  [
    'more components than the limit',
    (r) => {
      r.hostile.transact(() => {
        for (let i = 0; i <= LIMITS.components.value; i++) r.components.set(`c${i}`, 0 as never);
      });
    },
  ],
  [
    'an order array far longer than the collection allows',
    (r) => {
      const order = r.hostile.getMap('order').get('trustBoundaries') as Y.Array<string>;
      order.push(new Array<string>(4 * LIMITS.trustBoundaries.value + 1).fill('x'));
    },
  ],
];

describe('a hostile or buggy peer', () => {
  it.each(attacks)('%s: the victim gets problems, keeps its document, and recovers', (_name, attack) => {
    const r = room();
    const before = Y.encodeStateVector(r.victim);
    attack(r);
    Y.applyUpdate(r.victim, Y.encodeStateAsUpdate(r.hostile, before));
    let result: ReturnType<typeof readDocumentFromY> | undefined;
    expect(() => (result = readDocumentFromY(r.victim, r.valid, options))).not.toThrow();
    expect(result!.ok).toBe(false);
    if (result!.ok) return;
    expect(result!.problems.length).toBeGreaterThan(0);
    expect(result!.problems.length).toBeLessThanOrEqual(LIMITS.reportedProblems.value);
    for (const p of result!.problems) expect(p.path).toMatch(/^(\$|order)/);
    // The way back: the last valid document written over the room.
    writeDocumentToY(r.victim, r.valid, null);
    expect(serialiseDocument(readOk(r.victim, r.valid))).toBe(serialiseDocument(r.valid));
  });

  it('garbage in the order array is ignored, and every peer still sees one order', () => {
    const r = room();
    const order = r.hostile.getMap('order').get('components') as Y.Array<unknown>;
    order.insert(0, [17, null, 'no-such-id', r.doc.components[3]!.id, { id: 'x' }]);
    sync(r.victim, r.hostile);
    const a = readOk(r.victim);
    const b = readOk(r.hostile);
    expect(serialiseDocument(a)).toBe(serialiseDocument(b));
    expect(a.components[0]!.id).toBe(r.doc.components[3]!.id);
    expect(a.components).toHaveLength(r.doc.components.length);
  });

  it('an element missing from the order array is appended in id order', () => {
    const r = room();
    const order = r.hostile.getMap('order').get('components') as Y.Array<unknown>;
    order.delete(0, 2);
    sync(r.victim, r.hostile);
    const ids = readOk(r.victim).components.map((c) => c.id);
    const missing = r.doc.components
      .slice(0, 2)
      .map((c) => c.id)
      .sort();
    expect(ids.slice(-2)).toEqual(missing);
  });

  it('no accepted read is ever an invalid document', () => {
    const r = room();
    // A valid-looking but wrong value the schema refuses, written by the peer and then fixed.
    r.firstComponent.set('label', 'x'.repeat(501));
    sync(r.victim, r.hostile);
    expect(readDocumentFromY(r.victim, r.valid, options).ok).toBe(false);
    r.firstComponent.set('label', 'fixed');
    sync(r.victim, r.hostile);
    const fixed: ThreatModelDocument = readOk(r.victim, r.valid);
    expect(parseDocument(JSON.parse(serialiseDocument(fixed)), options).ok).toBe(true);
    expect(fixed.components[0]!.label).toBe('fixed');
    expect(fixed.components[1]).toBe(r.valid.components[1]);
  });
});
