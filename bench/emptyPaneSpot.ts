import type { Page } from 'playwright-core';

/**
 * A point of the canvas pane itself, not on a node, edge or control, found from the page: where
 * the canvas benchmarks start a pan (shared by uiBench.ts and canvasProfile.ts, so both pan alike).
 */
export async function emptyPaneSpot(page: Page): Promise<{ x: number; y: number }> {
  const spot = (await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow__pane');
    const box = pane.getBoundingClientRect();
    for (let y = box.top + 20; y < box.bottom - 20; y += 13)
      for (let x = box.left + 20; x < box.right - 200; x += 17)
        if (document.elementFromPoint(x, y) === pane) return { x, y };
    return null;
  })()`)) as { x: number; y: number } | null;
  if (!spot) throw new Error('no empty spot of the canvas to pan from');
  return spot;
}
