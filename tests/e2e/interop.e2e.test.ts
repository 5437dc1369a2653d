import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropFile, exportFile, openFile } from './helpers/appDriver';
import { chromiumAvailable, startHarness, type Harness } from './helpers/browserHarness';

const available = chromiumAvailable();
const fixture = (path: string) => readFileSync(`tests/fixtures/${path}`, 'utf8');

describe.skipIf(!available)('importing and exporting other tools’ formats in Chromium', () => {
  let harness: Harness;
  let context: BrowserContext;
  let page: Page;
  /** The imported Threat Composer threat attached to the Browser. */
  let attached = '';

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

  const components = () => page.locator('.react-flow__node-component');
  const title = () => page.getByRole('textbox', { name: 'Model title' });

  it('opens a Threat Dragon model with the file picker and lists what could not be mapped', async () => {
    await openFile(page, 'demo.json', fixture('threat-dragon/v2-threat-model.json'));
    await expect.poll(() => title().inputValue()).toBe('Demo Threat Model');
    await expect.poll(() => components().count()).toBe(7);
    const notes = page.getByRole('region', { name: 'Import notes' });
    expect(await notes.textContent()).toContain('Imported demo.json from Threat Dragon v2');
    expect(await notes.textContent()).toContain('Boundary curves draw no area');
    await notes.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notes.count()).toBe(0);
  });

  it('refuses a malformed Threat Dragon file and keeps the open model', async () => {
    await openFile(page, 'broken.json', fixture('threat-dragon/v2-malformed-new-model.json'));
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toContain('broken.json: $.summary.title: expected string (missing)');
    expect(await alert.textContent()).toContain('Could not open broken.json (Threat Dragon v2)');
    expect(await title().inputValue()).toBe('Demo Threat Model');
    expect(await components().count()).toBe(7);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('adds the threats of a dropped Threat Composer file and attaches one to a component', async () => {
    await dropFile(page, 'chatbot.tc.json', fixture('threat-composer/GenAIChatbot.tc.json'));
    const dialog = page.getByRole('dialog', { name: 'Import chatbot.tc.json' });
    await expect.poll(() => dialog.textContent()).toContain('has 37 threats');
    await dialog.getByRole('button', { name: 'Add the threats to “Demo Threat Model”' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await title().inputValue()).toBe('Demo Threat Model');
    await expect
      .poll(() => page.getByRole('region', { name: 'Import notes' }).textContent())
      .toContain('37 threats were added');

    const unplaced = page.getByRole('list', { name: 'Unplaced threats' });
    await expect.poll(() => unplaced.getByRole('listitem').count()).toBe(37);
    const first = (await unplaced.locator('.unplaced-title').first().textContent())!;
    attached = first;

    await page.getByRole('tab', { name: 'Outline' }).click();
    await page
      .locator('.outline-item', { has: page.locator('.outline-label', { hasText: /^Browser$/ }) })
      .click();
    await unplaced.getByRole('button', { name: `Attach “${first}” to Browser` }).click();
    await expect.poll(() => unplaced.getByRole('listitem').count()).toBe(36);
    const panel = page.getByRole('region', { name: 'Findings for Browser' });
    await expect.poll(() => panel.getByRole('button', { name: first.slice(0, 60) }).count()).toBe(1);
  });

  it('round-trips through the Threat Dragon export', async () => {
    const exported = await exportFile(page, 'Threat Dragon JSON');
    expect(exported.name).toBe('demo-threat-model.threat-dragon.json');
    await openFile(page, exported.name, exported.text);
    await expect.poll(() => title().inputValue()).toBe('Demo Threat Model');
    await expect.poll(() => components().count()).toBe(7);
    // The threat attached to the Browser came back with it.
    await page
      .locator('.outline-item', { has: page.locator('.outline-label', { hasText: /^Browser$/ }) })
      .click();
    const panel = page.getByRole('region', { name: 'Findings for Browser' });
    await expect.poll(() => panel.getByRole('button', { name: attached.slice(0, 60) }).count()).toBe(1);
  });

  it('exports Threat Composer JSON and CSV with the attached threat', async () => {
    const composer = await exportFile(page, 'Threat Composer JSON');
    expect(composer.name).toBe('demo-threat-model.tc.json');
    const tc = JSON.parse(composer.text) as { schema: number; threats: { statement: string }[] };
    expect(tc.schema).toBe(1);
    expect(tc.threats.filter((t) => t.statement.includes(attached.slice(0, 40)))).toHaveLength(1);
    const csv = await exportFile(page, 'Findings as CSV');
    expect(csv.name).toBe('demo-threat-model.findings.csv');
    const row = csv.text.split(/\r?\n/).find((line) => line.includes(attached.slice(0, 40)));
    expect(row).toContain('Browser');
  });

  it('made no console errors, no dialogs and no request outside the app', () => {
    expect(harness.watch).toEqual({ problems: [], foreignRequests: [], dialogs: [] });
  });
});
