// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { startupDocument } from '../../src/ui/documents/startupDocument';
import {
  RECOVERED_SUFFIX,
  recoverPendingSaves,
  stampRevision,
} from '../../src/ui/documents/recoverPendingSaves';
import { isConflict, type DocumentLibrary } from '../../src/ui/platform/documentLibrary';
import { indexedDbDocumentLibrary } from '../../src/ui/platform/indexedDbDocumentLibrary';
import { libraryDocumentSlot } from '../../src/ui/platform/libraryDocumentStorage';
import { localPendingSaves, PENDING_SAVE_PREFIX } from '../../src/ui/platform/pendingSaves';
import { OPEN_DOCUMENT_KEY } from '../../src/ui/documents/editorPrefetch';
import { encodeAutosave } from '../../src/ui/store/autosaveRecord';
import { apiModel } from '../support/modelBuilders';

/**
 * A page that goes away right after an edit may end before the library's background write does:
 * the slot keeps such text synchronously, and the next page writes it into the library first.
 */
let dbs = 0;
const freshLibrary = () =>
  indexedDbDocumentLibrary({ dbName: `pending-test-${++dbs}`, now: () => 1000, broadcast: false });
const stamped = (revision: number, title = 'Chat service') =>
  encodeAutosave(
    { ...apiModel(), meta: { ...apiModel().meta, title } },
    { owner: 'tab', revision, savedAt: 5 },
  );
/** What is kept, read back as the next page reads it. */
const keptSaves = (pending: ReturnType<typeof localPendingSaves>) =>
  pending
    .ids()
    .map((id) => ({ id, ...(JSON.parse(pending.stored(id)!) as { title: string; text: string }) }));
const pendingKeys = () => Object.keys(localStorage).filter((k) => k.startsWith(PENDING_SAVE_PREFIX));

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('the slot keeps what it has not written', () => {
  it('keeps only text whose write has not ended, and drops it once written', async () => {
    const library = freshLibrary();
    const pending = localPendingSaves(localStorage);
    const slot = libraryDocumentSlot(library, null, pending);
    const id = slot.begin();
    await slot.save('written', { title: 'A' });
    slot.keepUnsaved();
    expect(pendingKeys()).toEqual([]);

    const write = slot.save('newest', { title: 'A' });
    slot.keepUnsaved();
    expect(keptSaves(pending)).toEqual([{ id, title: 'A', text: 'newest' }]);
    await write;
    expect(pendingKeys()).toEqual([]);
    expect((await library.load(id))?.text).toBe('newest');
  });

  it('keeps a text the library failed to write, for the next page', async () => {
    const failing: DocumentLibrary = {
      ...freshLibrary(),
      save: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
    };
    const pending = localPendingSaves(localStorage);
    const slot = libraryDocumentSlot(failing, null, pending);
    const id = slot.begin();
    await expect(slot.save('lost?', { title: 'B' })).rejects.toThrow('full');
    slot.keepUnsaved();
    expect(keptSaves(pending)).toEqual([{ id, title: 'B', text: 'lost?' }]);
  });
});

describe('the next page writes kept text into the library first', () => {
  it('creates a record never written, and shows it when this tab showed it', async () => {
    const library = freshLibrary();
    const pending = localPendingSaves(localStorage);
    pending.keep({ id: 'doc-new', title: 'Quick', text: stamped(1, 'Quick') });
    sessionStorage.setItem(OPEN_DOCUMENT_KEY, 'doc-new');
    const start = await startupDocument(library, localStorage, sessionStorage, { pendingSaves: pending });
    expect(start.record).toMatchObject({ id: 'doc-new', title: 'Quick', text: stamped(1, 'Quick') });
    expect(pendingKeys()).toEqual([]);
  });

  it('brings a record up to a newer revision, and leaves one another tab wrote since as it is', async () => {
    const library = freshLibrary();
    await library.save('older', { title: 'Chat service', text: stamped(3) }, null);
    await library.save('newer', { title: 'Theirs', text: stamped(7, 'Theirs') }, null);
    const pending = localPendingSaves(localStorage);
    pending.keep({ id: 'older', title: 'Chat service', text: stamped(4) });
    pending.keep({ id: 'newer', title: 'Mine', text: stamped(7, 'Mine') });
    await recoverPendingSaves(library, pending);

    expect((await library.load('older'))?.text).toBe(stamped(4));
    expect((await library.load('newer'))?.text).toBe(stamped(7, 'Theirs'));
    const titles = (await library.list()).documents.map((d) => d.title).sort();
    expect(titles).toEqual(['Chat service', `Mine${RECOVERED_SUFFIX}`, 'Theirs']);
    expect(pendingKeys()).toEqual([]);
  });

  it('keeps an entry the library cannot take, and drops entries that are not its own', async () => {
    const library = freshLibrary();
    const refusing: DocumentLibrary = {
      ...library,
      save: () => Promise.reject(new Error('unavailable')),
    };
    localStorage.setItem(`${PENDING_SAVE_PREFIX}junk`, '{"title": 1}');
    const pending = localPendingSaves(localStorage);
    pending.keep({ id: 'doc', title: 'Keep', text: stamped(2) });
    await recoverPendingSaves(refusing, pending);
    expect(pendingKeys()).toEqual([`${PENDING_SAVE_PREFIX}doc`]);
    await recoverPendingSaves(library, pending);
    const record = await library.load('doc');
    expect(record && !isConflict(record) && record.text).toBe(stamped(2));
    expect(pendingKeys()).toEqual([]);
  });

  it('reads the revision from the stamp at the start of the text', () => {
    expect(stampRevision(stamped(42))).toBe(42);
    expect(stampRevision(encodeAutosave(apiModel(), { owner: 'a"b', revision: 9, savedAt: 0 }))).toBe(9);
    expect(stampRevision('{"format":"ai-threat-model"}')).toBe(0);
    expect(stampRevision('not json')).toBe(0);
  });
});
