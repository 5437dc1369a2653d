import { closeSync, constants, fstatSync, openSync, type Stats } from 'node:fs';
import { readUpTo } from './fd';

/** Who a file is, so that --out can refuse to overwrite a file that was read (hard links too). */
export interface FileIdentity {
  dev: number;
  ino: number;
}

const fail = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(code), { code, ...extra });

function fileTypeOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * Checks an opened descriptor and reads at most `maxBytes` from it. The checks are made with
 * fstat on the descriptor that is then read, never on the path before opening it, so a file
 * swapped in between cannot slip through; the read is bounded even if the file grows meanwhile.
 */
function readChecked(fd: number, maxBytes: number, allowStream: boolean) {
  const stat = fstatSync(fd);
  if (stat.isDirectory()) throw fail('EISDIR');
  if (!stat.isFile() && !allowStream) throw fail('ENOTREG', { fileType: fileTypeOf(stat) });
  if (stat.isFile() && stat.size > maxBytes) throw fail('EFBIG', { size: stat.size });
  const bytes = readUpTo(fd, maxBytes + 1, stat.isFile() ? stat.size + 1 : undefined);
  if (bytes.length > maxBytes) throw fail('EFBIG');
  const identity = stat.isFile() ? { dev: stat.dev, ino: stat.ino } : undefined;
  return { bytes, identity };
}

/**
 * Reads a regular file of at most `maxBytes`, opened once. O_NONBLOCK makes opening a FIFO
 * return at once instead of waiting forever for a writer (fstat then refuses it); it changes
 * nothing for regular files. O_NOCTTY: a terminal device never becomes our controlling terminal.
 */
export function readRegularFile(path: string, maxBytes: number) {
  const { bytes, identity } = readRegularBytes(path, maxBytes);
  return { text: bytes.toString('utf8'), identity };
}

/** readRegularFile for binary files (fonts): the bytes as they are. */
export function readRegularBytes(path: string, maxBytes: number) {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    return readChecked(fd, maxBytes, false);
  } finally {
    closeSync(fd);
  }
}

/** Reads standard input, whatever it is (a pipe, a file, a terminal), bounded the same way. */
export function readStandardInput(maxBytes: number) {
  const { bytes, identity } = readChecked(0, maxBytes, true);
  return { text: bytes.toString('utf8'), identity };
}
