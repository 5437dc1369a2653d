import 'fake-indexeddb/auto';
import { createStore, get, set } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import {
  isConflict,
  SNAPSHOT_LIMIT,
  type StoredDocument,
  type WriteConflict,
} from '../../src/ui/platform/documentLibrary';
import { indexedDbDocumentLibrary } from '../../src/ui/platform/indexedDbDocumentLibrary';
import { DocumentChangedElsewhere, libraryDocumentSlot } from '../../src/ui/platform/libraryDocumentStorage';

let dbs = 0;
/** A library over a database of its own, with a clock the test moves. */
function freshLibrary() {
  const clock = { now: 1000 };
  const dbName = `library-test-${++dbs}`;
  const library = indexedDbDocumentLibrary({ dbName, now: () => clock.now, broadcast: false });
  return { library, clock, raw: createStore(dbName, 'documents') };
}

const saved = (result: StoredDocument | WriteConflict) => {
  if (isConflict(result)) throw new Error('unexpected conflict');
  return result;
};

describe('the IndexedDB document library', () => {
  it('keeps each document in its own record and lists them newest change first', async () => {
    const { library, clock } = freshLibrary();
    saved(await library.save('a', { title: 'First', text: 'text a' }, null));
    clock.now = 2000;
    saved(await library.save('b', { title: 'Second', text: 'text b' }, null));
    const { documents, broken } = await library.list();
    expect(documents.map((d) => [d.id, d.title, d.updatedAt])).toEqual([
      ['b', 'Second', 2000],
      ['a', 'First', 1000],
    ]);
    expect(broken).toEqual([]);
    expect(await library.load('a')).toMatchObject({ id: 'a', text: 'text a', revision: 1, snapshots: [] });
    expect(await library.load('nope')).toBeNull();
  });

  it('refuses a write that expects another revision, and changes nothing', async () => {
    const { library } = freshLibrary();
    saved(await library.save('a', { title: 'One', text: 'v1' }, null));
    saved(await library.save('a', { title: 'One', text: 'v2' }, 1));
    const stale = await library.save('a', { title: 'One', text: 'stale' }, 1);
    expect(isConflict(stale) && stale.current?.text).toBe('v2');
    const again = await library.save('a', { title: 'One', text: 'new doc' }, null);
    expect(isConflict(again)).toBe(true);
    expect((await library.load('a'))?.text).toBe('v2');
  });

  it('reports a broken record, never overwrites it, and still lists the others', async () => {
    const { library, raw } = freshLibrary();
    saved(await library.save('good', { title: 'Good', text: 'x' }, null));
    await set('bad', { id: 'bad', title: 3 }, raw);
    const { documents, broken } = await library.list();
    expect(documents.map((d) => d.id)).toEqual(['good']);
    expect(broken).toEqual([{ key: 'bad', problem: '$.title: expected a string' }]);
    await expect(library.load('bad')).rejects.toThrow('stored document bad: $.title: expected a string');
    expect(isConflict(await library.save('bad', { title: 'x', text: 'y' }, null))).toBe(true);
    expect(await get('bad', raw)).toEqual({ id: 'bad', title: 3 });
  });

  it('keeps snapshots with the record, the newest SNAPSHOT_LIMIT of them', async () => {
    const { library, clock } = freshLibrary();
    saved(await library.save('a', { title: 'A', text: 'now' }, null));
    for (let i = 0; i < SNAPSHOT_LIMIT + 2; i++) {
      clock.now = 5000 + i;
      await library.addSnapshot('a', { label: `snap ${i}`, text: `t${i}` });
    }
    const record = await library.load('a');
    expect(record?.snapshots).toHaveLength(SNAPSHOT_LIMIT);
    expect(record?.snapshots[0]).toMatchObject({ label: 'snap 2', text: 't2', takenAt: 5002 });
    expect(record?.text).toBe('now');
    // A later write of the text keeps them.
    saved(await library.save('a', { title: 'A', text: 'later' }, 1));
    expect((await library.load('a'))?.snapshots).toHaveLength(SNAPSHOT_LIMIT);
    await expect(library.addSnapshot('missing', { label: 'x', text: 'y' })).rejects.toThrow();
  });

  it('delete returns the record and put brings it back whole', async () => {
    const { library } = freshLibrary();
    saved(await library.save('a', { title: 'A', text: 'body' }, null));
    await library.addSnapshot('a', { label: 'kept', text: 'old' });
    const removed = await library.delete('a');
    expect((await library.list()).documents).toEqual([]);
    await library.put(removed!);
    expect(await library.load('a')).toEqual(removed);
  });
});

describe('the document slot autosave writes through', () => {
  it('answers load from its cache and writes in order, each expecting the last revision', async () => {
    const { library } = freshLibrary();
    const slot = libraryDocumentSlot(library);
    const id = slot.begin();
    const writes = [slot.save('one', { title: 'T' }), slot.save('two', { title: 'T' })];
    expect(slot.load()).toBe('two');
    await Promise.all(writes);
    expect(await library.load(id)).toMatchObject({ text: 'two', revision: 2, title: 'T' });
  });

  it('a write after another tab wrote is refused, and the slot then holds the other tab’s text', async () => {
    const { library } = freshLibrary();
    const mine = libraryDocumentSlot(library);
    const id = mine.begin();
    await mine.save('mine 1');
    const theirs = libraryDocumentSlot(library, await library.load(id));
    await theirs.save('theirs 2');
    await expect(mine.save('mine 2')).rejects.toBeInstanceOf(DocumentChangedElsewhere);
    expect(mine.load()).toBe('theirs 2');
    expect((await library.load(id))?.text).toBe('theirs 2');
    // Choosing to keep mine writes over the revision now known.
    await mine.save('mine 3');
    expect((await library.load(id))?.text).toBe('mine 3');
  });

  it('a new document never writes into the record before it', async () => {
    const { library } = freshLibrary();
    const slot = libraryDocumentSlot(library);
    const first = slot.begin();
    await slot.save('first');
    const second = slot.begin();
    await slot.save('second');
    expect(first).not.toBe(second);
    expect((await library.load(first))?.text).toBe('first');
    expect((await library.load(second))?.text).toBe('second');
  });
});
