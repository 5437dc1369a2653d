import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

/**
 * Shared by the browser tests and the UI benchmark: build the app once into a temporary
 * directory, serve it from a tiny static server on a free port, drive Debian's Chromium.
 */

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** True when the browser exists. Without it: a loud warning locally, a failure in CI. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `\n${'!'.repeat(72)}\n!! ${CHROMIUM_PATH} is missing: browser tests are SKIPPED.\n!! Install it with: apt-get install -y chromium\n${'!'.repeat(72)}\n`;
  if (process.env['CI'] === 'true') throw new Error(`${message}\nIn CI the browser tests must run.`);
  console.warn(message);
  return false;
}

export async function buildApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'aitm-dist-'));
  await build({
    root: resolve(import.meta.dirname, '../../..'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

export function serveDirectory(root: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolvePromise({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

export interface Harness {
  browser: Browser;
  server: StaticServer;
  dispose: () => Promise<void>;
}

/** Builds, serves and launches; `dispose` undoes all three. */
export async function startHarness(): Promise<Harness> {
  const outDir = await buildApp();
  const server = await serveDirectory(outDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    browser,
    server,
    dispose: async () => {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
