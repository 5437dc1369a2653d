import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { viewportSettled } from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/**
 * The canvas a workshop reads on a laptop or a projector (issue 12): every example opens at a
 * readable zoom with whole labels, flows have arrowheads in their own colour, node icons are line
 * icons (no emoji), and far out a node still shows its icon and a short label.
 */

/** The start screen's template title of each example file. */
const EXAMPLES: Record<string, string> = {
  'public-rag-chatbot': 'Public RAG chatbot',
  'agent-with-tools': 'Agent with tools',
  'fine-tuning-pipeline': 'Fine-tuning pipeline',
  'ml-scoring-service': 'ML scoring service',
  'multi-agent-research-assistant': 'Multi-agent research assistant',
  'edge-vision-federated': 'Edge vision fleet',
  'ai-threat-modeller': 'This tool',
};
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
];
const EMOJI = /\p{Extended_Pictographic}/u;

const labelsOf = (id: string): string[] =>
  (
    JSON.parse(readFileSync(`examples/${id}.aitm.json`, 'utf8')) as {
      components: { id: string; label: string }[];
    }
  ).components.map((c) => c.label || c.id);

async function openExample(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${title}`) }).click();
  await page.locator('.react-flow__node-component').first().waitFor();
  await viewportSettled(page);
}

const zoomOf = async (page: Page) => {
  const style = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  const match = /scale\(([\d.]+)\)/.exec(style);
  if (!match) throw new Error(`no zoom in the viewport transform "${style}"`);
  return Number(match[1]);
};

/** What each drawn component node shows: its label, whether it is cut, its icon and any emoji. */
const nodeFacts = (page: Page) =>
  page.locator('.react-flow__node-component').evaluateAll((nodes) =>
    nodes.map((n) => {
      const label = n.querySelector<HTMLElement>('.component-label')!;
      const icon = n.querySelector('.component-icon');
      const box = icon?.getBoundingClientRect();
      return {
        label: label.textContent ?? '',
        title: label.getAttribute('title'),
        clippedSideways: label.scrollWidth > label.clientWidth + 1,
        text: n.textContent ?? '',
        iconTag: icon?.tagName.toLowerCase() ?? null,
        iconSize: box ? Math.min(box.width, box.height) : 0,
        labelShown: label.getBoundingClientRect().width > 0 && getComputedStyle(label).display !== 'none',
        screenFont: parseFloat(getComputedStyle(label).fontSize),
      };
    }),
  );

describeInBrowser('canvas readability in Chromium', () => {
  browserTest('every example is one the start screen offers', async ({ page }) => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.aitm.json'));
    expect(files.map((f) => f.replace('.aitm.json', '')).sort()).toEqual(Object.keys(EXAMPLES).sort());
    // The start screen appears once the document library has answered: wait for it, do not race it.
    for (const title of Object.values(EXAMPLES))
      await expect
        .poll(() => page.getByRole('button', { name: new RegExp(`^${title}`) }).count(), { message: title })
        .toBe(1);
  });

  for (const size of SIZES)
    browserTest(
      `at ${size.width}×${size.height} every example opens at a readable zoom with whole labels, line icons and arrowheads`,
      async ({ harness, watch }) => {
        for (const [id, title] of Object.entries(EXAMPLES)) {
          // A context per example: the autosave of one would reopen it instead of the start screen.
          const context = await harness.newContext({ viewport: size }, watch);
          const page = await context.newPage();
          await page.goto(harness.server.url);
          await openExample(page, title);
          expect(await zoomOf(page), title).toBeGreaterThanOrEqual(0.75);

          const facts = await nodeFacts(page);
          expect(facts.length, title).toBeGreaterThan(0);
          const expected = labelsOf(id);
          for (const node of facts) {
            // The whole label is there (wrapped, never cut sideways), and in full in its tooltip.
            expect(expected, title).toContain(node.label);
            expect(node.title, title).toBe(node.label);
            expect(node.clippedSideways, `${title}: ${node.label}`).toBe(false);
            expect(node.iconTag, `${title}: ${node.label}`).toBe('svg');
            expect(EMOJI.test(node.text), `${title}: ${node.text}`).toBe(false);
          }

          const paths = await page
            .locator('.react-flow__edge-path')
            .evaluateAll((all) => all.map((p) => p.getAttribute('marker-end') ?? ''));
          expect(paths.length, title).toBeGreaterThan(0);
          for (const marker of paths) expect(marker, title).toMatch(/^url\(['"]?#.+['"]?\)$/);
          await context.close();
        }
      },
    );

  browserTest(
    'arrowheads have the colour of their flow, in light and dark, selected or not',
    async ({ page }) => {
      await openExample(page, EXAMPLES['public-rag-chatbot']!);
      const colours = () =>
        page.locator('.react-flow__edge').evaluateAll((edges) =>
          edges.map((edge) => {
            const path = edge.querySelector('.react-flow__edge-path')!;
            // The id holds the marker's colour, "var(--edge)": read up to the closing quote.
            const id = /^url\(['"]?#(.*?)['"]?\)$/.exec(path.getAttribute('marker-end') ?? '')?.[1] ?? '';
            const arrow = document.getElementById(id)?.querySelector('polyline');
            return {
              selected: edge.classList.contains('selected'),
              stroke: getComputedStyle(path).stroke,
              arrow: arrow ? getComputedStyle(arrow).fill : 'missing',
              background: getComputedStyle(document.querySelector('.react-flow')!).backgroundColor,
            };
          }),
        );
      for (const theme of ['light', 'dark']) {
        if (theme === 'dark') await page.getByRole('button', { name: 'Switch theme' }).click();
        // Selects the flow as a click on its label does (another flow's route may pass over the spot).
        await page.locator('.flow-label-pill:not(.is-crowded)').first().dispatchEvent('click');
        await expect.poll(async () => (await colours()).some((c) => c.selected)).toBe(true);
        const all = await colours();
        for (const c of all) {
          expect(c.arrow, theme).toBe(c.stroke);
          expect(c.arrow, theme).not.toBe(c.background);
        }
        const selected = all.find((c) => c.selected)!;
        const plain = all.find((c) => !c.selected)!;
        expect(selected.arrow, theme).not.toBe(plain.arrow);
      }
    },
  );

  browserTest(
    'far out (zoom 0.3) a node still shows its icon and a legible short label',
    async ({ page }) => {
      await page.setViewportSize({ width: 1024, height: 700 });
      await openExample(page, EXAMPLES['fine-tuning-pipeline']!);
      const zoomOut = page.locator('.react-flow__controls-zoomout');
      // Each step divides the zoom by 1.2: 0.75 → 0.30 in five.
      for (let i = 0; i < 5; i++) {
        await zoomOut.click();
        await viewportSettled(page);
      }
      const zoom = await zoomOf(page);
      expect(zoom).toBeGreaterThan(0.28);
      expect(zoom).toBeLessThan(0.32);
      const facts = await nodeFacts(page);
      expect(facts.length).toBeGreaterThan(0);
      for (const node of facts) {
        expect(node.iconTag).toBe('svg');
        // At least 8 screen pixels: the icon and the label are drawn larger as the view shrinks.
        expect(node.iconSize).toBeGreaterThanOrEqual(8);
        expect(node.labelShown, node.label).toBe(true);
        expect(node.screenFont * zoom, node.label).toBeGreaterThanOrEqual(8);
      }
    },
  );
});
