/**
 * Runs before every unit test file (vite.config.ts, `test.setupFiles`).
 *
 * Lazy panels (dashboard, review mode, dialogs) load their chunk on first use. On a loaded
 * machine that import alone can take longer than Testing Library's default 1 s for `findBy…` and
 * `waitFor`, so a slow import failed tests that were right. One generous timeout for every UI
 * test, here, rather than a timeout option sprinkled on the calls that happened to flake.
 */
export const ASYNC_UTIL_TIMEOUT_MS = 10_000;

// Only the jsdom files render anything; the node files need not load Testing Library at all.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: ASYNC_UTIL_TIMEOUT_MS });
}
