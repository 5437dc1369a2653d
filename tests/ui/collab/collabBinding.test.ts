// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComponent,
  createEmptyDocument,
  renameDocument,
  serialiseDocument,
  setTriage,
  updateComponent,
  writeDocumentToY,
} from '../../../src/core/index';
import { bindStoreToY } from '../../../src/ui/collab/collabBinding';
import { addComponentOfType, connectComponents } from '../../../src/ui/store/elementActions';
import { createAppStore, type AppStore } from '../../../src/ui/store/createAppStore';
import { apiModel, component } from '../../support/modelBuilders';
import { testLibrary } from '../helpers/testLibrary';

const library = testLibrary();
const WIRE = 'wire';

/** Two (or more) real Yjs documents exchanging every update, as a server would relay them. */
function wire(docs: Y.Doc[]): { cut: () => void; mend: () => void } {
  let connected = true;
  for (const from of docs)
    from.on('update', (update: Uint8Array, origin: unknown) => {
      if (!connected || origin === WIRE) return;
      for (const to of docs) if (to !== from) Y.applyUpdate(to, update, WIRE);
    });
  return {
    cut: () => void (connected = false),
    mend: () => {
      connected = true;
      // What a reconnect does: each side sends what the other misses.
      for (const a of docs)
        for (const b of docs)
          if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), WIRE);
    },
  };
}

interface Participant {
  store: AppStore;
  ydoc: Y.Doc;
  rejected: string[];
  binding: ReturnType<typeof bindStoreToY>;
}

/** The sharer writes apiModel() into the room; the others join (an empty document pulled from it). */
function room(count: number): { people: Participant[]; net: ReturnType<typeof wire> } {
  const ydocs = Array.from({ length: count }, () => new Y.Doc());
  const net = wire(ydocs);
  const people = ydocs.map((ydoc, i) => {
    const store = createAppStore({ library, document: i === 0 ? apiModel() : createEmptyDocument() });
    if (i === 0) writeDocumentToY(ydoc, store.getState().document, null);
    const rejected: string[] = [];
    const binding = bindStoreToY(store, ydoc, {
      captureTimeoutMs: 0,
      onRejected: (problems) => rejected.push(problems.map((p) => `${p.path}: ${p.message}`).join('; ')),
    });
    binding.pull();
    return { store, ydoc, rejected, binding };
  });
  return { people, net };
}

const text = (p: Participant) => serialiseDocument(p.store.getState().document);

describe('the store ⇄ Yjs binding', () => {
  it('a joiner gets the shared model, and a change by anyone reaches everyone without an undo step of theirs', () => {
    const {
      people: [a, b, c],
    } = room(3);
    expect(text(b!)).toBe(text(a!));
    a!.store.getState().change((d) => renameDocument(d, 'Renamed by A'));
    for (const p of [b!, c!]) {
      expect(p.store.getState().document.meta.title).toBe('Renamed by A');
      expect(p.store.getState().history.past).toHaveLength(0);
    }
    expect(text(c!)).toBe(text(a!));
  });

  it('concurrent edits of different elements and fields, and of triage, all merge', () => {
    const { people, net } = room(2);
    const [a, b] = people as [Participant, Participant];
    net.cut();
    a.store.getState().change((d) => updateComponent(d, 'c-api', { label: 'API (A)' }));
    a.store
      .getState()
      .change((d) =>
        addComponent(d, component('c-new-a', 'user', {}, undefined, { position: { x: 9, y: 9 } })),
      );
    b.store.getState().change((d) => updateComponent(d, 'c-user', { position: { x: 40, y: 40 } }));
    b.store
      .getState()
      .change((d) => setTriage(d, 'some-rule@c-api', { status: 'accepted', note: 'ok by B' }));
    expect(text(a)).not.toBe(text(b));
    net.mend();
    expect(text(a)).toBe(text(b));
    const doc = a.store.getState().document;
    expect(doc.components.find((c) => c.id === 'c-api')?.label).toBe('API (A)');
    expect(doc.components.find((c) => c.id === 'c-user')?.position).toEqual({ x: 40, y: 40 });
    expect(doc.components.some((c) => c.id === 'c-new-a')).toBe(true);
    expect(doc.triage['some-rule@c-api']).toMatchObject({ status: 'accepted', note: 'ok by B' });
  });

  it('two participants adding a component and a flow at the same moment both keep theirs (ids carry the session tag)', () => {
    const { people, net } = room(2);
    const [a, b] = people as [Participant, Participant];
    for (const p of [a, b])
      p.store.getState().update({
        collab: {
          room: 'r',
          readOnly: false,
          undo: () => {},
          redo: () => {},
          canUndo: () => false,
          canRedo: () => false,
          idTag: p.ydoc.clientID.toString(36),
        },
      });
    net.cut();
    const fromA = addComponentOfType(a.store, 'user', { x: 600, y: 40 });
    const fromB = addComponentOfType(b.store, 'user', { x: 600, y: 240 });
    const flowA = connectComponents(a.store, fromA!, 'c-api');
    const flowB = connectComponents(b.store, fromB!, 'c-api');
    expect(fromA).not.toBe(fromB);
    expect(flowA).not.toBe(flowB);
    net.mend();
    expect(text(a)).toBe(text(b));
    const doc = a.store.getState().document;
    for (const id of [fromA, fromB]) expect(doc.components.some((c) => c.id === id)).toBe(true);
    for (const id of [flowA, flowB]) expect(doc.dataFlows.some((f) => f.id === id)).toBe(true);
  });

  it('the same field edited at once resolves to one value everywhere', () => {
    const { people, net } = room(2);
    const [a, b] = people as [Participant, Participant];
    net.cut();
    a.store.getState().change((d) => updateComponent(d, 'c-api', { label: 'from A' }));
    b.store.getState().change((d) => updateComponent(d, 'c-api', { label: 'from B' }));
    net.mend();
    expect(text(a)).toBe(text(b));
    expect(['from A', 'from B']).toContain(
      a.store.getState().document.components.find((c) => c.id === 'c-api')?.label,
    );
  });

  it('undo and redo undo only this participant’s own changes', () => {
    const {
      people: [a, b],
    } = room(2);
    a!.store.getState().change((d) => renameDocument(d, 'A title'));
    b!.store.getState().change((d) => updateComponent(d, 'c-user', { label: 'B label' }));
    expect(a!.binding.undoManager.canUndo()).toBe(true);
    a!.binding.undoManager.undo();
    for (const p of [a!, b!]) {
      expect(p.store.getState().document.meta.title).toBe('Chat service');
      expect(p.store.getState().document.components.find((c) => c.id === 'c-user')?.label).toBe('B label');
    }
    a!.binding.undoManager.redo();
    expect(b!.store.getState().document.meta.title).toBe('A title');
    expect(text(a!)).toBe(text(b!));
  });

  it('a peer’s change that is not a valid model is refused: the last valid model stays, with no undo step', () => {
    const {
      people: [a, b],
    } = room(2);
    const before = text(b!);
    // A hostile peer writes garbage into every shared type it finds.
    a!.binding.dispose();
    const hostile = new Y.Doc();
    Y.applyUpdate(hostile, Y.encodeStateAsUpdate(a!.ydoc));
    const model = hostile.getMap('model');
    hostile.transact(() => {
      for (const key of [...model.keys()]) model.set(key, 12345);
      model.set('<script>', { nonsense: true });
    });
    Y.applyUpdate(b!.ydoc, Y.encodeStateAsUpdate(hostile, Y.encodeStateVector(b!.ydoc)), 'hostile');
    expect(b!.rejected.length).toBeGreaterThan(0);
    expect(text(b!)).toBe(before);
    expect(b!.store.getState().history.past).toHaveLength(0);
    expect(b!.rejected[0]).toMatch(/\$\.\S+/);
  });

  it('after dispose, neither side hears the other', () => {
    const {
      people: [a, b],
    } = room(2);
    b!.binding.dispose();
    a!.store.getState().change((d) => renameDocument(d, 'Later'));
    expect(b!.store.getState().document.meta.title).toBe('Chat service');
    b!.store.getState().change((d) => renameDocument(d, 'Mine'));
    expect(a!.store.getState().document.meta.title).toBe('Later');
  });
});

describe('the store in a room', () => {
  it('delegates undo and redo to the room and refuses every change when the room is read-only', () => {
    const store = createAppStore({ library, document: apiModel() });
    const calls: string[] = [];
    const hooks = {
      room: 'r',
      readOnly: false,
      undo: () => void calls.push('undo'),
      redo: () => void calls.push('redo'),
      canUndo: () => true,
      canRedo: () => false,
    };
    store.getState().update({ collab: hooks });
    store.getState().change((d) => renameDocument(d, 'X'));
    store.getState().undo();
    store.getState().redo();
    expect(calls).toEqual(['undo', 'redo']);
    expect(store.getState().document.meta.title).toBe('X');

    store.getState().update({ collab: { ...hooks, readOnly: true } });
    store.getState().change((d) => renameDocument(d, 'Y'));
    expect(store.getState().document.meta.title).toBe('X');
    expect(store.getState().notice?.message).toMatch(/read-only/);
  });

  it('a remote document replaces the shown one without an undo step, keeping the selection that still exists', () => {
    const store = createAppStore({ library, document: apiModel() });
    store.getState().select(['c-user', 'c-api']);
    const next = { ...apiModel(), components: apiModel().components.filter((c) => c.id !== 'c-api') };
    store.getState().applyRemoteDocument(next);
    expect(store.getState().document).toBe(next);
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().selection).toEqual(['c-user']);
  });
});
