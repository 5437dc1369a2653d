import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { OutputFile } from '../io';
import { writeAll } from './fd';
import type { FileIdentity } from './readRegularFile';

/** A file the CLI has read: --out must not replace it. */
export interface InputFile extends FileIdentity {
  path: string;
}

const fail = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(code), { code, ...extra });

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * A pull request can commit `reports -> /home/runner` and let a CI step write `reports/out.md`.
 * The folders of the path below the working directory (the checkout) must be real folders; the
 * CI author's own absolute paths outside it are taken as given.
 */
function refuseLinkedFolders(target: string): void {
  const cwd = process.cwd();
  const below = relative(cwd, dirname(target));
  if (below === '' || below.startsWith('..') || isAbsolute(below)) return;
  let folder = cwd;
  for (const part of below.split(sep)) {
    folder = join(folder, part);
    if (lstatOrUndefined(folder)?.isSymbolicLink()) throw fail('ELOOP', { link: relative(cwd, folder) });
  }
}

/**
 * Opens `path` for a new version, written to a temporary file in the same folder and renamed
 * over it on commit, so a reader never sees half a report and a failure leaves the old file.
 * Refuses a symbolic link (lstat; and rename replaces a link rather than writing through it, so
 * a link swapped in after the check is replaced, not followed), a directory, any other
 * non-regular file, and a file that was read, by path or by device and inode (a hard link).
 */
export function createOutputFile(path: string, inputs: readonly InputFile[]): OutputFile {
  const target = resolve(path);
  const input = inputs.find((i) => i.path === target);
  if (input) throw fail('EINPUT', { input: relative(process.cwd(), input.path) || input.path });
  refuseLinkedFolders(target);
  const existing = lstatOrUndefined(target);
  if (existing?.isSymbolicLink()) throw fail('ELOOP');
  if (existing?.isDirectory()) throw fail('EISDIR');
  if (existing && !existing.isFile()) throw fail('ENOTREG');
  const same = existing && inputs.find((i) => i.dev === existing.dev && i.ino === existing.ino);
  if (same) throw fail('EINPUT', { input: relative(process.cwd(), same.path) || same.path });

  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  // O_EXCL|O_NOFOLLOW: never open something already there, least of all a planted link.
  const fd = openSync(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o666,
  );
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  const remove = () => {
    close();
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone: nothing to clean up.
    }
  };
  try {
    // The replacement keeps the permissions of the file it replaces.
    if (existing) fchmodSync(fd, existing.mode & 0o7777);
  } catch (error) {
    remove();
    throw error;
  }
  return {
    write: (chunk) => writeAll(fd, chunk),
    commit: () => {
      try {
        fsyncSync(fd);
        close();
        renameSync(temporary, target);
      } catch (error) {
        remove();
        throw error;
      }
    },
    abort: remove,
  };
}
