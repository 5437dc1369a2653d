import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectClient, sleep, waitFor, type TestClient } from './helpers/collabClient';
import { startServerProcess, type ServerProcess } from './helpers/serverProcess';

describe('limits', () => {
  let server: ServerProcess;
  const clients: TestClient[] = [];
  const join = (room: string) => {
    const client = connectClient(server.url, room);
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    server = await startServerProcess({
      COLLAB_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'collab-limits-')),
      COLLAB_MAX_DOCUMENT_BYTES: '20000',
      COLLAB_MAX_CONNECTIONS_PER_MINUTE: '6',
    });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
  });

  it('refuses an update that would make the room exceed the maximum size; the room keeps its last state', async () => {
    const big = join('size');
    const peer = join('size');
    await Promise.all([big.synced, peer.synced]);
    big.doc.getMap('model').set('name', 'small and fine');
    await waitFor('the small edit arrives', () => peer.doc.getMap('model').get('name') === 'small and fine');

    big.doc.getMap('model').set('notes', 'x'.repeat(30_000));
    await waitFor('the oversized writer is disconnected', () =>
      big.closeEvents.some((event) => event.reason === 'document too large'),
    );
    await sleep(300);
    expect(peer.doc.getMap('model').get('notes')).toBeUndefined();
    expect(server.output()).toMatch(/refused an update to room "size": \d+ bytes would exceed 20000/);

    // The room still works and still holds its last state for everyone else.
    big.destroy();
    const later = join('size');
    await later.synced;
    expect(later.doc.getMap('model').get('name')).toBe('small and fine');
    expect(later.doc.getMap('model').get('notes')).toBeUndefined();
    peer.doc.getMap('model').set('owner', 'still editable');
    await waitFor('edits still flow', () => later.doc.getMap('model').get('owner') === 'still editable');
  });

  it('throttles connection attempts from one address', async () => {
    // Three connections so far; the limit of 6 per minute refuses from the 7th on.
    const attempts = [join('t1'), join('t2'), join('t3'), join('t4'), join('t5')];
    const outcomes = await Promise.allSettled(attempts.map((client) => client.synced));
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').length).toBeGreaterThanOrEqual(2);
  });
});
