/**
 * Membership is geometry, in real Chromium with real pointer events: resizing, moving and drawing
 * a trust boundary make the model say what the canvas shows, and one undo takes it all back.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEFAULT_BOUNDARY_SIZE, type ThreatModelDocument } from '../../src/core/index';
import { boundary, component, model } from '../support/modelBuilders';
import { download, openModel, viewportSettled } from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

type Point = { x: number; y: number };

/** A boundary on the left, one component beside it and one further right. */
function sideBySide(): ThreatModelDocument {
  return model({
    title: 'Membership',
    trustBoundaries: [
      boundary('tb', 'internal', undefined, {
        label: 'Zone',
        position: { x: 0, y: 0 },
        size: { width: 320, height: 240 },
      }),
    ],
    components: [
      component('c-in', 'llm', {}, 'tb', { label: 'Inside', position: { x: 40, y: 140 } }),
      component('c-near', 'user', {}, undefined, { label: 'Near', position: { x: 420, y: 80 } }),
      component('c-far', 'user', {}, undefined, { label: 'Far', position: { x: 700, y: 300 } }),
    ],
  });
}

const canvas = (page: Page) => page.locator('.react-flow__pane');
const boundaryNode = (page: Page, id: string) => page.locator(`.react-flow__node-boundary[data-id="${id}"]`);
const componentNode = (page: Page, id: string) =>
  page.locator(`.react-flow__node-component[data-id="${id}"]`);
const box = async (locator: Locator) => (await locator.boundingBox())!;
const centre = async (locator: Locator): Promise<Point> => {
  const b = await box(locator);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

/** A pointer drag with intermediate moves, as a hand makes it (React Flow needs the moves). */
async function drag(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + (to.x - from.x) / 3, from.y + (to.y - from.y) / 3, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

/** The model as the app saves it. */
async function saved(page: Page): Promise<ThreatModelDocument> {
  const file = await download(page, () => page.getByRole('button', { name: 'Save (download)' }).click());
  return JSON.parse(file.text) as ThreatModelDocument;
}

const membership = (doc: ThreatModelDocument) =>
  Object.fromEntries(doc.components.map((c) => [c.id, c.boundaryId ?? null]));
const parents = (doc: ThreatModelDocument) =>
  Object.fromEntries(doc.trustBoundaries.map((b) => [b.id, b.parentId ?? null]));

async function selectBoundary(page: Page, id: string): Promise<void> {
  const header = await centre(boundaryNode(page, id).locator('.boundary-header'));
  await page.mouse.click(header.x, header.y);
  await boundaryNode(page, id).locator('.react-flow__resize-control.handle.bottom.right').waitFor();
}

/** Drags the boundary's bottom-right resize handle to `to` (screen coordinates). */
async function resizeTo(page: Page, id: string, to: Point): Promise<void> {
  await selectBoundary(page, id);
  const handle = await centre(
    boundaryNode(page, id).locator('.react-flow__resize-control.handle.bottom.right'),
  );
  await drag(page, handle, to);
}

describeInBrowser('trust boundary membership follows geometry', () => {
  browserTest(
    'resizing over a component takes it in, shrinking lets it go, and one undo restores size and membership',
    async ({ page }) => {
      await openModel(page, sideBySide());
      const near = await box(componentNode(page, 'c-near'));
      const zone = await box(boundaryNode(page, 'tb'));

      // Grow to the right until Near's centre is well inside.
      await resizeTo(page, 'tb', { x: near.x + near.width + 30, y: zone.y + zone.height });
      let doc = await saved(page);
      expect(membership(doc)).toEqual({ 'c-in': 'tb', 'c-near': 'tb', 'c-far': null });
      const grown = doc.trustBoundaries[0]!.size!;
      expect(grown.width).toBeGreaterThan(500);

      // Shrink from the bottom-right to the smallest size: Inside is now visibly below it.
      await resizeTo(page, 'tb', { x: zone.x + 10, y: zone.y + 10 });
      const inside = await box(componentNode(page, 'c-in'));
      const shrunk = await box(boundaryNode(page, 'tb'));
      expect(inside.y).toBeGreaterThan(shrunk.y + shrunk.height);
      doc = await saved(page);
      expect(membership(doc)).toEqual({ 'c-in': null, 'c-near': null, 'c-far': null });

      // One undo: the grown rectangle and both members are back.
      await page.keyboard.press('Control+z');
      doc = await saved(page);
      expect(doc.trustBoundaries[0]!.size).toEqual(grown);
      expect(membership(doc)).toEqual({ 'c-in': 'tb', 'c-near': 'tb', 'c-far': null });
    },
  );

  browserTest('moving a boundary over a component takes it in and carries its members', async ({ page }) => {
    await openModel(page, sideBySide());
    const header = await centre(boundaryNode(page, 'tb').locator('.boundary-header'));
    const far = await centre(componentNode(page, 'c-far'));
    const inside = await centre(componentNode(page, 'c-in'));
    // Move the zone so that the point where Inside sits lands on Far.
    await drag(page, header, { x: header.x + far.x - inside.x, y: header.y + far.y - inside.y });
    const doc = await saved(page);
    expect(membership(doc)).toEqual({ 'c-in': 'tb', 'c-near': null, 'c-far': 'tb' });
    const movedInside = doc.components.find((c) => c.id === 'c-in')!.position!;
    expect(movedInside.x).toBeGreaterThan(400); // carried along, not left behind
  });

  browserTest('a drawn boundary holds exactly what it is drawn around', async ({ page }) => {
    await openModel(page, sideBySide());
    await page.getByRole('button', { name: 'Draw boundary' }).click();
    const near = await box(componentNode(page, 'c-near'));
    const zone = await box(boundaryNode(page, 'tb'));
    // Around Near and the whole of Zone, but not Far.
    const from = { x: zone.x - 16, y: zone.y - 16 };
    const to = { x: near.x + near.width + 16, y: Math.max(zone.y + zone.height, near.y + near.height) + 16 };
    await drag(page, from, to);
    await expect.poll(() => page.locator('.react-flow__node-boundary').count()).toBe(2);
    const drawn = page.locator('.react-flow__node-boundary:not([data-id="tb"])');
    const drawnBox = await box(drawn);
    expect(Math.abs(drawnBox.x - from.x)).toBeLessThan(3);
    expect(Math.abs(drawnBox.y - from.y)).toBeLessThan(3);
    expect(Math.abs(drawnBox.x + drawnBox.width - to.x)).toBeLessThan(3);
    expect(Math.abs(drawnBox.y + drawnBox.height - to.y)).toBeLessThan(3);

    const doc = await saved(page);
    const id = doc.trustBoundaries.find((b) => b.id !== 'tb')!.id;
    expect(parents(doc)).toEqual({ tb: id, [id]: null });
    // Inside stays in the smaller Zone; Near joins the drawn boundary; Far is left alone.
    expect(membership(doc)).toEqual({ 'c-in': 'tb', 'c-near': id, 'c-far': null });

    // Escape leaves the mode without drawing anything.
    await page.getByRole('button', { name: 'Draw boundary' }).click();
    await page.getByTestId('boundary-drawing-layer').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('boundary-drawing-layer').count()).toBe(0);
    expect(await page.locator('.react-flow__node-boundary').count()).toBe(2);
  });

  browserTest('a boundary dragged from the palette lands where the pointer lets go', async ({ page }) => {
    await openModel(page, sideBySide());
    const far = await centre(componentNode(page, 'c-far'));
    const pane = await box(canvas(page));
    await page
      .getByRole('button', { name: 'Trust boundary', exact: true })
      .dragTo(canvas(page), { targetPosition: { x: far.x - pane.x, y: far.y - pane.y } });
    await expect.poll(() => page.locator('.react-flow__node-boundary').count()).toBe(2);
    const dropped = await box(page.locator('.react-flow__node-boundary:not([data-id="tb"])'));
    // Centred on the pointer, give or take half a step of the 16 px grid the canvas snaps to.
    const halfStep = (8 * dropped.width) / DEFAULT_BOUNDARY_SIZE.width + 1;
    expect(Math.abs(dropped.x + dropped.width / 2 - far.x)).toBeLessThan(halfStep);
    expect(Math.abs(dropped.y + dropped.height / 2 - far.y)).toBeLessThan(halfStep);
    const doc = await saved(page);
    const id = doc.trustBoundaries.find((b) => b.id !== 'tb')!.id;
    expect(membership(doc)['c-far']).toBe(id);
  });

  browserTest(
    'a boundary clicked from the palette lands in free space and captures nothing',
    async ({ page }) => {
      await openModel(page, sideBySide());
      await page.getByRole('button', { name: 'Trust boundary', exact: true }).click();
      await viewportSettled(page);
      const doc = await saved(page);
      expect(doc.trustBoundaries).toHaveLength(2);
      expect(parents(doc)).toEqual({ tb: null, [doc.trustBoundaries[1]!.id]: null });
      expect(membership(doc)).toEqual({ 'c-in': 'tb', 'c-near': null, 'c-far': null });
    },
  );
});
