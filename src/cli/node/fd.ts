import { readSync, writeSync } from 'node:fs';

/**
 * Synchronous reads and writes on a file descriptor. Synchronous on purpose: an error writing
 * stdout then reaches main() as an exception it turns into exit 2, instead of an 'error' event
 * after main() returned (a stack trace and exit 1, which means "findings").
 */

const pause = new Int32Array(new SharedArrayBuffer(4));

/** A descriptor shared with a parent may be non-blocking: wait a moment and try again. */
function retrying<T>(operation: () => T): T {
  for (;;) {
    try {
      return operation();
    } catch (error) {
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/** Writes all of `data` (text as UTF-8), however many write calls it takes. */
export function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.length) offset += retrying(() => writeSync(fd, bytes, offset, bytes.length - offset));
}

/**
 * Reads until end of file or until `maxBytes` bytes, whichever comes first: a caller that passes
 * its limit + 1 learns that a stream is too long without ever holding more than that.
 */
export function readUpTo(fd: number, maxBytes: number, sizeHint = 64 * 1024): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < maxBytes) {
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(sizeHint - total, 64 * 1024), maxBytes - total));
    const read = retrying(() => readSync(fd, chunk, 0, chunk.length, null));
    if (read === 0) break;
    chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    total += read;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}
