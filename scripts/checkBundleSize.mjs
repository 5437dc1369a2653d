#!/usr/bin/env node
// The JavaScript a browser must load before the app can draw — the entry chunk and everything it
// imports statically (what index.html modulepreloads) — gzipped, against the budget of issue 12.
// Usage: node scripts/checkBundleSize.mjs [distDir]   (needs build.manifest, see vite.config.ts)
// Exits 1 when over budget, printing the initial chunks largest first.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const INITIAL_JS_BUDGET_BYTES = 200 * 1024;

/** @param {string} distDir @returns {{ total: number, chunks: { file: string, bytes: number }[] }} */
export function initialJs(distDir) {
  /** @type {Record<string, { file: string, isEntry?: boolean, imports?: string[] }>} */
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
  const initial = new Set();
  /** @param {string} key */
  const visit = (key) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const chunks = [...initial]
    .map((key) => manifest[key].file)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file, bytes: gzipSync(readFileSync(join(distDir, file))).length }))
    .sort((a, b) => b.bytes - a.bytes);
  return { total: chunks.reduce((sum, c) => sum + c.bytes, 0), chunks };
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const distDir = resolve(process.argv[2] ?? 'dist');
  const { total, chunks } = initialJs(distDir);
  const verdict = total <= INITIAL_JS_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `initial JS ${kib(total)} gzip in ${chunks.length} files: ${verdict} the budget of ${kib(INITIAL_JS_BUDGET_BYTES)}`,
  );
  if (total > INITIAL_JS_BUDGET_BYTES) {
    for (const c of chunks) console.log(`  ${kib(c.bytes).padStart(10)}  ${c.file}`);
    process.exit(1);
  }
}
