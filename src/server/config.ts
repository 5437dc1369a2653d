/**
 * The collaboration server's settings, read from the environment once at start. Every value is
 * checked here so a typo (PORT=12a4) stops the server with a message naming the variable instead
 * of starting on a surprising port.
 */
export interface CollabServerConfig {
  readonly port: number;
  readonly host: string;
  /** With a secret, joining needs a signed token; without one, only loopback clients may join. */
  readonly secret: string | null;
  readonly dataDir: string;
  /** With a Redis URL, several server processes share rooms through the Redis extension. */
  readonly redisUrl: string | null;
  /** A room whose Yjs state would grow beyond this many bytes refuses the update. */
  readonly maxDocumentBytes: number;
  /** Connection attempts one address may make per minute before it is banned for a while. */
  readonly maxConnectionsPerMinute: number;
  /** Take the client address from X-Forwarded-For / X-Real-IP (only behind a trusted proxy). */
  readonly trustProxy: boolean;
}

export const DEFAULT_PORT = 1234;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.collab-data';
export const DEFAULT_MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_CONNECTIONS_PER_MINUTE = 120;

export class CollabConfigError extends Error {
  override readonly name = 'CollabConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const nonEmpty = (value: string | undefined): string | null =>
  value === undefined || value.trim() === '' ? null : value;

function positiveInteger(env: Env, name: string, fallback: number, { allowZero = false } = {}): number {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < (allowZero ? 0 : 1))
    throw new CollabConfigError(
      `${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${raw}".`,
    );
  return value;
}

export function readCollabConfig(env: Env, cwd: string): CollabServerConfig {
  const port = positiveInteger(env, 'PORT', DEFAULT_PORT, { allowZero: true });
  if (port > 65535) throw new CollabConfigError(`PORT must be at most 65535, got "${port}".`);
  const secret = nonEmpty(env.COLLAB_SECRET);
  if (secret !== null && secret.length < 16)
    throw new CollabConfigError('COLLAB_SECRET must be at least 16 characters long.');
  const dataDir = nonEmpty(env.COLLAB_DATA_DIR) ?? DEFAULT_DATA_DIR;
  return {
    port,
    host: nonEmpty(env.HOST) ?? DEFAULT_HOST,
    secret,
    dataDir: dataDir.startsWith('/') ? dataDir : `${cwd.replace(/\/+$/, '')}/${dataDir}`,
    redisUrl: nonEmpty(env.REDIS_URL),
    maxDocumentBytes: positiveInteger(env, 'COLLAB_MAX_DOCUMENT_BYTES', DEFAULT_MAX_DOCUMENT_BYTES),
    maxConnectionsPerMinute: positiveInteger(
      env,
      'COLLAB_MAX_CONNECTIONS_PER_MINUTE',
      DEFAULT_MAX_CONNECTIONS_PER_MINUTE,
    ),
    trustProxy: env.COLLAB_TRUST_PROXY === '1' || env.COLLAB_TRUST_PROXY === 'true',
  };
}
