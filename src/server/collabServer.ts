/**
 * Builds and starts the Hocuspocus server from a CollabServerConfig: the one place that decides
 * which extensions run and in which order.
 */
import { Server } from '@hocuspocus/server';
import type { CollabServerConfig } from './config';

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

export async function startCollabServer(
  config: CollabServerConfig,
  out: CollabLog,
): Promise<RunningCollabServer> {
  const server = new Server({
    port: config.port,
    address: config.host,
    quiet: true,
    // main.ts handles the signals so it can print what it does and exit with a code.
    stopOnSignals: false,
  });
  await server.listen();
  const port = server.address.port;
  const url = `ws://${config.host}:${port}`;
  out.log(`collab server listening on ${url}`);
  return { port, url, stop: () => server.destroy() };
}
