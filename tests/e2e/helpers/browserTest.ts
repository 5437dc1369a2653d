import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { chromiumAvailable, emptyWatch, startHarness, type Harness, type PageWatch } from './browserHarness';

/**
 * The one harness of the browser test files. Per file: one Chromium and one static server of the
 * build the global setup made. Per test: a fresh browser context (its own localStorage, its own
 * downloads) and page, closed after the test, so no test inherits another's state or failure.
 * Each test's pages are watched, and the test fails if they logged a console error, opened a
 * dialog or requested anything outside the app.
 *
 *   describeInBrowser('…', () => {
 *     browserTest('…', async ({ page }) => { … });          // a fresh page on the app
 *     browserTest('…', async ({ context }) => { … });       // pages of your own (two tabs, init scripts)
 *     browserTest('…', async ({ harness }) => { … });       // unwatched contexts, on purpose
 *   });
 */

/** `describe`, skipped with a loud warning when Chromium is missing (a failure when CI=true). */
export function describeInBrowser(name: string, body: () => void): void {
  describe.skipIf(!chromiumAvailable())(name, body);
}

export const browserTest = test
  // eslint-disable-next-line no-empty-pattern -- Vitest reads a fixture's dependencies from this pattern.
  .extend('harness', { scope: 'file' }, async ({}, { onCleanup }): Promise<Harness> => {
    const harness = await startHarness({ outDir: inject('distDir') });
    onCleanup(() => harness.dispose());
    return harness;
  })
  // eslint-disable-next-line no-empty-pattern -- as above.
  .extend('watch', async ({}, { onCleanup }): Promise<PageWatch> => {
    const watch = emptyWatch();
    // Runs after the context is closed, when everything its pages did has been seen.
    onCleanup(() => {
      expect(watch, 'console errors, dialogs and requests outside the app').toEqual(emptyWatch());
    });
    return watch;
  })
  .extend('context', async ({ harness, watch }, { onCleanup }): Promise<BrowserContext> => {
    const context = await harness.newContext({ acceptDownloads: true }, watch);
    onCleanup(() => context.close());
    return context;
  })
  .extend('page', async ({ harness, context }): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(harness.server.url);
    return page;
  });
