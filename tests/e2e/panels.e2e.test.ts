import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openFile, viewportSettled } from './helpers/appDriver';
import type { Harness, PageWatch } from './helpers/browserHarness';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/**
 * Small screens and projectors (issue 12, point 7): panels collapse and stay collapsed, the
 * minimap can be hidden, review mode never hides its element under the minimap or zoom controls,
 * and the page reflows at 200 % zoom. Set PANELS_SCREENSHOTS=<dir> to keep screenshots.
 */
const EXAMPLE = readFileSync('examples/multi-agent-research-assistant.aitm.json', 'utf8');
const SHOTS = process.env['PANELS_SCREENSHOTS'];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} is not shown`);
  return box;
}

const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function editorAt(
  harness: Harness,
  watch: PageWatch,
  viewport: { width: number; height: number },
  deviceScaleFactor = 1,
): Promise<Page> {
  const context = await harness.newContext({ viewport, deviceScaleFactor }, watch);
  const page = await context.newPage();
  await page.goto(harness.server.url);
  await openFile(page, 'multi-agent-research-assistant.aitm.json', EXAMPLE);
  await page.getByRole('textbox', { name: 'Model title' }).waitFor();
  await page.locator('.react-flow__node-component').first().waitFor();
  await viewportSettled(page);
  return page;
}

const canvasWidth = async (page: Page) => (await boxOf(page.locator('.react-flow'))).width;

describeInBrowser('panels on small screens and projectors, in Chromium', () => {
  browserTest(
    'collapsing both panels at 1024×700 gives the canvas ≥ 900 px, and survives a reload',
    async ({ harness, watch }) => {
      const page = await editorAt(harness, watch, { width: 1024, height: 700 });
      const hideLeft = page.getByRole('button', { name: 'Hide components and outline' });
      const hideRight = page.getByRole('button', { name: 'Hide inspector and findings' });
      expect(await hideLeft.getAttribute('aria-expanded')).toBe('true');
      expect(await hideLeft.getAttribute('aria-controls')).toBe('left-panel');
      expect(await hideRight.getAttribute('aria-controls')).toBe('right-panel');
      const withPanels = await canvasWidth(page);
      await shot(page, '1024x700-expanded');

      await hideLeft.click();
      await hideRight.click();
      await expect.poll(() => canvasWidth(page)).toBeGreaterThanOrEqual(900);
      expect(withPanels).toBeLessThan(600);
      await expect.poll(() => page.locator('#left-panel').isVisible()).toBe(false);
      expect(await page.locator('#right-panel').isVisible()).toBe(false);
      const showLeft = page.getByRole('button', { name: 'Show components and outline' });
      expect(await showLeft.getAttribute('aria-expanded')).toBe('false');
      await shot(page, '1024x700-collapsed');

      await page.reload();
      await page.locator('.react-flow__node-component').first().waitFor();
      expect(await canvasWidth(page)).toBeGreaterThanOrEqual(900);
      expect(await page.locator('#left-panel').isVisible()).toBe(false);

      // The shortcuts bring them back.
      await page.locator('body').press('[');
      await page.locator('body').press(']');
      await page.getByRole('tab', { name: 'Components' }).waitFor();
      await page.getByRole('tab', { name: 'Threats' }).waitFor();
      expect(await canvasWidth(page)).toBeCloseTo(withPanels, -1);
    },
  );

  browserTest('the shortcuts dialog lists the panel and minimap shortcuts', async ({ harness, watch }) => {
    const page = await editorAt(harness, watch, { width: 1280, height: 720 });
    await page.locator('body').press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const [label, key] of [
      ['Show/hide components and outline panel', '['],
      ['Show/hide inspector and findings panel', ']'],
      ['Show/hide minimap', 'M'],
    ])
      expect(await dialog.getByRole('row', { name: label }).textContent()).toContain(key);
  });

  browserTest(
    'the minimap hides with its toggle and its shortcut, remembered across a reload',
    async ({ harness, watch }) => {
      const page = await editorAt(harness, watch, { width: 1280, height: 720 });
      const minimap = page.locator('.react-flow__minimap');
      const toggle = page.getByRole('button', { name: 'Minimap' });
      await minimap.waitFor();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      await toggle.click();
      await minimap.waitFor({ state: 'detached' });
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await shot(page, '1280x720-no-minimap');

      await page.reload();
      await page.locator('.react-flow__node-component').first().waitFor();
      expect(await minimap.count()).toBe(0);
      await page.locator('body').press('m');
      await minimap.waitFor();
    },
  );

  for (const viewport of [
    { width: 1024, height: 700 },
    { width: 1280, height: 720 },
  ])
    browserTest(
      `${viewport.width}×${viewport.height}: review mode never puts its element under the minimap or controls`,
      async ({ harness, watch }) => {
        const page = await editorAt(harness, watch, viewport);
        await page.locator('body').press('r');
        const panel = page.getByRole('region', { name: 'Review findings' });
        await panel.waitFor();
        let checked = 0;
        for (let step = 0; step < 5; step++) {
          await viewportSettled(page);
          const focused = page.locator('.react-flow__node.selected').first();
          if ((await focused.count()) > 0) {
            const element = await boxOf(focused);
            const canvas = await boxOf(page.locator('.react-flow'));
            expect(await page.locator('.react-flow__minimap').count()).toBe(0);
            const controls = await boxOf(page.locator('.react-flow__controls'));
            expect(intersects(element, controls), `step ${step}: under the zoom controls`).toBe(false);
            expect(intersects(element, await boxOf(panel)), `step ${step}: under the review panel`).toBe(
              false,
            );
            // Wholly inside the visible canvas.
            expect(element.x).toBeGreaterThanOrEqual(canvas.x);
            expect(element.y).toBeGreaterThanOrEqual(canvas.y);
            expect(element.x + element.width).toBeLessThanOrEqual(canvas.x + canvas.width);
            expect(element.y + element.height).toBeLessThanOrEqual(canvas.y + canvas.height);
            checked++;
          }
          if (step === 0) await shot(page, `${viewport.width}x${viewport.height}-review`);
          await page.locator('body').press('j');
        }
        expect(checked).toBeGreaterThan(0);
        // Leaving review brings the minimap back.
        await page.locator('body').press('Escape');
        await page.locator('.react-flow__minimap').waitFor();
      },
    );

  browserTest(
    '200 % zoom (1440×900 at scale 2): nothing cut off, panels overlay and stay reachable',
    async ({ harness, watch }) => {
      const page = await editorAt(harness, watch, { width: 720, height: 450 }, 2);
      await shot(page, '720x450-zoom200');
      const overflow = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth - window.innerWidth,
        height: document.documentElement.scrollHeight - window.innerHeight,
      }));
      expect(overflow).toEqual({ width: 0, height: 0 });
      // A first visit this narrow starts with the canvas to itself.
      expect(await page.locator('#left-panel').isVisible()).toBe(false);
      expect(await canvasWidth(page)).toBeGreaterThanOrEqual(600);
      for (const name of ['Save', 'Export', 'Review'])
        expect(await page.getByRole('button', { name, exact: false }).first().isVisible()).toBe(true);

      await page.getByRole('button', { name: 'Show components and outline' }).click();
      const search = page.getByRole('searchbox', { name: 'Search components' });
      await search.waitFor();
      const panel = await boxOf(page.locator('#left-panel'));
      expect(panel.x + panel.width).toBeLessThanOrEqual(720);
      // Overlaid, not squeezing: the canvas keeps its width.
      expect(await canvasWidth(page)).toBeGreaterThanOrEqual(600);
      await shot(page, '720x450-zoom200-palette');
      await page.getByRole('button', { name: 'Show inspector and findings' }).click();
      await page.getByRole('tab', { name: 'Threats' }).waitFor();
      const right = await boxOf(page.locator('#right-panel'));
      expect(right.x).toBeGreaterThanOrEqual(0);
      expect(right.x + right.width).toBeLessThanOrEqual(720);
    },
  );

  browserTest(
    'a blank model: focus stays in the app, the hint shows, Enter in the search adds the match',
    async ({ page }) => {
      await page.getByRole('button', { name: 'Blank model' }).click();
      const hint = page.getByRole('note', { name: 'Empty canvas' });
      await hint.waitFor();
      const search = page.getByRole('searchbox', { name: 'Search components' });
      await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
      await shot(page, '1280x720-empty-hint');
      await search.fill('user');
      await search.press('Enter');
      await page.locator('.react-flow__node-component').first().waitFor();
      expect(await page.locator('.react-flow__node-component').count()).toBe(1);
      await hint.waitFor({ state: 'detached' });
    },
  );

  browserTest('skip links: two keys from the top of the page to the palette search', async ({ page }) => {
    await openFile(page, 'multi-agent-research-assistant.aitm.json', EXAMPLE);
    await page.locator('.react-flow__node-component').first().waitFor();
    // A fresh load (the model restored from autosave): Tab starts at the top of the page.
    await page.reload();
    await page.locator('.react-flow__node-component').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to canvas');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to palette');
    await page.keyboard.press('Enter');
    const search = page.getByRole('searchbox', { name: 'Search components' });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    // And to the canvas: its first component takes the focus.
    await page.reload();
    await page.locator('.react-flow__node-component').first().waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('react-flow__node')))
      .toBe(true);
  });
});
