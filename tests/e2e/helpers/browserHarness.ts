import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
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
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build: test what ships.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      root: resolve(import.meta.dirname, '../../..'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
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
  /** Everything seen by the contexts made with `newContext` that were given no watch of their own. */
  watch: PageWatch;
  /**
   * A browser context whose pages are all watched (requests, console errors, dialogs), into
   * `watch` — the harness's own unless given one (browser tests give each test its own).
   */
  newContext: (options?: BrowserContextOptions, watch?: PageWatch) => Promise<BrowserContext>;
  dispose: () => Promise<void>;
}

export interface PageWatch {
  /** Console errors and uncaught exceptions. */
  problems: string[];
  /** Requests to anything but the app's own server (data: and blob: URLs are the page's own). */
  foreignRequests: string[];
  /** alert / confirm / prompt dialogs opened by a page (beforeunload prompts are not counted). */
  dialogs: string[];
}

export const emptyWatch = (): PageWatch => ({ problems: [], foreignRequests: [], dialogs: [] });

/**
 * Builds (unless given a build), serves and launches; `dispose` undoes what it did. Browser test
 * files pass the build the global setup made once for the whole run.
 */
export async function startHarness(options: { outDir?: string } = {}): Promise<Harness> {
  const outDir = options.outDir ?? (await buildApp());
  const server = await serveDirectory(outDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const harnessWatch = emptyWatch();
  const own = (url: string) =>
    url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:');
  const watchPage = (watch: PageWatch) => (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') watch.problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => watch.problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      if (d.type() === 'beforeunload') return void d.accept();
      watch.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
  };
  return {
    browser,
    server,
    watch: harnessWatch,
    newContext: async (contextOptions = {}, watch = harnessWatch) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...contextOptions });
      context.on('request', (r) => {
        if (!own(r.url())) watch.foreignRequests.push(r.url());
      });
      // Nothing leaves the machine even if a request slipped through: it is recorded, then aborted.
      await context.route(
        (url) => !own(url.href),
        (route) => route.abort(),
      );
      context.on('page', watchPage(watch));
      return context;
    },
    dispose: async () => {
      await browser.close();
      await server.close();
      if (!options.outDir) rmSync(outDir, { recursive: true, force: true });
    },
  };
}
