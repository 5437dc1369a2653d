import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { isEmptyModelY, readDocumentFromY, writeDocumentToY, type Problem } from '../../core';
import type { AppServices } from '../store/StoreContext';
import { bindStoreToY, type CollabBinding } from './collabBinding';
import { createCollabView, leaderOf, type CollabViewStore, type ConnectionStatus } from './collabView';
import { participantColor } from './participantName';
import { readPeers, throttle } from './presence';
import { rememberRoomRecord, roomRecordId, offlineStoreName } from './roomRecords';
import type { RoomAddress } from './roomAddress';

/**
 * One live workshop: the room's Yjs document, kept in IndexedDB (offline edits survive a reload
 * and merge on reconnect) and synced through a Hocuspocus server; bound to the store (see
 * collabBinding.ts), with this participant's presence (name, colour, cursor, selection, follow).
 */
export interface CollabSession {
  readonly address: RoomAddress;
  readonly view: CollabViewStore;
  /** Pointer position in flow coordinates; null when the pointer leaves the canvas. */
  setCursor(position: { x: number; y: number } | null): void;
  /** "Follow me" (review mode): everyone following sees the finding this participant shows. */
  setLeading(on: boolean): void;
  setFollowing(on: boolean): void;
  /** Disconnects; the model stays open as a private document of the library (a new record). */
  leave(): Promise<void>;
  /** Disconnects and forgets the session, leaving the open document as it is. */
  close(): void;
}

export interface StartOptions extends RoomAddress {
  /** `share` writes the open document into an empty room; `join` opens the room's model. */
  mode: 'share' | 'join';
  name: string;
  /** Where room → library record ids are remembered (localStorage in the app). */
  memory?: Storage | null;
  /** How long to wait for the server before working from the offline copy alone. */
  syncTimeoutMs?: number;
  /** Called once when the session ends (leave, close, or another document opened). */
  onEnded?: () => void;
}

/** The reason a room could not be joined, shown to the user as is. */
export class CollabRefused extends Error {}

const CURSOR_INTERVAL_MS = 50;

function describeRejection(problems: readonly Problem[]): string {
  const first = problems[0];
  const where = first ? `${first.path}: ${first.message}` : 'it does not form a valid model';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  return `A change from another participant was refused and not applied: ${where}${more}. You keep the last valid model; the workshop goes on.`;
}

/** Resolves when the provider has synced, rejects when the server refuses us, null on timeout (offline). */
function firstSync(provider: HocuspocusProvider, timeoutMs: number): Promise<'synced' | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(() => resolve('timeout')), timeoutMs);
    const onSynced = () => done(() => resolve('synced'));
    const onFailed = ({ reason }: { reason: string }) =>
      done(() =>
        reject(new CollabRefused(`the server refused to let you in (${reason || 'no valid token'})`)),
      );
    const done = (then: () => void) => {
      clearTimeout(timer);
      provider.off('synced', onSynced);
      provider.off('authenticationFailed', onFailed);
      then();
    };
    if (provider.isSynced) return done(() => resolve('synced'));
    provider.on('synced', onSynced);
    provider.on('authenticationFailed', onFailed);
  });
}

export async function startCollabSession(
  services: AppServices,
  options: StartOptions,
): Promise<CollabSession> {
  const { store, documents } = services;
  const { url, room, token, mode } = options;
  const memory = options.memory ?? null;
  const ydoc = new Y.Doc();
  const offline = new IndexeddbPersistence(offlineStoreName(url, room), ydoc);
  // Without IndexedDB (private mode) the workshop still works, only without the offline copy.
  await offline.whenSynced.catch(() => undefined);

  const view = createCollabView({
    url,
    room,
    status: 'connecting',
    readOnly: options.readOnly === true,
    self: { name: options.name, color: participantColor() },
  });
  const provider = new HocuspocusProvider({ url, name: room, document: ydoc, token: token ?? '' });
  let connected = false;
  const showStatus = () => {
    const status: ConnectionStatus = !connected
      ? view.getState().status === 'connecting'
        ? 'connecting'
        : 'offline'
      : provider.isSynced && !provider.hasUnsyncedChanges
        ? 'online'
        : 'syncing';
    if (view.getState().status !== status) view.setState({ status });
  };
  const onStatus = ({ status }: { status: WebSocketStatus }) => {
    connected = status === WebSocketStatus.Connected;
    if (status === WebSocketStatus.Disconnected) view.setState({ status: 'offline' });
    showStatus();
  };
  provider.on('status', onStatus);
  provider.on('synced', showStatus);
  provider.on('unsyncedChanges', showStatus);
  provider.on('authenticated', ({ scope }: { scope: string }) => {
    const readOnly = scope === 'readonly' || options.readOnly === true;
    view.setState({ readOnly });
    const hooks = store.getState().collab;
    if (hooks && hooks.readOnly !== readOnly) store.getState().update({ collab: { ...hooks, readOnly } });
  });

  const teardown = () => {
    provider.destroy();
    void offline.destroy();
    ydoc.destroy();
  };

  let binding: CollabBinding;
  try {
    const synced = await firstSync(provider, options.syncTimeoutMs ?? 6000);
    const empty = isEmptyModelY(ydoc);
    if (synced === 'timeout' && empty)
      throw new CollabRefused(`the server ${url} did not answer, and this browser has no copy of the room`);
    if (mode === 'share') {
      if (view.getState().readOnly)
        throw new CollabRefused('this token is read-only: sharing needs an edit token');
      if (!empty)
        throw new CollabRefused(
          `the room “${room}” already holds a model: choose another room name, or join it by its link`,
        );
      await store.getState().whenSaved();
      writeDocumentToY(ydoc, store.getState().document, null);
    } else {
      const read = readDocumentFromY(ydoc, null, { catalogue: store.getState().library.catalogue });
      if (!read.ok) {
        if (empty)
          throw new CollabRefused(
            `the room “${room}” holds no model yet: ask whoever shares it to start sharing`,
          );
        throw new CollabRefused(describeRejection(read.problems));
      }
      // Joining never overwrites the open document: the room has its own library record.
      const knownId = roomRecordId(memory, url, room);
      const known = knownId && documents ? await documents.load(knownId).catch(() => null) : null;
      if (!(known && store.getState().openStoredDocument(known)))
        store.getState().replaceDocument(read.document);
      await store.getState().whenSaved();
    }
    binding = bindStoreToY(store, ydoc, {
      onRejected: (problems) =>
        store.getState().update({ notice: { kind: 'warning', message: describeRejection(problems) } }),
    });
    // The room is the truth: a reopened record may be older than what was edited since.
    binding.pull();
  } catch (error) {
    teardown();
    throw error;
  }

  const recordId = store.getState().documentId;
  if (recordId) rememberRoomRecord(memory, url, room, recordId);

  const { undoManager } = binding;
  store.getState().update({
    collab: {
      room,
      readOnly: view.getState().readOnly,
      undo: () => undoManager.undo(),
      redo: () => undoManager.redo(),
      canUndo: () => undoManager.canUndo(),
      canRedo: () => undoManager.canRedo(),
      // The Yjs client id is random per session and unique in the room: base 36 keeps ids short.
      idTag: ydoc.clientID.toString(36),
    },
  });

  // Presence.
  const awareness = provider.awareness;
  const setField = (key: string, value: unknown) => awareness?.setLocalStateField(key, value);
  setField('user', view.getState().self);
  setField('selection', store.getState().selection);
  const onAwareness = () => {
    if (!awareness) return;
    view.setState({ peers: readPeers(awareness.getStates(), awareness.clientID) });
  };
  awareness?.on('change', onAwareness);
  onAwareness();
  const sendCursor = throttle(CURSOR_INTERVAL_MS, (cursor: { x: number; y: number } | null) =>
    setField('cursor', cursor),
  );

  const publishFollow = () => {
    const { review } = store.getState();
    setField('follow', view.getState().leading && review ? { keys: review.keys, index: review.index } : null);
  };
  let shownFollow = '';
  const applyFollow = () => {
    const state = view.getState();
    const leader = state.following && !state.leading ? leaderOf(state) : null;
    if (!leader?.follow) {
      shownFollow = '';
      return;
    }
    const { keys, index } = leader.follow;
    const signature = `${leader.clientId}:${index}:${keys[index]}`;
    if (signature === shownFollow) return;
    shownFollow = signature;
    store.getState().update({ review: { keys, index }, sidePanel: 'threats', rightPanelOpen: true });
    void import('../review/reviewActions').then((m) => m.showCurrent(store));
  };
  const unsubscribeView = view.subscribe(applyFollow);

  const unsubscribeStore = store.subscribe((state, previous) => {
    if (state.selection !== previous.selection) setField('selection', state.selection);
    if (state.review !== previous.review && view.getState().leading) publishFollow();
    if (state.review === null && previous.review !== null && view.getState().leading)
      session.setLeading(false);
    // Another document was opened (Open, New, Documents…): this tab is no longer in the room.
    if (recordId !== null && state.documentId !== recordId && state.documentId !== previous.documentId) end();
  });

  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    unsubscribeStore();
    unsubscribeView();
    awareness?.off('change', onAwareness);
    binding.dispose();
    teardown();
    if (store.getState().collab) store.getState().update({ collab: null });
    options.onEnded?.();
  };

  const session: CollabSession = {
    address: { url, room, token },
    view,
    setCursor: sendCursor,
    setLeading: (on) => {
      view.setState({ leading: on });
      publishFollow();
    },
    setFollowing: (on) => {
      view.setState({ following: on });
      if (!on) shownFollow = '';
    },
    leave: async () => {
      const document = store.getState().document;
      end();
      // A private copy: a new record, no longer tied to the room.
      store.getState().replaceDocument(document);
      await store.getState().whenSaved();
    },
    close: end,
  };
  return session;
}
