/// <reference types="vitest/config" />
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built page may load only its own files and never talk to the network: the model is
 * confidential architecture. Build only — the dev server injects inline scripts.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React Flow positions nodes with style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // WebSockets only, for live workshops: the collaboration server is chosen at run time (the Share
  // dialog, a ?collab= link), so no host can be named here. No fetch, XHR or beacon to any http(s)
  // URL (docs/collaboration.md, "In the editor" says why; a hosted copy can narrow this to its server).
  'connect-src ws: wss:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // Trusted Types: string-to-HTML and string-to-script sinks (innerHTML, script text and src,
  // srcdoc…) throw. The app needs one script URL — its own background worker — so exactly one
  // policy may exist, `aitm-worker` (src/ui/work/workerScriptUrl.ts), which accepts nothing but
  // that same-origin file: an injection cannot be smuggled through a sink even if a library bug
  // passes user text to one.
  "require-trusted-types-for 'script'",
  'trusted-types aitm-worker',
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'aitm-content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        /(<meta charset="UTF-8" \/>)/,
        `$1\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

/** Prints the gzip size of the JavaScript the page loads before it can draw (entry and its static imports). */
function reportInitialJs(): Plugin {
  return {
    name: 'aitm-report-initial-js',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])),
      );
      const initial = new Set<string>();
      const visit = (name: string) => {
        if (initial.has(name)) return;
        initial.add(name);
        for (const dep of chunks.get(name)?.imports ?? []) visit(dep);
      };
      for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
      const bytes = [...initial].reduce((sum, name) => sum + gzipSync(chunks.get(name)!.code).length, 0);
      const lazy = [...chunks.keys()].filter((name) => !initial.has(name)).length;
      console.log(
        `\ninitial JS: ${(bytes / 1024).toFixed(1)} KiB gzip in ${initial.size} files; ${lazy} chunks load on demand`,
      );
    },
  };
}

const LAZY_INTEROP = /src[\\/](core|ui)[\\/]interop[\\/]/;
// The core is pure (no module-level effects), so a module only lazy code uses leaves the first load.
const PURE_CORE = /src[\\/]core[\\/]/;
/** The diagram renderer (image export) is needed only when a diagram is exported. */
const LAZY_RENDER = /src[\\/]core[\\/]render[\\/]/;

// One config for the app and the unit tests. Browser (e2e) tests have their own config because
// they need a built app and a real Chromium, not jsdom.
export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), reportInitialJs()],
  // The background worker (src/ui/work) is an ES module worker: it loads ELK on demand, which a
  // classic (iife) worker bundle cannot split out.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    sourcemap: false,
    // Lists each chunk's static imports: scripts/checkBundleSize.mjs measures the first load from it.
    manifest: true,
    // ELK (1.46 MB, 450 KB gzip) is one chunk loaded only inside the layout worker, on demand; the
    // first load has its own budget (scripts/checkBundleSize.mjs).
    chunkSizeWarningLimit: 1600,
    // The polyfill preloads with fetch(), which connect-src (WebSockets only) forbids; browsers with ES
    // modules but no modulepreload simply load the chunks when imported.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Import and export code (other tools' formats, reports) is not needed to draw: it loads on
      // first use. Those modules only define functions and schemas, so they are declared free of
      // side effects; otherwise the core barrel's `export *` would keep them in the first load.
      treeshake: { moduleSideEffects: (id: string) => !LAZY_INTEROP.test(id) && !PURE_CORE.test(id) },
      output: {
        codeSplitting: {
          groups: [
            { name: 'interop', test: LAZY_INTEROP, includeDependenciesRecursively: false },
            { name: 'diagram', test: LAZY_RENDER, includeDependenciesRecursively: false },
            // Zod with the setting that stops it probing `new Function`: one chunk that the core's
            // chunk imports, so the setting is in place before any schema is built.
            { name: 'zod', test: /node_modules[\\/]zod[\\/]|noDynamicCode/, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    globals: false,
    // Lazy panels get a generous async timeout (see the setup file); a test must outlast a few of
    // those waits before it is declared hung.
    setupFiles: ['tests/support/vitestSetup.ts'],
    // Tests spawn bin/aitm.mjs, which runs the built CLI: build it first when it is out of date.
    globalSetup: ['tests/cli/builtCliSetup.ts'],
    testTimeout: 30_000,
  },
});
