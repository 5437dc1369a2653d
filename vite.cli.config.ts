import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Where `npm run build:cli` writes the CLI; `bin/aitm.mjs` runs it. Git-ignored. */
export const CLI_OUT_DIR = 'dist-cli';
export const CLI_BUNDLE = 'aitm.mjs';

/**
 * The installed `aitm` command as one self-contained ES module for Node: TypeScript compiled, the
 * shipped threat library and zod / jsonc-parser inlined, only Node built-ins left as imports. So
 * the command compiles nothing at run time (no tsx, no esbuild) and resolves no package when it
 * runs: it runs exactly the code the build pinned from package-lock.json. The one exception is
 * resvg (WebAssembly, for `render --format png`), imported on demand from node_modules.
 */
export default defineConfig({
  // No public/ copying and no index.html: this is a library-style build of one entry.
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(import.meta.dirname, 'src/cli/bin.ts'),
    outDir: CLI_OUT_DIR,
    emptyOutDir: true,
    target: 'node20.19',
    // Readable output: stack traces from a user's CI log should point at recognisable code.
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      output: {
        entryFileNames: CLI_BUNDLE,
        // One file: the CLI has no lazy imports worth a separate chunk.
        codeSplitting: false,
      },
    },
  },
  ssr: {
    // Inline every package (an SSR build externalises them by default); Node built-ins stay, and
    // so does resvg: `render --format png` imports it on demand and reads its .wasm file from
    // node_modules (a dependency, installed with the CLI).
    noExternal: true,
    external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`), '@resvg/resvg-wasm'],
    target: 'node',
  },
});
