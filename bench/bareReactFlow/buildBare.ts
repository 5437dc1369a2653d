import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** Builds the bare React Flow page (production mode, as the app is built) into a temporary directory. */
export async function buildBareReactFlow(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'aitm-bare-'));
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      configFile: resolve(import.meta.dirname, 'vite.config.ts'),
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  return outDir;
}
