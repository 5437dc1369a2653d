import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { openFile, viewportSettled } from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/**
 * axe-core (WCAG 2.1 A and AA rules) on the screens a workshop uses, at a desktop and a small
 * laptop size, in light and dark. The scan runs with the page's CSP bypassed: axe is injected
 * by the test, not shipped, and the app's own policy is proven in security.e2e.test.ts.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const EXAMPLE = readFileSync('examples/multi-agent-research-assistant.aitm.json', 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations.map(
    (v) =>
      `${v.impact ?? 'unknown'} ${v.id}: ${v.help} (${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')})`,
  );
}

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

describeInBrowser('accessibility (axe-core, WCAG 2.1 AA) in Chromium', () => {
  for (const viewport of SIZES)
    for (const colorScheme of ['light', 'dark'] as const)
      browserTest(
        `${viewport.width}×${viewport.height} ${colorScheme}: start, model, threats, dashboard, review`,
        async ({ harness, watch }) => {
          const context = await harness.newContext({ viewport, colorScheme, bypassCSP: true }, watch);
          const page = await context.newPage();
          await page.goto(harness.server.url);
          await page.getByRole('heading', { name: 'AI threat modeller' }).waitFor();
          const found: Record<string, string[]> = { start: await axeViolations(page) };

          await openFile(page, 'multi-agent-research-assistant.aitm.json', EXAMPLE);
          await page.getByRole('textbox', { name: 'Model title' }).waitFor();
          await viewportSettled(page);
          found['model and threats'] = await axeViolations(page);

          await page.getByRole('tab', { name: 'Dashboard' }).click();
          found['dashboard'] = await axeViolations(page);

          await page.locator('body').press('r');
          await page.getByRole('region', { name: 'Review findings' }).waitFor();
          found['review'] = await axeViolations(page);

          await context.close();
          expect(found).toEqual({ start: [], 'model and threats': [], dashboard: [], review: [] });
        },
      );
});
