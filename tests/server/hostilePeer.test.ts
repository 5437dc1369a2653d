import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  parseDocumentText,
  readDocumentFromY,
  shippedLibrary,
  writeDocumentToY,
  type ThreatModelDocument,
} from '../../src/core/index';
import { connectClient, sleep, waitFor, type TestClient } from './helpers/collabClient';
import { startServerProcess, type ServerProcess } from './helpers/serverProcess';

const options = { catalogue: shippedLibrary().catalogue };
const example = (): ThreatModelDocument => {
  const file = path.join(import.meta.dirname, '../../examples/public-rag-chatbot.aitm.json');
  const parsed = parseDocumentText(readFileSync(file, 'utf8'), options);
  if (!parsed.ok) throw new Error('example does not parse');
  return parsed.value;
};

/** What a well-behaved editor does on every remote change: read through the gate, keep the last valid model. */
function followValidModel(client: TestClient) {
  const state = { last: null as ThreatModelDocument | null, rejected: 0 };
  const read = () => {
    const result = readDocumentFromY(client.doc, state.last, options);
    if (result.ok) state.last = result.document;
    else state.rejected += 1;
  };
  client.doc.on('update', read);
  read();
  return state;
}

type RawSocket = {
  on(event: string, listener: (...args: unknown[]) => void): void;
  send(data: Uint8Array): void;
  close(): void;
};
const RawWebSocket = WebSocket as unknown as new (url: string) => RawSocket;

describe('a hostile peer', () => {
  let server: ServerProcess;
  const clients: TestClient[] = [];
  const join = () => {
    const client = connectClient(server.url, 'hostile');
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    server = await startServerProcess({
      COLLAB_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'collab-hostile-')),
    });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
  });

  it('writing garbage into the shared model breaks neither the server nor the other clients', async () => {
    const facilitator = join();
    const participant = join();
    await Promise.all([facilitator.synced, participant.synced]);
    const model = example();
    writeDocumentToY(facilitator.doc, model, null);
    const seen = followValidModel(participant);
    await waitFor('the participant reads the shared model', () => seen.last?.meta.title === model.meta.title);
    const lastValid = seen.last;
    expect(lastValid).not.toBeNull();

    const hostile = join();
    await hostile.synced;
    hostile.doc.transact(() => {
      const root = hostile.doc.getMap('model');
      root.set('components', 'not a map');
      root.set('dataFlows', new Y.Array());
      root.set('schemaVersion', { nested: ['garbage'] });
      root.set('__proto__', 'pollution');
      hostile.doc.getMap('order').set('components', 42);
    });
    await waitFor('the garbage reaches the participant', () => seen.rejected > 0);
    // The participant keeps its last valid model; nothing in it changed.
    expect(seen.last).toBe(lastValid);

    // Raw bytes that are no Hocuspocus message at all: only that socket is dropped.
    const raw = new RawWebSocket(server.url);
    await new Promise<void>((resolve, reject) => {
      raw.on('open', () => resolve());
      raw.on('error', reject);
    });
    raw.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]));
    raw.send(new Uint8Array([7, 104, 111, 115, 116, 105, 108, 101, 0, 2, 200, 1, 2, 3]));
    await sleep(200);
    raw.close();

    // The facilitator puts the model back; everyone, including a newcomer, reads it again.
    writeDocumentToY(facilitator.doc, model, null);
    await waitFor('the participant reads a valid model again', () => {
      const result = readDocumentFromY(participant.doc, seen.last, options);
      return result.ok && result.document.components.length === model.components.length;
    });
    const newcomer = join();
    await newcomer.synced;
    const result = readDocumentFromY(newcomer.doc, null, options);
    expect(result.ok && result.document.meta.title).toBe(model.meta.title);
    expect(model.meta.title).toBe('Public RAG support chatbot');
    expect(server.child.exitCode).toBeNull();
  });
});
