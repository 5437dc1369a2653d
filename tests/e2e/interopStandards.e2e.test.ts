import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { dropFile, exportFile, openFile, viewportSettled } from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/** OTM and TM-BOM in the editor: open, see the elements and notes, export, validate against the schemas. */

const fixture = (path: string) => readFileSync(`tests/fixtures/${path}`, 'utf8');
const schema = (path: string) => JSON.parse(fixture(`schemas/${path}`)) as object;
const otmAjv = new Ajv({ strict: false, allErrors: true });
addFormats(otmAjv);
const validateOtm = otmAjv.compile(schema('otm_schema.json'));
const tmBomAjv = new Ajv2020({ strict: false, allErrors: true });
addFormats(tmBomAjv);
const validateTmBom = tmBomAjv.compile(schema('tm-bom-threat-model.schema.json'));

const title = (page: Page) => page.getByRole('textbox', { name: 'Model title' });
const componentLabels = (page: Page) => page.locator('.react-flow__node-component').allTextContents();
const notes = (page: Page) => page.getByRole('region', { name: 'Import notes' });

type Obj = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as Obj[]) : []);

/** The labels the Outline lists (the canvas draws only the nodes in view; the outline lists them all). */
async function outlineLabels(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: 'Outline' }).click();
  return page.locator('.outline-item .outline-label').allTextContents();
}

describeInBrowser('OTM and TM-BOM in Chromium', () => {
  browserTest(
    'drops an OTM file, shows its components and notes, and exports valid OTM',
    async ({ page }) => {
      const raw = JSON.parse(fixture('otm/otm-example.json')) as Obj;
      await dropFile(page, 'otm-example.json', fixture('otm/otm-example.json'));
      await expect.poll(() => title(page).inputValue()).toBe(String((raw['project'] as Obj)['name']));
      await expect
        .poll(async () => (await componentLabels(page)).length)
        .toBe(list(raw['components']).length);
      await viewportSettled(page);
      const labels = (await componentLabels(page)).join('\n');
      for (const c of list(raw['components'])) expect(labels).toContain(c['name']);
      expect(await notes(page).textContent()).toContain(
        'Imported otm-example.json from Open Threat Model (OTM)',
      );

      const exported = await exportFile(page, 'Open Threat Model (OTM)');
      expect(exported.name).toMatch(/\.otm\.json$/);
      const otm = JSON.parse(exported.text) as Obj;
      expect(validateOtm(otm), JSON.stringify(validateOtm.errors?.slice(0, 3))).toBe(true);
      // The file's own ids and types come back.
      expect(list(otm['components']).map((c) => [c['id'], c['type']])).toEqual(
        list(raw['components']).map((c) => [c['id'], c['type']]),
      );
      // Every flow of the file comes back with its id (a bidirectional one whose reverse direction has
      // findings of its own comes back as two: docs/interop-formats.md, "What a round trip keeps").
      const flowIds = list(otm['dataflows']).map((f) => f['id']);
      for (const f of list(raw['dataflows'])) expect(flowIds).toContain(f['id']);
    },
  );

  browserTest(
    'opens a TM-BOM file, shows its elements and notes, and exports valid TM-BOM',
    async ({ page }) => {
      const raw = JSON.parse(fixture('tm-bom/huskyai.tmbom.json')) as Obj;
      const elements = [...list(raw['actors']), ...list(raw['components']), ...list(raw['data_stores'])];
      const names = elements.map((e) => String(e['title']).replace(/\s+/g, ' ').trim());
      const modelTitle = String((raw['scope'] as Obj)['title']);
      await openFile(page, 'huskyai.tmbom.json', fixture('tm-bom/huskyai.tmbom.json'));
      await expect.poll(() => title(page).inputValue()).toBe(modelTitle);
      await expect
        .poll(async () => {
          const listed = await outlineLabels(page);
          return names.filter((n) => !listed.includes(n));
        })
        .toEqual([]);
      await viewportSettled(page);
      // What the canvas draws (the nodes in view) are the file's elements.
      const drawn = await componentLabels(page);
      expect(drawn.length).toBeGreaterThan(0);
      for (const label of drawn)
        expect(
          names.some((n) => label.includes(n)),
          label,
        ).toBe(true);
      expect(await notes(page).textContent()).toContain(
        'Imported huskyai.tmbom.json from TM-BOM (OWASP Threat Model Library)',
      );

      const exported = await exportFile(page, 'TM-BOM JSON');
      expect(exported.name).toMatch(/\.json$/);
      const tmBom = JSON.parse(exported.text) as Obj;
      expect(validateTmBom(tmBom), JSON.stringify(validateTmBom.errors?.slice(0, 3))).toBe(true);
      for (const key of ['actors', 'components', 'data_stores'])
        expect(list(tmBom[key]).map((e) => e['symbolic_name'])).toEqual(
          list(raw[key]).map((e) => e['symbolic_name']),
        );
    },
  );
});
