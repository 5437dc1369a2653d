import { describe, expect, it } from 'vitest';
import { readCollabConfig } from '../../src/server/config';
import { clientAddress, isLoopbackAddress } from '../../src/server/clientAddress';
import type { IncomingMessage } from 'node:http';

describe('collab server configuration', () => {
  it('has safe defaults', () => {
    expect(readCollabConfig({}, '/srv/app')).toEqual({
      port: 1234,
      host: '127.0.0.1',
      secret: null,
      dataDir: '/srv/app/.collab-data',
      redisUrl: null,
      maxDocumentBytes: 8 * 1024 * 1024,
      maxConnectionsPerMinute: 120,
      trustProxy: false,
    });
  });

  it('reads every variable', () => {
    const config = readCollabConfig(
      {
        PORT: '4000',
        HOST: '0.0.0.0',
        COLLAB_SECRET: 'sixteen-chars-ok',
        COLLAB_DATA_DIR: '/var/lib/collab',
        REDIS_URL: 'redis://127.0.0.1:6380',
        COLLAB_MAX_DOCUMENT_BYTES: '1000',
        COLLAB_MAX_CONNECTIONS_PER_MINUTE: '5',
        COLLAB_TRUST_PROXY: '1',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      secret: 'sixteen-chars-ok',
      dataDir: '/var/lib/collab',
    });
    expect(config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6380',
      maxDocumentBytes: 1000,
      maxConnectionsPerMinute: 5,
      trustProxy: true,
    });
  });

  it('names the variable of a bad value', () => {
    expect(() => readCollabConfig({ PORT: '12a4' }, '/')).toThrow(
      /PORT must be a non-negative integer, got "12a4"/,
    );
    expect(() => readCollabConfig({ PORT: '70000' }, '/')).toThrow(/PORT must be at most 65535/);
    expect(() => readCollabConfig({ COLLAB_SECRET: 'short' }, '/')).toThrow(
      /COLLAB_SECRET must be at least 16/,
    );
    expect(() => readCollabConfig({ COLLAB_MAX_DOCUMENT_BYTES: '0' }, '/')).toThrow(
      /COLLAB_MAX_DOCUMENT_BYTES/,
    );
  });
});

describe('client addresses', () => {
  const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
    ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

  it('knows loopback addresses', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(address)).toBe(true);
    for (const address of ['10.0.0.1', '::ffff:192.168.1.2', '128.0.0.1', '', '127.0.0.1.evil'])
      expect(isLoopbackAddress(address)).toBe(false);
  });

  it('believes forwarded headers only when told to, but always lists them for the loopback rule', () => {
    const forwarded = request('127.0.0.1', { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' });
    expect(clientAddress(forwarded, false)).toEqual({ ip: '127.0.0.1', chain: ['127.0.0.1', '203.0.113.9'] });
    expect(clientAddress(forwarded, true)).toEqual({
      ip: '203.0.113.9',
      chain: ['127.0.0.1', '203.0.113.9'],
    });
    expect(clientAddress(request('10.1.1.1'), true)).toEqual({ ip: '10.1.1.1', chain: ['10.1.1.1'] });
  });
});
