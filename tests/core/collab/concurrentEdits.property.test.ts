import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComponent,
  addDataFlow,
  FINDING_STATUSES,
  moveElements,
  parseDocument,
  readDocumentFromY,
  removeElements,
  renameDocument,
  serialiseDocument,
  setTriage,
  updateComponent,
  updateDataFlow,
  updateTrustBoundary,
  writeDocumentToY,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { loadExample, options, sync } from './helpers';

/**
 * Random edit sequences on two peers at once, synced now and then and at the end: both must read
 * the same model byte for byte, a valid one; and edits of different things must all survive.
 */

const base = loadExample('public-rag-chatbot.aitm.json');

type Op =
  | { kind: 'label' | 'description'; at: number; text: string }
  | { kind: 'move'; at: number; x: number; y: number }
  | { kind: 'encrypt'; at: number; value: boolean }
  | { kind: 'add' }
  | { kind: 'connect'; from: number; to: number }
  | { kind: 'remove'; at: number; flow: boolean }
  | { kind: 'triage'; at: number; status: number; owner: string }
  | { kind: 'title'; text: string }
  | { kind: 'nest'; at: number; parent: number }
  | { kind: 'toEnd'; at: number }
  | { kind: 'sync' };

const text = fc.string({ maxLength: 12 });
const at = fc.nat({ max: 40 });
const coordinate = fc.integer({ min: -5000, max: 5000 });

const anyOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('label' as const, 'description' as const), at, text }),
  fc.record({ kind: fc.constant('move' as const), at, x: coordinate, y: coordinate }),
  fc.record({ kind: fc.constant('encrypt' as const), at, value: fc.boolean() }),
  fc.record({ kind: fc.constant('add' as const) }),
  fc.record({ kind: fc.constant('connect' as const), from: at, to: at }),
  fc.record({ kind: fc.constant('remove' as const), at, flow: fc.boolean() }),
  fc.record({ kind: fc.constant('triage' as const), at, status: fc.nat(), owner: text }),
  fc.record({ kind: fc.constant('title' as const), text: text.filter((t) => t.length > 0) }),
  fc.record({ kind: fc.constant('nest' as const), at, parent: at }),
  fc.record({ kind: fc.constant('toEnd' as const), at }),
  fc.record({ kind: fc.constant('sync' as const) }),
);

/** Ops that touch only this peer's half of the model (even or odd positions in `base`), never deleting. */
const disjointOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('label' as const, 'description' as const), at, text }),
  fc.record({ kind: fc.constant('move' as const), at, x: coordinate, y: coordinate }),
  fc.record({ kind: fc.constant('encrypt' as const), at, value: fc.boolean() }),
  fc.record({ kind: fc.constant('add' as const) }),
  fc.record({ kind: fc.constant('triage' as const), at, status: fc.nat(), owner: text }),
  fc.record({ kind: fc.constant('sync' as const) }),
);

class Peer {
  readonly ydoc = new Y.Doc();
  doc: ThreatModelDocument = base;
  private added = 0;
  constructor(
    readonly name: string,
    /** When set, the only base positions this peer may touch. */
    readonly parity?: 0 | 1,
  ) {}

  private pick<T>(items: readonly T[], i: number): T | undefined {
    if (this.parity === undefined) return items.length === 0 ? undefined : items[i % items.length];
    const mine = items.filter((_, k) => k % 2 === this.parity && k < 1000);
    return mine.length === 0 ? undefined : mine[i % mine.length];
  }

  /** Applies one op as the editor would: the command, then its write into the Y.Doc. */
  apply(op: Op): void {
    const next = this.edit(op);
    if (next === undefined || next === this.doc) return;
    // Only edits the editor could make: the command's result must be a valid model.
    if (!parseDocument(JSON.parse(serialiseDocument(next)), options).ok) return;
    writeDocumentToY(this.ydoc, next, this.doc, this.name);
    this.doc = next;
  }

  /** Takes in what arrived from the other peer, as the editor does after an update. */
  read(): void {
    const result = readDocumentFromY(this.ydoc, this.doc, options);
    if (!result.ok) throw new Error(`${this.name}: ${JSON.stringify(result.problems.slice(0, 3))}`);
    expect(parseDocument(result.document, options).ok).toBe(true);
    this.doc = result.document;
  }

  private edit(op: Op): ThreatModelDocument | undefined {
    const d = this.doc;
    const baseComponents = this.parity === undefined ? d.components : base.components;
    const baseFlows = this.parity === undefined ? d.dataFlows : base.dataFlows;
    switch (op.kind) {
      case 'label':
      case 'description': {
        const c = this.pick(baseComponents, op.at);
        if (c === undefined) return undefined;
        return updateComponent(d, c.id, op.kind === 'label' ? { label: op.text } : { description: op.text });
      }
      case 'move': {
        const c = this.pick(baseComponents, op.at);
        return c && moveElements(d, [{ id: c.id, position: { x: op.x, y: op.y } }]);
      }
      case 'encrypt': {
        const f = this.pick(baseFlows, op.at);
        return f && updateDataFlow(d, f.id, { props: { encrypted: op.value } });
      }
      case 'add': {
        this.added++;
        const template = base.components[0]!;
        return addComponent(d, {
          ...template,
          id: `${this.name}-c${this.added}`,
          label: `${this.name} ${this.added}`,
        });
      }
      case 'connect': {
        const from = this.pick(d.components, op.from);
        const to = this.pick(d.components, op.to);
        if (from === undefined || to === undefined) return undefined;
        this.added++;
        return addDataFlow(d, {
          id: `${this.name}-f${this.added}`,
          sourceId: from.id,
          targetId: to.id,
          label: 'x',
        });
      }
      case 'remove': {
        const target = op.flow ? this.pick(d.dataFlows, op.at) : this.pick(d.components, op.at);
        return target && removeElements(d, [target.id]);
      }
      case 'triage': {
        const c = this.pick(baseComponents, op.at);
        if (c === undefined) return undefined;
        const status = FINDING_STATUSES[op.status % FINDING_STATUSES.length]!;
        return setTriage(d, `rule.workshop@${c.id}`, { status, owner: op.owner });
      }
      case 'title':
        return renameDocument(d, op.text);
      case 'nest': {
        const b = this.pick(d.trustBoundaries, op.at);
        const parent = this.pick(d.trustBoundaries, op.parent);
        return (
          b && parent && updateTrustBoundary(d, b.id, { parentId: parent.id === b.id ? null : parent.id })
        );
      }
      case 'toEnd': {
        const c = this.pick(d.components, op.at);
        return c && { ...d, components: [...d.components.filter((x) => x !== c), c] };
      }
      case 'sync':
        return undefined;
    }
  }
}

function start(a: Peer, b: Peer): void {
  writeDocumentToY(a.ydoc, base, null);
  sync(a.ydoc, b.ydoc);
  a.read();
  b.read();
}

function run(a: Peer, b: Peer, opsA: Op[], opsB: Op[]): void {
  for (let i = 0; i < Math.max(opsA.length, opsB.length); i++) {
    const [opA, opB] = [opsA[i], opsB[i]];
    if (opA?.kind === 'sync' || opB?.kind === 'sync') {
      sync(a.ydoc, b.ydoc);
      a.read();
      b.read();
    }
    if (opA) a.apply(opA);
    if (opB) b.apply(opB);
  }
  sync(a.ydoc, b.ydoc);
  a.read();
  b.read();
}

describe('concurrent edits on two peers', () => {
  it('converge to one valid model, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(anyOp, { maxLength: 25 }), fc.array(anyOp, { maxLength: 25 }), (opsA, opsB) => {
        const a = new Peer('a');
        const b = new Peer('b');
        start(a, b);
        run(a, b, opsA, opsB);
        const text = serialiseDocument(a.doc);
        expect(serialiseDocument(b.doc)).toBe(text);
        expect(parseDocument(JSON.parse(text), options).ok).toBe(true);
        // A fresh peer joining now reads the very same model.
        const late = new Y.Doc();
        Y.applyUpdate(late, Y.encodeStateAsUpdate(a.ydoc));
        const joined = readDocumentFromY(late, null, options);
        expect(joined.ok && serialiseDocument(joined.document)).toBe(text);
      }),
      { numRuns: 60 },
    );
  });

  it('keep every edit when the two peers touched different things', () => {
    fc.assert(
      fc.property(
        fc.array(disjointOp, { maxLength: 25 }),
        fc.array(disjointOp, { maxLength: 25 }),
        (opsA, opsB) => {
          const a = new Peer('a', 0);
          const b = new Peer('b', 1);
          start(a, b);
          // What each peer's own last version of what it touched is, before hearing of the other.
          const ownA: ThreatModelDocument[] = [];
          const ownB: ThreatModelDocument[] = [];
          const record = () => {
            ownA.push(a.doc);
            ownB.push(b.doc);
          };
          for (let i = 0; i < Math.max(opsA.length, opsB.length); i++) {
            const [opA, opB] = [opsA[i], opsB[i]];
            if (opA?.kind === 'sync' || opB?.kind === 'sync') {
              sync(a.ydoc, b.ydoc);
              a.read();
              b.read();
            }
            if (opA) a.apply(opA);
            if (opB) b.apply(opB);
            record();
          }
          const finalA = a.doc;
          const finalB = b.doc;
          sync(a.ydoc, b.ydoc);
          a.read();
          b.read();
          const merged = a.doc;
          expect(serialiseDocument(b.doc)).toBe(serialiseDocument(merged));
          const mergedComponents = new Map(merged.components.map((c) => [c.id, c]));
          const mergedFlows = new Map(merged.dataFlows.map((f) => [f.id, f]));
          const check = (own: ThreatModelDocument, parity: 0 | 1, name: string) => {
            base.components.forEach((c, k) => {
              if (k % 2 !== parity) return;
              const mine = own.components.find((x) => x.id === c.id)!;
              expect(mergedComponents.get(c.id)).toEqual(mine);
            });
            base.dataFlows.forEach((f, k) => {
              if (k % 2 !== parity) return;
              const mine = own.dataFlows.find((x) => x.id === f.id)!;
              expect(mergedFlows.get(f.id)).toEqual(mine);
            });
            for (const c of own.components) {
              if (c.id.startsWith(`${name}-`)) expect(mergedComponents.get(c.id)).toEqual(c);
            }
            for (const [key, entry] of Object.entries(own.triage)) {
              const id = key.slice(key.indexOf('@') + 1);
              const k = base.components.findIndex((c) => c.id === id);
              if (k >= 0 && k % 2 === parity) expect(merged.triage[key]).toEqual(entry);
            }
          };
          check(finalA, 0, 'a');
          check(finalB, 1, 'b');
        },
      ),
      { numRuns: 60 },
    );
  });
});
