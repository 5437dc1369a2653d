import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { viewportSettled } from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/** Issue 12, point 8: the smaller defects that only a real layout shows. */

const SIZES = [
  [1440, 900],
  [1024, 700],
] as const;

const viewportTransform = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);

async function openExample(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.getByRole('button', { name: /Public RAG chatbot/ }).click();
  await page.locator('.react-flow__node-component').first().waitFor();
  await viewportSettled(page);
}

/** WCAG contrast ratio of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = css
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map(Number);
    const lin = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(bl!);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describeInBrowser('smaller editor defects in Chromium', () => {
  browserTest(
    'the first component dropped on an empty canvas leaves the view where it was',
    async ({ page }) => {
      await page.getByRole('button', { name: 'Blank model' }).click();
      const canvas = page.locator('.react-flow__pane');
      await canvas.waitFor();
      // Zoom out twice, so a re-fit at zoom 1 would show.
      await page.locator('.react-flow__controls-zoomout').click();
      await page.locator('.react-flow__controls-zoomout').click();
      await viewportSettled(page);
      const before = await viewportTransform(page);
      expect(before).not.toContain('scale(1)');
      await page
        .getByRole('button', { name: 'Add User', exact: true })
        .dragTo(canvas, { targetPosition: { x: 150, y: 150 } });
      await expect.poll(() => page.locator('.react-flow__node-component').count()).toBe(1);
      await page.waitForTimeout(400);
      await viewportSettled(page);
      expect(await viewportTransform(page)).toBe(before);
    },
  );

  for (const [width, height] of SIZES) {
    browserTest(
      `expanding a finding scrolls the panel, not the page, at ${width}×${height}`,
      async ({ page }) => {
        await openExample(page, width, height);
        await page.locator('.finding-summary').first().click();
        await page.locator('.finding-details').first().waitFor();
        const { scrollHeight, innerHeight } = await page.evaluate(() => ({
          scrollHeight: document.scrollingElement!.scrollHeight,
          innerHeight: window.innerHeight,
        }));
        expect(scrollHeight).toBeLessThanOrEqual(innerHeight);
      },
    );

    browserTest(
      `the dashboard's tables fit the panel, Total column included, at ${width}×${height}`,
      async ({ page }) => {
        await openExample(page, width, height);
        await page.getByRole('tab', { name: 'Dashboard' }).click();
        await page.getByRole('table', { name: 'Findings by severity and status' }).waitFor();
        const overflow = await page.evaluate(() => {
          const panel = document.querySelector('.dashboard')!.closest('.tab-panel') as HTMLElement;
          const box = panel.getBoundingClientRect();
          const right =
            box.left +
            panel.clientLeft +
            panel.clientWidth -
            parseFloat(getComputedStyle(panel).paddingRight);
          return Array.from(
            document.querySelectorAll('.dashboard .count-table th, .dashboard .count-table td'),
          )
            .filter((cell) => cell.getBoundingClientRect().right > right + 0.5)
            .map((cell) => cell.textContent);
        });
        expect(overflow).toEqual([]);
      },
    );
  }

  browserTest('the pressed status of review mode shows its key', async ({ page }) => {
    await openExample(page, 1440, 900);
    await page.getByRole('button', { name: 'Review open findings' }).click();
    const pressed = page.getByRole('group', { name: 'Set status' }).locator('button[aria-pressed="true"]');
    await expect.poll(() => pressed.count()).toBe(1);
    const colours = await pressed.locator('kbd').evaluate((kbd) => {
      const own = getComputedStyle(kbd);
      const transparent = own.backgroundColor === 'rgba(0, 0, 0, 0)';
      const behind = transparent ? getComputedStyle(kbd.parentElement!).backgroundColor : own.backgroundColor;
      return { text: own.color, background: behind, letter: kbd.textContent };
    });
    expect(colours.letter).toBe('O');
    expect(contrast(colours.text, colours.background)).toBeGreaterThanOrEqual(4.5);
  });
});
