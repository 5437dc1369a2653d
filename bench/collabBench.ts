/**
 * `npm run bench:collab`: a live workshop under load, against real server processes.
 * 50 @hocuspocus/provider clients (Node, `ws`) in one room on a 300-component model; 2,000 label
 * edits in all, round-robin over the clients at a steady rate. Measures, per edit, the latency to
 * its arrival at every other client (p50/p95 over all arrivals, and of the slowest arrival per edit),
 * the time to convergence after the last edit, and the server's resident memory. Then the same with
 * two server instances sharing one Redis (25 clients on each). Target: p95 < 250 ms, convergence < 2 s.
 *
 * Options (env): BENCH_CLIENTS (50), BENCH_EDITS (2000), BENCH_COMPONENTS (300),
 * BENCH_INTERVAL_MS (5: one edit every 5 ms over all clients, 200 edits/s).
 */
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { readDocumentFromY, shippedLibrary, writeDocumentToY } from '../src/core/index';
import { syntheticModel } from './syntheticModel';
import { connectClient, waitFor, type TestClient } from '../tests/server/helpers/collabClient';
import { startServerProcess, type ServerProcess } from '../tests/server/helpers/serverProcess';
import { REDIS_SERVER, startRedis } from '../tests/server/helpers/redisProcess';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const EDITS = Number(process.env.BENCH_EDITS ?? 2000);
const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 300);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 5);
const ROOM = 'bench';

interface Result {
  readonly setup: string;
  readonly arrivals: number;
  readonly p50: number;
  readonly p95: number;
  readonly p95Slowest: number;
  readonly max: number;
  readonly convergenceMs: number;
  readonly rssMiB: number[];
  readonly validModel: boolean;
}

/**
 * Resident memory of the server: the largest process in its tree (`tsx` is a small launcher that
 * runs the server in a child node process).
 */
function serverRssKiB(pid: number): number {
  let largest = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    largest = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/) : [])
        largest = Math.max(largest, serverRssKiB(Number(child)));
    }
  } catch {
    // The process ended, or /proc is not there (not Linux): report what was found.
  }
  return largest;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const componentMap = (doc: Y.Doc, id: string) =>
  (doc.getMap('model').get('components') as Y.Map<Y.Map<unknown>>).get(id)!;

async function runWorkshop(
  setup: string,
  urls: readonly string[],
  servers: readonly ServerProcess[],
): Promise<Result> {
  const clients: TestClient[] = [];
  try {
    for (let i = 0; i < CLIENTS; i++) clients.push(connectClient(urls[i % urls.length]!, ROOM));
    await Promise.all(clients.map((client) => client.synced));

    const model = syntheticModel(COMPONENTS);
    writeDocumentToY(clients[0]!.doc, model, null);
    await waitFor(
      'every client has the model',
      () =>
        clients.every(
          (client) =>
            (client.doc.getMap('model').get('components') as Y.Map<unknown> | undefined)?.size === COMPONENTS,
        ),
      60_000,
    );

    // sentAt[n]; arrivedAt[n][client]; an edit superseded on its component by a later one counts
    // as arrived when the later one does (last writer wins: nobody can see both).
    const sentAt = new Float64Array(EDITS);
    const arrivals: number[] = [];
    const slowestPerEdit = new Float64Array(EDITS);
    const pending = new Int32Array(EDITS).fill(CLIENTS - 1);
    let outstanding = EDITS * (CLIENTS - 1);
    const target = (n: number) => model.components[n % COMPONENTS]!.id;
    clients.forEach((client, index) => {
      const latestSeen = new Map<string, number>();
      (client.doc.getMap('model').get('components') as Y.Map<unknown>).observeDeep((events) => {
        const now = performance.now();
        for (const event of events) {
          if (!(event instanceof Y.YMapEvent) || !event.keysChanged.has('label')) continue;
          const label = (event.target as Y.Map<unknown>).get('label');
          const match = typeof label === 'string' ? /^edit-(\d+)$/.exec(label) : null;
          if (!match) continue;
          const n = Number(match[1]);
          const id = target(n);
          const from = latestSeen.get(id) ?? -1;
          if (n <= from) continue;
          latestSeen.set(id, n);
          // Every edit on this component up to n that this client did not send has now arrived.
          for (let m = n; m > from; m -= COMPONENTS) {
            if (m % CLIENTS === index || sentAt[m] === 0) continue;
            const latency = now - sentAt[m]!;
            arrivals.push(latency);
            slowestPerEdit[m] = Math.max(slowestPerEdit[m]!, latency);
            pending[m]! -= 1;
            outstanding -= 1;
          }
        }
      });
    });

    for (let n = 0; n < EDITS; n++) {
      const client = clients[n % CLIENTS]!;
      sentAt[n] = performance.now();
      client.doc.transact(() => componentMap(client.doc, target(n)).set('label', `edit-${n}`));
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
    }
    const lastEdit = sentAt[EDITS - 1]!;
    const sameState = () => {
      const first = Buffer.from(Y.encodeStateVector(clients[0]!.doc));
      return clients.every((client) => first.equals(Buffer.from(Y.encodeStateVector(client.doc))));
    };
    await waitFor('convergence', () => outstanding === 0 && sameState(), 120_000);
    const convergenceMs = performance.now() - lastEdit;
    const rssMiB = servers.map((server) => Math.round(serverRssKiB(server.child.pid!) / 1024));

    // Everyone reads the same valid model through the validating gate.
    const options = { catalogue: shippedLibrary().catalogue };
    const reads = [clients[0]!, clients[CLIENTS - 1]!].map((client) =>
      readDocumentFromY(client.doc, null, options),
    );
    const validModel =
      reads.every((read) => read.ok) &&
      JSON.stringify(reads.map((r) => (r.ok ? r.document : null))[0]) ===
        JSON.stringify(reads.map((r) => (r.ok ? r.document : null))[1]);

    const sorted = [...arrivals].sort((a, b) => a - b);
    const slowest = [...slowestPerEdit].sort((a, b) => a - b);
    return {
      setup,
      arrivals: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p95Slowest: percentile(slowest, 95),
      max: sorted.at(-1) ?? NaN,
      convergenceMs,
      rssMiB,
      validModel,
    };
  } finally {
    for (const client of clients) client.destroy();
  }
}

const serverEnv = (extra: Record<string, string> = {}) => ({
  COLLAB_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'collab-bench-')),
  // Fifty clients from one address in a few seconds is the benchmark, not an attack.
  COLLAB_MAX_CONNECTIONS_PER_MINUTE: '10000',
  ...extra,
});

async function main(): Promise<void> {
  const results: Result[] = [];
  console.log(
    `collab bench: ${CLIENTS} clients, ${COMPONENTS} components, ${EDITS} edits, one every ${INTERVAL_MS} ms`,
  );

  const single = await startServerProcess(serverEnv());
  try {
    results.push(await runWorkshop('1 server', [single.url], [single]));
  } finally {
    await single.stop();
  }

  if (REDIS_SERVER) {
    const redis = await startRedis();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'collab-bench-redis-'));
    const pair = await Promise.all([
      startServerProcess(serverEnv({ REDIS_URL: redis.url, COLLAB_DATA_DIR: dataDir })),
      startServerProcess(serverEnv({ REDIS_URL: redis.url, COLLAB_DATA_DIR: dataDir })),
    ]);
    try {
      results.push(
        await runWorkshop(
          '2 servers + Redis',
          pair.map((s) => s.url),
          pair,
        ),
      );
    } finally {
      await Promise.all(pair.map((s) => s.stop()));
      await redis.stop();
    }
  } else {
    console.warn('!!! redis-server is not installed: the two-instance run is skipped');
  }

  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.table(
    results.map((r) => ({
      setup: r.setup,
      arrivals: r.arrivals,
      'p50 latency': ms(r.p50),
      'p95 latency': ms(r.p95),
      'p95 to all peers': ms(r.p95Slowest),
      'max latency': ms(r.max),
      'convergence after last edit': ms(r.convergenceMs),
      'server RSS': r.rssMiB.map((v) => `${v} MiB`).join(' + '),
      'valid model': r.validModel ? 'yes' : 'NO',
    })),
  );
  const failed = results.filter((r) => !(r.p95 < 250 && r.convergenceMs < 2000 && r.validModel));
  console.log(
    failed.length === 0
      ? 'targets met: p95 < 250 ms, convergence < 2 s'
      : `targets MISSED by: ${failed.map((r) => r.setup).join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
