import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every `*.json` entry under `dir`, found without following links to directories: a committed
 * `library/all -> /` would otherwise walk the whole disk, and `loop -> .` forever. Entries that
 * are links, FIFOs or devices are listed like files, so that reading them refuses them by name
 * rather than skipping them silently. The folder named by the user may itself be a link.
 * The walk stops with `ELIMIT` after `maxEntries` directory entries, so a committed tree of a
 * million empty folders is refused before it is walked.
 */
export function listJsonFiles(dir: string, maxEntries = Number.POSITIVE_INFINITY): string[] {
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  const found: string[] = [];
  const folders = [dir];
  let walked = 0;
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (++walked > maxEntries)
        throw Object.assign(new Error('too many directory entries'), { code: 'ELIMIT', walked });
      const path = join(folder, entry.name);
      if (entry.isDirectory()) folders.push(path);
      else if (entry.name.endsWith('.json')) found.push(path);
    }
  }
  return found;
}
