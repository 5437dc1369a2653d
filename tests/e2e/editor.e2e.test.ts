import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { download, exportFile, pngSize } from './helpers/appDriver';
import { chromiumAvailable, startHarness, type Harness } from './helpers/browserHarness';

const available = chromiumAvailable();

/** The inference-API rule of the shipped library that the Authenticated checkbox switches off. */
const UNAUTHENTICATED = /without authentication/i;

describe.skipIf(!available)('editor in Chromium', () => {
  let harness: Harness;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ outDir: inject('distDir') });
    context = await harness.newContext({ acceptDownloads: true });
    page = await context.newPage();
    await page.goto(harness.server.url);
  });

  afterAll(async () => {
    await context?.close();
    await harness?.dispose();
  });

  const canvas = () => page.locator('.react-flow__pane');
  const node = (label: string) => page.locator('.react-flow__node-component', { hasText: label });
  const inspector = () => page.getByRole('region', { name: 'Inspector' });
  const centre = async (locator: Locator) => {
    const box = (await locator.boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const dragMouse = async (from: { x: number; y: number }, to: { x: number; y: number }) => {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
  };
  const selectNode = async (label: string) => {
    const header = await centre(node(label).locator('.component-label'));
    await page.mouse.click(header.x, header.y);
    await expect.poll(() => inspector().getByRole('textbox', { name: 'Label' }).inputValue()).toBe(label);
  };

  it('starts on the start screen with the example templates', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'AI threat modeller' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Blank model' }).click();
    await expect.poll(() => canvas().isVisible()).toBe(true);
  });

  it('adds components from the palette by dragging them onto the canvas', async () => {
    const box = (await canvas().boundingBox())!;
    const drop = async (name: string, x: number, y: number) =>
      page.getByRole('button', { name, exact: true }).dragTo(canvas(), { targetPosition: { x, y } });
    await drop('Add User', 110, 110);
    await drop('Add Inference API', 330, 110);
    await drop('Add LLM', 550, 110);
    await expect.poll(() => page.locator('.react-flow__node-component').count()).toBe(3);
    expect(box.width).toBeGreaterThan(600);
  });

  it('connects components with directed data flows', async () => {
    await dragMouse(
      await centre(node('User').locator('.react-flow__handle.source')),
      await centre(node('Inference API').locator('.react-flow__handle.target')),
    );
    await dragMouse(
      await centre(node('Inference API').locator('.react-flow__handle.source')),
      await centre(node('LLM').locator('.react-flow__handle.target')),
    );
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
  });

  it('places a component in a trust boundary by dragging it in, and out again', async () => {
    await page.getByRole('button', { name: 'Trust boundary' }).click();
    await expect.poll(() => page.locator('.react-flow__node-boundary').count()).toBe(1);
    const boundary = (await page.locator('.boundary-node').boundingBox())!;
    const llm = await centre(node('LLM'));
    await dragMouse(llm, { x: boundary.x + boundary.width / 2, y: boundary.y + boundary.height / 2 });
    await selectNode('LLM');
    await expect
      .poll(() => inspector().getByRole('combobox', { name: 'Trust boundary' }).inputValue())
      .toBe('tb-1');

    await dragMouse(await centre(node('LLM')), llm);
    await expect
      .poll(() => inspector().getByRole('combobox', { name: 'Trust boundary' }).inputValue())
      .toBe('');
    await dragMouse(await centre(node('LLM')), {
      x: boundary.x + boundary.width / 2,
      y: boundary.y + boundary.height / 2,
    });
    await expect
      .poll(() => inspector().getByRole('combobox', { name: 'Trust boundary' }).inputValue())
      .toBe('tb-1');
  });

  it('a property change makes a finding disappear and reappear', async () => {
    await selectNode('Inference API');
    const panel = page.getByRole('region', { name: 'Findings for Inference API' });
    const finding = panel.getByRole('button', { name: UNAUTHENTICATED });
    await expect.poll(() => finding.count()).toBe(1);
    await expect.poll(() => node('Inference API').locator('.badge').count()).toBe(1);
    await inspector().getByRole('checkbox', { name: 'Authenticated' }).check();
    await expect.poll(() => finding.count()).toBe(0);
    await inspector().getByRole('checkbox', { name: 'Authenticated' }).uncheck();
    await expect.poll(() => finding.count()).toBe(1);
  });

  it('triages a finding, then undoes and redoes it', async () => {
    const panel = page.getByRole('region', { name: 'Findings for Inference API' });
    await panel.getByRole('button', { name: UNAUTHENTICATED }).click();
    await panel.getByRole('combobox', { name: 'Triage status' }).selectOption('accepted');
    await panel.getByRole('textbox', { name: 'Owner' }).fill('Ana');
    await expect
      .poll(() => panel.getByRole('button', { name: UNAUTHENTICATED }).textContent())
      .toMatch(/accepted/);

    const undo = page.getByRole('button', { name: 'Undo' });
    const redo = page.getByRole('button', { name: 'Redo' });
    await undo.click();
    await undo.click();
    await expect
      .poll(() => panel.getByRole('button', { name: UNAUTHENTICATED }).textContent())
      .toMatch(/open/);
    await redo.click();
    await redo.click();
    await expect
      .poll(() => panel.getByRole('button', { name: UNAUTHENTICATED }).textContent())
      .toMatch(/accepted/);
    await expect.poll(() => panel.getByRole('textbox', { name: 'Owner' }).inputValue()).toBe('Ana');
  });

  it('keeps the work across a reload', async () => {
    await page.reload();
    await expect.poll(() => page.locator('.react-flow__node-component').count()).toBe(3);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await expect.poll(() => page.locator('.react-flow__node-boundary').count()).toBe(1);
    await selectNode('Inference API');
    const panel = page.getByRole('region', { name: 'Findings for Inference API' });
    await expect
      .poll(() => panel.getByRole('button', { name: UNAUTHENTICATED }).textContent())
      .toMatch(/accepted/);
    await selectNode('LLM');
    await expect
      .poll(() => inspector().getByRole('combobox', { name: 'Trust boundary' }).inputValue())
      .toBe('tb-1');
  });

  it('exports the model, the reports, other tools’ formats and the diagram', async () => {
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

    const png = await exportFile(page, 'Diagram as PNG');
    expect(png.name).toBe('untitled-model.png');
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(pngSize(png.bytes).width).toBeGreaterThan(400);

    const saved = await download(page, () => page.getByRole('button', { name: 'Save (download)' }).click());
    expect(saved.name).toBe('untitled-model.aitm.json');
    expect(saved.text).toBe(model.text);
  });

  it('a bad file shows an error naming the path and leaves the model untouched', async () => {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Open…' }).click(),
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
  });

  it('opens an example and reviews its findings from the keyboard', async () => {
    await page.getByRole('button', { name: 'New model' }).click();
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

  it('switches between light and dark themes', async () => {
    await page.getByRole('button', { name: 'Switch theme' }).click();
    const first = await page.evaluate(() => document.documentElement.dataset['theme']);
    await page.getByRole('button', { name: 'Switch theme' }).click();
    const second = await page.evaluate(() => document.documentElement.dataset['theme']);
    expect(new Set([first, second])).toEqual(new Set(['light', 'dark']));
  });

  it('made no console errors, no dialogs and no request outside the app', () => {
    expect(harness.watch).toEqual({ problems: [], foreignRequests: [], dialogs: [] });
  });
});
