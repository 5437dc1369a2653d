/**
 * Node clients for the collaboration server tests: the real @hocuspocus/provider over the `ws`
 * package (Node has no WebSocket the provider can use with a polyfill option in every version).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface TestClient {
  readonly doc: Y.Doc;
  readonly provider: HocuspocusProvider;
  /** Resolves once the first sync with the server is done; rejects when authentication fails. */
  readonly synced: Promise<void>;
  /** Reasons the server gave for refusing or closing, in order. */
  readonly refusals: string[];
  readonly closeEvents: { code: number; reason: string }[];
  destroy(): void;
}

export function connectClient(url: string, room: string, options: { token?: string } = {}): TestClient {
  const doc = new Y.Doc();
  const refusals: string[] = [];
  const closeEvents: { code: number; reason: string }[] = [];
  const websocketProvider = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: WebSocket,
    // Tests decide when to reconnect; a refused client must not retry forever in the background.
    maxAttempts: 1,
  });
  let resolveSynced!: () => void;
  let rejectSynced!: (error: Error) => void;
  const synced = new Promise<void>((resolve, reject) => {
    resolveSynced = resolve;
    rejectSynced = reject;
  });
  synced.catch(() => undefined);
  const provider = new HocuspocusProvider({
    websocketProvider,
    name: room,
    document: doc,
    token: options.token ?? null,
    onSynced: () => resolveSynced(),
    onAuthenticationFailed: ({ reason }) => {
      refusals.push(reason);
      rejectSynced(new Error(`authentication failed: ${reason}`));
    },
    onClose: ({ event }) => {
      closeEvents.push({ code: event.code, reason: event.reason });
    },
  });
  // A provider given its own websocket does not attach itself (v4: one socket can carry many rooms).
  provider.attach();
  websocketProvider.on('close', ({ event }: { event: { code: number; reason: string } }) => {
    if (closeEvents.length === 0 || closeEvents.at(-1)?.code !== event.code)
      closeEvents.push({ code: event.code, reason: event.reason });
    rejectSynced(new Error(`connection closed: ${event.code} ${event.reason}`));
  });
  return {
    doc,
    provider,
    synced,
    refusals,
    closeEvents,
    destroy: () => {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}

/** Polls until `check` holds (or fails the test with `what` after `timeoutMs`). */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
