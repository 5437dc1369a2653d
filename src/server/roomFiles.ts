/**
 * One file per room under COLLAB_DATA_DIR. The room name comes from the client, so it never
 * becomes a path: it is encoded as base64url (letters, digits, `-`, `_`), which cannot contain a
 * separator or `..`. Writes go to a temporary file that is renamed over the old one, so a crash
 * mid-write leaves the previous state, never half a file.
 */
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Room names are chosen by people ("acme-chatbot-review"); a bound keeps file names short. */
export const MAX_ROOM_NAME_LENGTH = 128;

/** Why `name` cannot be a room, or null when it can. */
export function roomNameProblem(name: string): string | null {
  if (name.length === 0) return 'the room name is empty';
  if (name.length > MAX_ROOM_NAME_LENGTH)
    return `the room name is longer than ${MAX_ROOM_NAME_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the room name contains control characters';
  return null;
}

export function roomFileName(name: string): string {
  return `room-${Buffer.from(name, 'utf8').toString('base64url')}.ydoc`;
}

export function roomFilePath(dataDir: string, name: string): string {
  const problem = roomNameProblem(name);
  if (problem) throw new Error(`Refusing room "${name.slice(0, 40)}": ${problem}.`);
  const file = path.join(dataDir, roomFileName(name));
  // Defence in depth: the encoding above already guarantees this.
  if (path.dirname(file) !== path.resolve(dataDir)) throw new Error('room file escapes the data directory');
  return file;
}

export interface RoomFiles {
  /** The stored Yjs update of the room, or null for a room never stored. */
  read(name: string): Promise<Uint8Array | null>;
  write(name: string, state: Uint8Array): Promise<void>;
}

export function createRoomFiles(dataDir: string): RoomFiles {
  const root = path.resolve(dataDir);
  let ensured: Promise<unknown> | null = null;
  const ensureDir = () => (ensured ??= mkdir(root, { recursive: true, mode: 0o700 }));
  return {
    async read(name) {
      try {
        return new Uint8Array(await readFile(roomFilePath(root, name)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(name, state) {
      await ensureDir();
      const target = roomFilePath(root, name);
      const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(state);
        // The rename must not reach the disk before the data it points at.
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(temporary, target);
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
    },
  };
}
