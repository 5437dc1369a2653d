/**
 * `npm run collab`: starts the collaboration server with the settings from the environment and
 * prints one line tests and scripts can wait for. SIGTERM/SIGINT persist every open room and exit.
 */
import process from 'node:process';
import { CollabConfigError, readCollabConfig } from './config';
import { startCollabServer } from './collabServer';

async function run(): Promise<void> {
  const config = readCollabConfig(process.env, process.cwd());
  const server = await startCollabServer(config, {
    log: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(`${line}\n`),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`collab server stopping (${signal}): saving rooms\n`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`collab server: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

run().catch((error: unknown) => {
  const message = error instanceof CollabConfigError ? error.message : String(error);
  process.stderr.write(`collab server could not start: ${message}\n`);
  process.exit(1);
});
