import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { apiModel } from '../support/modelBuilders';
import { openModel } from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/**
 * At 1024 px the left panel cuts a long outline label with an ellipsis. The full label must still
 * reach the user: Chromium's accessibility tree names the row by it (the open findings are its
 * description), the row's tooltip is it, and a row focused from the keyboard shows it wrapped.
 */
const LONG = 'Customer-facing inference API behind the regional gateway, fine-tuned on support tickets';

function longLabelModel() {
  const doc = apiModel();
  doc.components.find((c) => c.id === 'c-api')!.label = LONG;
  return doc;
}

/** Chromium's own name and description of the outline buttons (not Playwright's computation). */
async function outlineButtonsInAxTree(page: Page): Promise<{ name: string; description: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { role?: { value: string }; name?: { value: string }; description?: { value: string } }[];
  };
  await cdp.detach();
  return nodes
    .filter((n) => n.role?.value === 'button' && (n.name?.value ?? '').includes('Customer'))
    .map((n) => ({ name: n.name?.value ?? '', description: n.description?.value ?? '' }));
}

const labelMetrics = (page: Page) =>
  page
    .locator('.outline-item', { has: page.locator('.outline-label', { hasText: LONG }) })
    .first()
    .evaluate((button) => {
      const label = button.querySelector<HTMLElement>('.outline-label')!;
      const row = button.closest<HTMLElement>('.outline-row')!;
      const next = row.nextElementSibling?.getBoundingClientRect();
      const box = row.getBoundingClientRect();
      return {
        cut: label.scrollWidth > label.clientWidth,
        rowHeight: box.height,
        // The row below starts where this one ends (the virtual list measured the taller row).
        overlapsNext: next !== undefined && next.top < box.bottom - 0.5,
      };
    });

describeInBrowser('outline labels in the narrow left panel, in Chromium', () => {
  browserTest(
    'at 1024×700 a cut label is the row’s name, its tooltip, and shown on focus',
    async ({ harness, watch }) => {
      const context = await harness.newContext({ viewport: { width: 1024, height: 700 } }, watch);
      const page = await context.newPage();
      await page.goto(harness.server.url);
      await openModel(page, longLabelModel());
      await page.getByRole('tab', { name: 'Outline' }).click();
      const outline = page.getByRole('navigation', { name: 'Model outline' });
      await outline.waitFor();

      const before = await labelMetrics(page);
      expect(before.cut, 'the label is ellipsised at 1024 px').toBe(true);

      const tree = await outlineButtonsInAxTree(page);
      expect(tree).toContainEqual({
        name: LONG,
        description: expect.stringMatching(/open findings?, highest severity/),
      });
      expect(tree.map((b) => b.name)).toContain(`Customer → ${LONG}: questions`);
      const row = outline.getByRole('button', { name: LONG, exact: true });
      expect(await row.getAttribute('title')).toBe(LONG);

      // From the keyboard: the first row is focused, arrows move down to the long one.
      await outline.getByRole('button', { name: 'Cloud (internal)' }).focus();
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => row.evaluate((el) => el === document.activeElement)).toBe(true);
      await expect.poll(async () => (await labelMetrics(page)).cut).toBe(false);
      const focused = await labelMetrics(page);
      expect(focused.rowHeight).toBeGreaterThan(before.rowHeight);
      expect(focused.overlapsNext).toBe(false);
      await context.close();
    },
  );
});
