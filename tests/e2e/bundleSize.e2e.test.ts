import { execFileSync } from 'node:child_process';
import { inject, expect, test } from 'vitest';

/**
 * The first load stays small (issue 12: at most 200 KiB gzip): the canvas, dialogs, export and
 * layout code load when needed. Measured on the production build the browser tests serve.
 */
test('initial JS (entry and its static imports) is at most 200 KiB gzip', () => {
  let output: string;
  let failed = false;
  try {
    output = execFileSync(process.execPath, ['scripts/checkBundleSize.mjs', inject('distDir')], {
      encoding: 'utf8',
    });
  } catch (error) {
    failed = true;
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  expect(output).toMatch(/^initial JS \d+\.\d KiB gzip in \d+ files/);
  expect(failed, output).toBe(false);
});
