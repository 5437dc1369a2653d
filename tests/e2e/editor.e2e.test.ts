import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { evaluate, shippedLibrary, type ThreatModelDocument } from '../../src/core/index';
import { boundary, component, flow, model } from '../support/modelBuilders';
import {
  download,
  exportFile,
  openModel,
  pngSize,
  storedDocuments,
  viewportSettled,
} from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/** The inference-API rule of the shipped library that the Authenticated checkbox switches off. */
const UNAUTHENTICATED = /without authentication/i;

/** What the drawing steps make: User → Inference API → LLM, the LLM in a trust boundary. */
function drawnModel(): ThreatModelDocument {
  return model({
    title: 'Untitled model',
    trustBoundaries: [
      boundary('tb-1', 'internal', undefined, {
        label: 'Trust boundary 1',
        position: { x: 500, y: 20 },
        size: { width: 320, height: 220 },
      }),
    ],
    components: [
      component('c-1', 'user', {}, undefined, { label: 'User', position: { x: 0, y: 60 } }),
      component('c-2', 'inference-api', {}, undefined, {
        label: 'Inference API',
        position: { x: 240, y: 60 },
      }),
      component('c-3', 'llm', {}, 'tb-1', { label: 'LLM', position: { x: 560, y: 80 } }),
    ],
    dataFlows: [flow('c-1', 'c-2', {}, 'f-1'), flow('c-2', 'c-3', {}, 'f-2')],
  });
}

/** The same model with the unauthenticated-API finding accepted by Ana. */
function acceptedModel(): ThreatModelDocument {
  const doc = drawnModel();
  const finding = evaluate(doc, shippedLibrary()).find((f) => UNAUTHENTICATED.test(f.title))!;
  return { ...doc, triage: { [finding.key]: { status: 'accepted', owner: 'Ana' } } };
}

const canvas = (page: Page) => page.locator('.react-flow__pane');
const node = (page: Page, label: string) => page.locator('.react-flow__node-component', { hasText: label });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const findingsOfApi = (page: Page) => page.getByRole('region', { name: 'Findings for Inference API' });
const centre = async (locator: Locator) => {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};
const dragMouse = async (page: Page, from: { x: number; y: number }, to: { x: number; y: number }) => {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
};
const selectNode = async (page: Page, label: string) => {
  const header = await centre(node(page, label).locator('.component-label'));
  await page.mouse.click(header.x, header.y);
  await expect.poll(() => inspector(page).getByRole('textbox', { name: 'Label' }).inputValue()).toBe(label);
};

/** A blank model with User, Inference API and LLM dragged from the palette onto the canvas. */
async function dropThreeComponents(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Blank model' }).click();
  const drop = async (name: string, x: number, y: number) =>
    page.getByRole('button', { name, exact: true }).dragTo(canvas(page), { targetPosition: { x, y } });
  await drop('Add User', 110, 110);
  await drop('Add Inference API', 330, 110);
  await drop('Add LLM', 550, 110);
  await expect.poll(() => page.locator('.react-flow__node-component').count()).toBe(3);
}

describeInBrowser('editor in Chromium', () => {
  browserTest('starts on the start screen with the example templates', async ({ page }) => {
    await expect.poll(() => page.getByRole('heading', { name: 'AI threat modeller' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Blank model' }).click();
    await expect.poll(() => canvas(page).isVisible()).toBe(true);
  });

  browserTest('adds components from the palette by dragging them onto the canvas', async ({ page }) => {
    await dropThreeComponents(page);
    expect((await canvas(page).boundingBox())!.width).toBeGreaterThan(600);
    for (const label of ['User', 'Inference API', 'LLM']) expect(await node(page, label).count()).toBe(1);
  });

  browserTest('connects components with directed data flows', async ({ page }) => {
    await dropThreeComponents(page);
    await dragMouse(
      page,
      await centre(node(page, 'User').locator('.react-flow__handle-right')),
      await centre(node(page, 'Inference API').locator('.react-flow__handle-left')),
    );
    await dragMouse(
      page,
      await centre(node(page, 'Inference API').locator('.react-flow__handle-right')),
      await centre(node(page, 'LLM').locator('.react-flow__handle-left')),
    );
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
  });

  browserTest('places a component in a trust boundary by dragging it in, and out again', async ({ page }) => {
    await dropThreeComponents(page);
    await page.getByRole('button', { name: 'Trust boundary' }).click();
    await expect.poll(() => page.locator('.react-flow__node-boundary').count()).toBe(1);
    const boundaryBox = (await page.locator('.boundary-node').boundingBox())!;
    const inside = { x: boundaryBox.x + boundaryBox.width / 2, y: boundaryBox.y + boundaryBox.height / 2 };
    const outside = await centre(node(page, 'LLM'));
    const boundaryOfSelected = () =>
      inspector(page).getByRole('combobox', { name: 'Trust boundary' }).inputValue();

    await dragMouse(page, outside, inside);
    await selectNode(page, 'LLM');
    await expect.poll(boundaryOfSelected).toBe('tb-1');
    await dragMouse(page, await centre(node(page, 'LLM')), outside);
    await expect.poll(boundaryOfSelected).toBe('');
    await dragMouse(page, await centre(node(page, 'LLM')), inside);
    await expect.poll(boundaryOfSelected).toBe('tb-1');
  });

  browserTest('a property change makes a finding disappear and reappear', async ({ page }) => {
    await openModel(page, drawnModel());
    await selectNode(page, 'Inference API');
    const finding = findingsOfApi(page).getByRole('button', { name: UNAUTHENTICATED });
    await expect.poll(() => finding.count()).toBe(1);
    await expect.poll(() => node(page, 'Inference API').locator('.badge').count()).toBe(1);
    await inspector(page).getByRole('checkbox', { name: 'Authenticated' }).check();
    await expect.poll(() => finding.count()).toBe(0);
    await inspector(page).getByRole('checkbox', { name: 'Authenticated' }).uncheck();
    await expect.poll(() => finding.count()).toBe(1);
  });

  browserTest('triages a finding, then undoes and redoes it', async ({ page }) => {
    await openModel(page, drawnModel());
    await selectNode(page, 'Inference API');
    const panel = findingsOfApi(page);
    const finding = () => panel.getByRole('button', { name: UNAUTHENTICATED }).textContent();
    await panel.getByRole('button', { name: UNAUTHENTICATED }).click();
    await panel.getByRole('combobox', { name: 'Triage status' }).selectOption('accepted');
    await panel.getByRole('textbox', { name: 'Owner' }).fill('Ana');
    await expect.poll(finding).toMatch(/accepted/);

    const undo = page.getByRole('button', { name: 'Undo' });
    const redo = page.getByRole('button', { name: 'Redo' });
    await undo.click();
    await undo.click();
    await expect.poll(finding).toMatch(/open/);
    await redo.click();
    await redo.click();
    await expect.poll(finding).toMatch(/accepted/);
    await expect.poll(() => panel.getByRole('textbox', { name: 'Owner' }).inputValue()).toBe('Ana');
  });

  browserTest('keeps the work across a reload', async ({ page }) => {
    await openModel(page, drawnModel());
    await selectNode(page, 'Inference API');
    const panel = findingsOfApi(page);
    await panel.getByRole('button', { name: UNAUTHENTICATED }).click();
    await panel.getByRole('combobox', { name: 'Triage status' }).selectOption('accepted');
    await expect.poll(async () => (await storedDocuments(page))[0]?.text ?? '').toContain('"accepted"');

    await page.reload();
    await expect.poll(() => page.locator('.react-flow__node-component').count()).toBe(3);
    await viewportSettled(page);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await expect.poll(() => page.locator('.react-flow__node-boundary').count()).toBe(1);
    await selectNode(page, 'Inference API');
    await expect
      .poll(() => panel.getByRole('button', { name: UNAUTHENTICATED }).textContent())
      .toMatch(/accepted/);
    await selectNode(page, 'LLM');
    await expect
      .poll(() => inspector(page).getByRole('combobox', { name: 'Trust boundary' }).inputValue())
      .toBe('tb-1');
  });

  browserTest('exports the model, the reports, other tools’ formats and the diagram', async ({ page }) => {
    await openModel(page, acceptedModel(), 'untitled-model.aitm.json');
    const model = await exportFile(page, 'Model (.aitm.json)');
    expect(model.name).toBe('untitled-model.aitm.json');
    expect(JSON.parse(model.text).components).toHaveLength(3);

    const markdown = await exportFile(page, 'Markdown report');
    expect(markdown.name).toBe('untitled-model.report.md');
    expect(markdown.text).toContain('# Threat model: Untitled model');
    expect(markdown.text).toMatch(UNAUTHENTICATED);

    const json = await exportFile(page, 'JSON report');
    expect(json.name).toBe('untitled-model.report.json');
    const report = JSON.parse(json.text) as {
      format: string;
      summary: { components: number; dataFlows: number };
      findings: { title: string; status: string; targetId: string }[];
    };
    expect(report.format).toBe('ai-threat-model-report');
    expect(report.summary).toMatchObject({ components: 3, dataFlows: 2 });
    expect(report.findings.find((f) => UNAUTHENTICATED.test(f.title))).toMatchObject({ status: 'accepted' });

    const dragon = await exportFile(page, 'Threat Dragon JSON');
    expect(dragon.name).toBe('untitled-model.threat-dragon.json');
    const td = JSON.parse(dragon.text) as {
      summary: { title: string };
      detail: { diagrams: { cells: unknown[] }[] };
    };
    expect(td.summary.title).toBe('Untitled model');
    expect(td.detail.diagrams[0]!.cells.length).toBeGreaterThanOrEqual(6);
    expect(dragon.text).toMatch(UNAUTHENTICATED);

    const composer = await exportFile(page, 'Threat Composer JSON');
    expect(composer.name).toBe('untitled-model.tc.json');
    const tc = JSON.parse(composer.text) as { schema: number; threats: { statement: string }[] };
    expect(tc.schema).toBe(1);
    expect(tc.threats.length).toBe(report.findings.length);

    const csv = await exportFile(page, 'Findings as CSV');
    expect(csv.name).toBe('untitled-model.findings.csv');
    const rows = csv.text.trim().split(/\r?\n/);
    expect(rows).toHaveLength(report.findings.length + 1);
    expect(rows.find((r) => UNAUTHENTICATED.test(r))).toMatch(/accepted/);

    const svg = await exportFile(page, 'Diagram as SVG');
    expect(svg.name).toBe('untitled-model.svg');
    expect(svg.text).toMatch(/^<svg /);
    for (const label of ['User', 'Inference API', 'LLM']) expect(svg.text).toContain(`>${label}<`);
    expect(svg.text).not.toMatch(/react-flow__(minimap|controls)/);
    expect(svg.text).not.toContain('<script');
    // Drawn from the document: real SVG shapes, one path with an arrowhead per data flow.
    expect(svg.text).not.toContain('foreignObject');
    const flowPaths = svg.text.match(/<path class="flow"[^>]*marker-end="url\(#aitm-arrow\)"/g) ?? [];
    expect(flowPaths).toHaveLength(report.summary.dataFlows);
    expect(svg.text).toMatch(/<g class="badge"/);

    const png = await exportFile(page, 'Diagram as PNG');
    expect(png.name).toBe('untitled-model.png');
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(pngSize(png.bytes).width).toBeGreaterThan(400);

    const saved = await download(page, () => page.getByRole('button', { name: 'Save (download)' }).click());
    expect(saved.name).toBe('untitled-model.aitm.json');
    expect(saved.text).toBe(model.text);
  });

  browserTest(
    'a bad file shows an error naming the path and leaves the model untouched',
    async ({ page }) => {
      await openModel(page, drawnModel());
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Open file…' }).click(),
      ]);
      const bad = {
        format: 'ai-threat-model',
        schemaVersion: 1,
        meta: { title: 'Bad' },
        components: [{ id: 'x', type: 'flux-capacitor', label: 'X' }],
      };
      await chooser.setFiles({
        name: 'bad.aitm.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(bad)),
      });
      const alert = page.getByRole('alert');
      await expect
        .poll(() => alert.textContent())
        .toContain('bad.aitm.json: $.components[0].type: unknown component type "flux-capacitor"');
      expect(await page.getByRole('textbox', { name: 'Model title' }).inputValue()).toBe('Untitled model');
      expect(await page.locator('.react-flow__node-component').count()).toBe(3);
      await page.getByRole('button', { name: 'Dismiss' }).click();
    },
  );

  browserTest('opens an example and reviews its findings from the keyboard', async ({ page }) => {
    await page.getByRole('button', { name: /Public RAG chatbot/ }).click();
    await expect.poll(() => page.locator('.react-flow__node-component').count()).toBeGreaterThan(5);
    await page.locator('body').press('r');
    const review = page.getByRole('region', { name: 'Review findings' });
    await expect.poll(() => review.textContent()).toMatch(/finding 1 of \d+/);
    await page.keyboard.press('j');
    await expect.poll(() => review.textContent()).toMatch(/finding 2 of \d+/);
    await page.keyboard.press('a');
    await expect
      .poll(() => review.getByRole('button', { name: 'A accepted' }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.keyboard.press('n');
    await page.keyboard.type('Discussed in the workshop');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => review.count()).toBe(0);
  });

  browserTest('switches between light and dark themes', async ({ page }) => {
    await page.getByRole('button', { name: 'Blank model' }).click();
    const theme = () => page.evaluate(() => document.documentElement.dataset['theme']);
    await page.getByRole('button', { name: 'Switch theme' }).click();
    const first = await theme();
    await page.getByRole('button', { name: 'Switch theme' }).click();
    const second = await theme();
    expect(new Set([first, second])).toEqual(new Set(['light', 'dark']));
  });
});
