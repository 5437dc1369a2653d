import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { dropFile, exportFile, openFile, viewportSettled } from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

const fixture = (path: string) => readFileSync(`tests/fixtures/${path}`, 'utf8');
const components = (page: Page) => page.locator('.react-flow__node-component');
const title = (page: Page) => page.getByRole('textbox', { name: 'Model title' });
const unplaced = (page: Page) => page.getByRole('list', { name: 'Unplaced threats' });
const browserPanel = (page: Page) => page.getByRole('region', { name: 'Findings for Browser' });
const selectBrowserInOutline = (page: Page) =>
  page.locator('.outline-item', { has: page.locator('.outline-label', { hasText: /^Browser$/ }) }).click();

/** Opens the Threat Dragon demo model (7 components) with the file picker. */
async function openDemo(page: Page): Promise<void> {
  await openFile(page, 'demo.json', fixture('threat-dragon/v2-threat-model.json'));
  await expect.poll(() => title(page).inputValue()).toBe('Demo Threat Model');
  await expect.poll(() => components(page).count()).toBe(7);
  await viewportSettled(page);
}

/** Adds the 37 threats of a dropped Threat Composer file to the open model. */
async function dropComposerThreats(page: Page): Promise<void> {
  await dropFile(page, 'chatbot.tc.json', fixture('threat-composer/GenAIChatbot.tc.json'));
  const dialog = page.getByRole('dialog', { name: 'Import chatbot.tc.json' });
  await expect.poll(() => dialog.textContent()).toContain('has 37 threats');
  await dialog.getByRole('button', { name: 'Add the threats to “Demo Threat Model”' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await expect.poll(() => unplaced(page).getByRole('listitem').count()).toBe(37);
}

/** Attaches the first unplaced threat to the Browser and returns its title. */
async function attachFirstThreatToBrowser(page: Page): Promise<string> {
  const first = (await unplaced(page).locator('.unplaced-title').first().textContent())!;
  await page.getByRole('tab', { name: 'Outline' }).click();
  await selectBrowserInOutline(page);
  await unplaced(page)
    .getByRole('button', { name: `Attach “${first}” to Browser` })
    .click();
  await expect.poll(() => unplaced(page).getByRole('listitem').count()).toBe(36);
  await expect
    .poll(() =>
      browserPanel(page)
        .getByRole('button', { name: first.slice(0, 60) })
        .count(),
    )
    .toBe(1);
  return first;
}

/** The state the export tests start from: the demo model with one imported threat on the Browser. */
async function demoWithAttachedThreat(page: Page): Promise<string> {
  await openDemo(page);
  await dropComposerThreats(page);
  return attachFirstThreatToBrowser(page);
}

describeInBrowser('importing and exporting other tools’ formats in Chromium', () => {
  browserTest(
    'opens a Threat Dragon model with the file picker and lists what could not be mapped',
    async ({ page }) => {
      await openDemo(page);
      const notes = page.getByRole('region', { name: 'Import notes' });
      expect(await notes.textContent()).toContain('Imported demo.json from Threat Dragon v2');
      expect(await notes.textContent()).toContain('Boundary curves draw no area');
      await notes.getByRole('button', { name: 'Dismiss' }).click();
      await expect.poll(() => notes.count()).toBe(0);
    },
  );

  browserTest('refuses a malformed Threat Dragon file and keeps the open model', async ({ page }) => {
    await openDemo(page);
    await openFile(page, 'broken.json', fixture('threat-dragon/v2-malformed-new-model.json'));
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toContain('broken.json: $.summary.title: expected string (missing)');
    expect(await alert.textContent()).toContain('Could not open broken.json (Threat Dragon v2)');
    expect(await title(page).inputValue()).toBe('Demo Threat Model');
    expect(await components(page).count()).toBe(7);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  });

  browserTest(
    'adds the threats of a dropped Threat Composer file and attaches one to a component',
    async ({ page }) => {
      await openDemo(page);
      await dropComposerThreats(page);
      expect(await title(page).inputValue()).toBe('Demo Threat Model');
      await expect
        .poll(() => page.getByRole('region', { name: 'Import notes' }).textContent())
        .toContain('37 threats were added');
      await attachFirstThreatToBrowser(page);
    },
  );

  browserTest('round-trips through the Threat Dragon export', async ({ page }) => {
    const attached = await demoWithAttachedThreat(page);
    const exported = await exportFile(page, 'Threat Dragon JSON');
    expect(exported.name).toBe('demo-threat-model.threat-dragon.json');
    await openFile(page, exported.name, exported.text);
    await expect.poll(() => title(page).inputValue()).toBe('Demo Threat Model');
    await expect.poll(() => components(page).count()).toBe(7);
    // The threat attached to the Browser came back with it.
    await selectBrowserInOutline(page);
    await expect
      .poll(() =>
        browserPanel(page)
          .getByRole('button', { name: attached.slice(0, 60) })
          .count(),
      )
      .toBe(1);
  });

  browserTest('exports Threat Composer JSON and CSV with the attached threat', async ({ page }) => {
    const attached = await demoWithAttachedThreat(page);
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
});
