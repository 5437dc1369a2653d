import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { roomFileName } from '../../src/server/roomFiles';
import { connectClient, waitFor, type TestClient } from './helpers/collabClient';
import { startServerProcess, type ServerProcess } from './helpers/serverProcess';

describe('rooms survive a restart', () => {
  // Nested in a private directory, so a file escaping it would show up next to it.
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'collab-restart-')), 'rooms');
  const running: ServerProcess[] = [];
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(running.map((server) => server.stop()));
  });

  it('a new client after a restart sees what was written before, in a room named ../x', async () => {
    const first = await startServerProcess({ COLLAB_DATA_DIR: dataDir });
    running.push(first);
    const writer = connectClient(first.url, '../x');
    clients.push(writer);
    await writer.synced;
    const components = writer.doc.getArray<string>('components');
    writer.doc.transact(() => {
      writer.doc.getMap('model').set('name', 'Survives restarts');
      components.push(['gateway', 'llm', 'vector-store']);
    });
    // The server has it once a second client, joining later, sees it.
    const check = connectClient(first.url, '../x');
    clients.push(check);
    await check.synced;
    await waitFor('the write reached the server', () => check.doc.getArray('components').length === 3);
    writer.destroy();
    check.destroy();
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('saving rooms');

    // One file, inside the data directory, named from the encoded room name.
    expect(readdirSync(dataDir)).toEqual([roomFileName('../x')]);
    expect(readdirSync(path.dirname(dataDir))).toEqual(['rooms']);

    const second = await startServerProcess({ COLLAB_DATA_DIR: dataDir, PORT: String(first.port) });
    running.push(second);
    const reader = connectClient(second.url, '../x');
    clients.push(reader);
    await reader.synced;
    expect(reader.doc.getMap('model').get('name')).toBe('Survives restarts');
    expect(reader.doc.getArray('components').toArray()).toEqual(['gateway', 'llm', 'vector-store']);
  });
});
