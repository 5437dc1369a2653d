import { config } from 'zod';

/**
 * Zod compiles fast object parsers with `new Function` when it can, probing once with a throwaway
 * call of the Function constructor. The page's Content-Security-Policy has no 'unsafe-eval', so
 * the probe is refused (a CSP violation report) and zod falls back anyway. Saying so up front
 * means the page never attempts dynamic code at all.
 *
 * It must run before the core builds its schemas: main.tsx imports it first, and vite.config.ts
 * bundles it into zod's own chunk, which the core's chunk imports (chunks run their imports first).
 */
config({ jitless: true });
