import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectClient, waitFor, type TestClient } from './helpers/collabClient';
import { REDIS_SERVER, startRedis, type RedisProcess } from './helpers/redisProcess';
import { startServerProcess, type ServerProcess } from './helpers/serverProcess';

const onCi = process.env.CI === 'true' || process.env.CI === '1';

if (!REDIS_SERVER) {
  const message =
    'redis-server is NOT installed: the scale-out test (two servers sharing one Redis) cannot run. ' +
    'Install Debian’s redis-server (.ci/run does).';
  console.warn(`\n!!! ${message}\n`);
  if (onCi) {
    describe('scale-out through Redis', () => {
      it('needs redis-server on CI', () => {
        throw new Error(message);
      });
    });
  }
}

describe.runIf(REDIS_SERVER !== null)('scale-out: two server processes sharing one Redis', () => {
  let redis: RedisProcess;
  const servers: ServerProcess[] = [];
  const clients: TestClient[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    // Both instances share one data directory, as they would share a volume behind a load balancer.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'collab-redis-'));
    servers.push(
      ...(await Promise.all([
        startServerProcess({ REDIS_URL: redis.url, COLLAB_DATA_DIR: dataDir }),
        startServerProcess({ REDIS_URL: redis.url, COLLAB_DATA_DIR: dataDir }),
      ])),
    );
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
  });

  it('clients on different instances converge', async () => {
    const [one, two] = servers as [ServerProcess, ServerProcess];
    expect(one.output()).toContain('rooms are shared through Redis');
    expect(one.output()).not.toContain(redis.url);
    const a = connectClient(one.url, 'scaled');
    const b = connectClient(two.url, 'scaled');
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);

    a.doc.getMap('model').set('name', 'via instance one');
    await waitFor(
      'instance two’s client sees instance one’s edit',
      () => b.doc.getMap('model').get('name') === 'via instance one',
    );
    // Concurrent edits on both sides.
    a.doc.getArray<string>('components').push(['a1', 'a2']);
    b.doc.getArray<string>('components').push(['b1']);
    b.doc.getMap('model').set('owner', 'via instance two');
    await waitFor(
      'both converge',
      () =>
        a.doc.getArray('components').length === 3 &&
        b.doc.getArray('components').length === 3 &&
        a.doc.getMap('model').get('owner') === 'via instance two',
    );
    expect(a.doc.getArray('components').toArray()).toEqual(b.doc.getArray('components').toArray());
    expect(a.doc.getMap('model').toJSON()).toEqual(b.doc.getMap('model').toJSON());

    // A client joining instance two later gets the whole room.
    const c = connectClient(two.url, 'scaled');
    clients.push(c);
    await c.synced;
    await waitFor('the latecomer has everything', () => c.doc.getArray('components').length === 3);
  });
});
