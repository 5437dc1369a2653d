import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, waitFor } from './helpers/collabClient';
import { startServerProcess, type ServerProcess } from './helpers/serverProcess';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

describe('npm run collab: two clients in one room', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ COLLAB_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'collab-sync-')) });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('prints one listening line and syncs edits both ways', async () => {
    expect(server.output()).toContain(`collab server listening on ws://127.0.0.1:${server.port}`);
    const a = connectClient(server.url, 'workshop');
    const b = connectClient(server.url, 'workshop');
    try {
      await Promise.all([a.synced, b.synced]);
      a.doc.getMap('model').set('name', 'From A');
      await waitFor('b sees a', () => b.doc.getMap('model').get('name') === 'From A');
      b.doc.getMap('model').set('owner', 'B');
      await waitFor('a sees b', () => a.doc.getMap('model').get('owner') === 'B');
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});
