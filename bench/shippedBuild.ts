import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

/**
 * Builds `entry` as the CLI is built (vite.cli.config.ts: one ES module for Node, TypeScript
 * compiled, packages inlined) and imports it, so that a benchmark times the code the app and the
 * CLI run. Through tsx, each module compiled on its own at load, one evaluation of 1,000
 * components measured 3–6 % slower than in the bundle (same process, alternating).
 */
export async function importShippedBuild<T>(entry: string): Promise<T> {
  const outDir = mkdtempSync(join(tmpdir(), 'aitm-bench-'));
  try {
    await build({
      configFile: false,
      publicDir: false,
      logLevel: 'warn',
      mode: 'production',
      build: {
        ssr: resolve(import.meta.dirname, entry),
        outDir,
        emptyOutDir: true,
        target: 'node20.19',
        minify: false,
        sourcemap: false,
        copyPublicDir: false,
        rolldownOptions: { output: { entryFileNames: 'subjects.mjs', codeSplitting: false } },
      },
      ssr: { noExternal: true },
    });
    return (await import(pathToFileURL(join(outDir, 'subjects.mjs')).href)) as T;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
