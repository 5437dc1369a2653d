import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { signCollabToken } from '../../src/server/tokens';
import { roomFileName } from '../../src/server/roomFiles';
import { connectClient, sleep, waitFor, type TestClient } from './helpers/collabClient';
import { startServerProcess, type ServerProcess } from './helpers/serverProcess';

const SECRET = 'workshop-secret-for-the-access-test';

/** The HTTP status a WebSocket upgrade gets (101 = accepted), optionally via another address. */
function upgradeStatus(host: string, port: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host,
      port,
      path: '/',
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('with COLLAB_SECRET: tokens', () => {
  let server: ServerProcess;
  let dataDir: string;
  const clients: TestClient[] = [];
  const join = (room: string, token?: string) => {
    const client = connectClient(server.url, room, token === undefined ? {} : { token });
    clients.push(client);
    return client;
  };
  const issued: string[] = [];
  const token = (room: string, access: 'edit' | 'read', expiresAt?: number) => {
    const value = signCollabToken(SECRET, { room, access, expiresAt });
    issued.push(value);
    return value;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'collab-access-'));
    server = await startServerProcess({ COLLAB_SECRET: SECRET, COLLAB_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
  });

  it('says at start that access is token-protected', () => {
    expect(server.output()).toContain('access is token-protected');
  });

  it('refuses a client without a token, with a forged, an expired or another room’s token', async () => {
    const forged = `${token('review', 'edit').split('.')[0]}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
    const attempts = [
      join('review'),
      join('review', forged),
      join('review', signCollabToken('some-other-secret-value', { room: 'review', access: 'edit' })),
      join('review', token('review', 'edit', Date.now() - 1000)),
      join('review', token('elsewhere', 'edit')),
    ];
    for (const attempt of attempts) await expect(attempt.synced).rejects.toThrow(/authentication failed/);
    expect(server.output()).toMatch(/refused room "review": missing token/);
    expect(server.output()).toMatch(/refused room "review": forged token/);
    expect(server.output()).toMatch(/refused room "review": expired token/);
    expect(server.output()).toMatch(/refused room "review": other-room token/);
  });

  it('an edit token writes; a read-only token sees edits, and its own writes reach nobody and are not saved', async () => {
    const editor = join('review', token('review', 'edit'));
    const reader = join('review', token('review', 'read'));
    const witness = join('review', token('review', 'edit'));
    await Promise.all([editor.synced, reader.synced, witness.synced]);

    reader.doc.getMap('model').set('injected', 'by a read-only client');
    await sleep(300);
    editor.doc.getMap('model').set('name', 'Chatbot review');
    await waitFor('the reader and the witness see the edit', () =>
      [reader, witness].every((c) => c.doc.getMap('model').get('name') === 'Chatbot review'),
    );
    await sleep(500);
    expect(editor.doc.getMap('model').get('injected')).toBeUndefined();
    expect(witness.doc.getMap('model').get('injected')).toBeUndefined();

    // A newcomer gets the room from the server: the read-only write is not part of it.
    const newcomer = join('review', token('review', 'read'));
    await newcomer.synced;
    expect(newcomer.doc.getMap('model').get('name')).toBe('Chatbot review');
    expect(newcomer.doc.getMap('model').get('injected')).toBeUndefined();

    // Stopping saves every open room: the file has the edit and not the read-only write.
    for (const client of clients) client.destroy();
    await server.stop();
    const stored = new Y.Doc();
    Y.applyUpdate(stored, new Uint8Array(readFileSync(path.join(dataDir, roomFileName('review')))));
    expect(stored.getMap('model').get('name')).toBe('Chatbot review');
    expect(stored.getMap('model').get('injected')).toBeUndefined();
  });

  it('never prints a token', () => {
    expect(issued.length).toBeGreaterThan(3);
    const output = server.output();
    for (const value of issued) {
      expect(output).not.toContain(value);
      expect(output).not.toContain(value.split('.')[1]);
    }
  });
});

describe('without COLLAB_SECRET: loopback only', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({
      HOST: '0.0.0.0',
      COLLAB_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'collab-open-')),
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('says so at start', () => {
    expect(server.output()).toContain('no COLLAB_SECRET: only clients on this machine may join');
  });

  it('accepts a loopback client and refuses one forwarded from elsewhere', async () => {
    expect(await upgradeStatus('127.0.0.1', server.port)).toBe(101);
    expect(await upgradeStatus('127.0.0.1', server.port, { 'X-Forwarded-For': '203.0.113.7' })).toBe(403);
    expect(server.output()).toContain('refused a connection from 127.0.0.1 via 203.0.113.7');
    const client = connectClient(server.url, 'open-room');
    try {
      await client.synced;
    } finally {
      client.destroy();
    }
  });

  it('refuses a client that reaches it over a non-loopback interface', async (context) => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
    // A machine with no network interface besides loopback cannot make this connection at all.
    if (!external) context.skip();
    expect(await upgradeStatus(external!.address, server.port)).toBe(403);
  });
});
