/**
 * Builds and starts the Hocuspocus server from a CollabServerConfig: the one place that decides
 * which extensions run and in which order.
 */
import { Server, type Extension } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Throttle } from '@hocuspocus/extension-throttle';
import * as Y from 'yjs';
import type { CollabServerConfig } from './config';
import { accessControl } from './accessControl';
import { documentSizeLimit } from './documentSizeLimit';
import { createRoomFiles, type RoomFiles } from './roomFiles';

export interface CollabLog {
  log(line: string): void;
  warn(line: string): void;
}

export interface RunningCollabServer {
  readonly port: number;
  readonly url: string;
  /** Persists every open room, closes all connections and the listening socket. */
  stop(): Promise<void>;
}

/** Headroom over the document limit for one WebSocket frame (message envelope, awareness). */
const FRAME_OVERHEAD_BYTES = 64 * 1024;

function persistence(files: RoomFiles, warn: (line: string) => void): Extension {
  return new Database({
    fetch: async ({ documentName }) => {
      const stored = await files.read(documentName);
      if (stored === null) return null;
      // A damaged file must not open as an empty room that the next save would overwrite: refuse
      // the room and keep the file for a human to look at.
      try {
        Y.applyUpdate(new Y.Doc(), stored);
      } catch {
        warn(
          `room ${JSON.stringify(documentName.slice(0, 64))}: its stored file is damaged; refusing to open it`,
        );
        throw new Error('stored room is damaged');
      }
      return stored;
    },
    store: async ({ documentName, state }) => {
      try {
        await files.write(documentName, state);
      } catch (error) {
        warn(`room ${JSON.stringify(documentName.slice(0, 64))}: could not save: ${String(error)}`);
        throw error;
      }
    },
  });
}

function redisOptions(redisUrl: string): ConstructorParameters<typeof Redis>[0] {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got "${url.protocol}".`);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    options: {
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

export function createCollabServer(config: CollabServerConfig, out: CollabLog): Server {
  const extensions: Extension[] = [
    accessControl({ secret: config.secret, trustProxy: config.trustProxy, warn: out.warn }),
    new Throttle({ throttle: config.maxConnectionsPerMinute, consideredSeconds: 60, banTime: 1 }),
    documentSizeLimit(config.maxDocumentBytes, out.warn),
    persistence(createRoomFiles(config.dataDir), out.warn),
  ];
  if (config.redisUrl !== null) extensions.push(new Redis(redisOptions(config.redisUrl)));
  return new Server({
    port: config.port,
    address: config.host,
    // No start screen and no logger extension: nothing prints request URLs (which carry tokens).
    quiet: true,
    // main.ts handles the signals so it can say what it does and exit with a code.
    stopOnSignals: false,
    extensions,
    websocketOptions: { maxPayload: config.maxDocumentBytes + FRAME_OVERHEAD_BYTES },
  });
}

export async function startCollabServer(
  config: CollabServerConfig,
  out: CollabLog,
): Promise<RunningCollabServer> {
  const server = createCollabServer(config, out);
  out.log(
    config.secret === null
      ? 'no COLLAB_SECRET: only clients on this machine may join'
      : 'access is token-protected (COLLAB_SECRET is set)',
  );
  out.log(
    `rooms are saved in ${config.dataDir}${config.redisUrl === null ? '' : '; rooms are shared through Redis'}`,
  );
  await server.listen();
  const port = server.address.port;
  const url = `ws://${config.host}:${port}`;
  // Last, so whoever waits for this line (tests, scripts) has seen everything before it.
  out.log(`collab server listening on ${url}`);
  return { port, url, stop: () => server.destroy() };
}
