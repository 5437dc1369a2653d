// Where the built CLI is and whether it can be run: shared by bin/aitm.mjs and the test setup
// that builds it (tests/cli/builtCliSetup.ts), so both agree on when a build is out of date.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: bin/ is one level below it, in a checkout and in an installed package alike. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The output of `npm run build:cli` (vite.cli.config.ts). */
export const BUILT_CLI = join(PACKAGE_ROOT, 'dist-cli', 'aitm.mjs');

/** The TypeScript entry point; present only in a development checkout, not in an installed package. */
export const CLI_SOURCE = join(PACKAGE_ROOT, 'src', 'cli', 'bin.ts');

/** Everything the bundle is built from: folders (walked) and single files. */
const BUILD_INPUTS = ['src/core', 'src/cli', 'threat-library', 'package-lock.json', 'vite.cli.config.ts'];

function newestInput() {
  let newest = { mtimeMs: 0, path: '' };
  const consider = (path) => {
    const { mtimeMs } = statSync(path);
    if (mtimeMs > newest.mtimeMs) newest = { mtimeMs, path };
  };
  for (const input of BUILD_INPUTS) {
    const path = join(PACKAGE_ROOT, input);
    if (!existsSync(path)) continue;
    if (!statSync(path).isDirectory()) consider(path);
    else
      for (const entry of readdirSync(path, { recursive: true, withFileTypes: true }))
        if (entry.isFile()) consider(join(entry.parentPath, entry.name));
  }
  return newest;
}

/**
 * 'fresh': run the bundle. 'missing': not built. 'stale': a development checkout whose sources
 * changed after the build (about 2 ms of stat calls, and only where src/ exists: an installed
 * package has no sources to compare with, so its bundle is what it is).
 */
export function builtCliState() {
  if (!existsSync(BUILT_CLI)) return { state: 'missing', reason: 'dist-cli/aitm.mjs is not built' };
  if (!existsSync(CLI_SOURCE)) return { state: 'fresh', reason: '' };
  const built = statSync(BUILT_CLI).mtimeMs;
  const newest = newestInput();
  if (newest.mtimeMs <= built) return { state: 'fresh', reason: '' };
  const changed = newest.path.slice(PACKAGE_ROOT.length);
  return { state: 'stale', reason: `dist-cli/aitm.mjs is older than ${changed}` };
}
