import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { download, exportFile, openFile, storedDocuments } from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/** No data loss: bad files, full storage, two tabs, and rule packs kept across reloads. */
describeInBrowser('data safety in Chromium', () => {
  const title = (page: Page) => page.getByRole('textbox', { name: 'Model title' });

  browserTest('a bad file leaves the open model untouched', async ({ page }) => {
    await page.getByRole('button', { name: 'Blank model' }).click();
    await page.getByRole('button', { name: 'Add User' }).click();
    await title(page).fill('Keep me');
    const before = await exportFile(page, 'Model (.aitm.json)');
    await openFile(page, 'cut.tc.json', '{"schema": 1, "threats": [');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/cut\.tc\.json: \$: not valid JSON at line 1/);
    const after = await exportFile(page, 'Model (.aitm.json)');
    expect(after.text).toBe(before.text);
    expect(JSON.parse(after.text).meta.title).toBe('Keep me');
  });

  browserTest(
    'a change is kept when the page is reloaded or closed right after it',
    async ({ context, page }) => {
      const nodes = (p: Page) => p.locator('.react-flow__node-component');
      const pendingKeys = (p: Page) =>
        p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('aitm.pendingSave')));
      // Within the autosave delay, before the background write could start: a new document…
      await page.getByRole('button', { name: 'Blank model' }).click();
      await page.getByRole('button', { name: 'Add User' }).click();
      await title(page).fill('Quick');
      await page.reload();
      await expect.poll(() => title(page).inputValue()).toBe('Quick');
      await expect.poll(() => nodes(page).count()).toBe(1);
      await expect.poll(() => pendingKeys(page)).toEqual([]);
      // …and one more change to a document already written, then the tab closed.
      await expect.poll(async () => (await storedDocuments(page))[0]?.title).toBe('Quick');
      await page.getByRole('button', { name: 'Add Inference API' }).click();
      await page.close({ runBeforeUnload: true });
      const again = await context.newPage();
      await again.goto(page.url());
      await expect.poll(() => title(again).inputValue()).toBe('Quick');
      await expect.poll(() => nodes(again).count()).toBe(2);
      expect((await storedDocuments(again)).map((d) => d.title)).toEqual(['Quick']);
      await expect.poll(() => pendingKeys(again)).toEqual([]);
    },
  );

  browserTest('a full storage shows a warning and the document can still be downloaded', async ({ page }) => {
    // The document library lives in IndexedDB: make every write fail as a full disk does.
    await page.addInitScript(() => {
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.reload();
    await page.getByRole('button', { name: 'Blank model' }).click();
    await page.getByRole('button', { name: 'Add Inference API' }).click();
    const warning = page.getByRole('status').filter({ hasText: 'Autosave failed' });
    await expect.poll(() => warning.textContent()).toContain('the browser storage is full');
    expect(await page.evaluate(() => localStorage.getItem('aitm.autosave.v1'))).toBeNull();

    const copy = await download(page, () => warning.getByRole('button', { name: 'Download a copy' }).click());
    expect(copy.name).toBe('untitled-model.aitm.json');
    expect(JSON.parse(copy.text).components).toEqual([expect.objectContaining({ type: 'inference-api' })]);
  });

  browserTest(
    'the same model in two tabs: no silent overwrite, the stale tab is warned and chooses',
    async ({ harness, context }) => {
      // Both tabs show the one document of the library (a new tab opens the newest).
      const stored = async (page: Page) => {
        const documents = await storedDocuments(page);
        return documents.length === 1 ? documents[0]!.title : null;
      };
      const conflict = (page: Page) => page.getByRole('alert', { name: 'Autosave conflict' });

      const a = await context.newPage();
      await a.goto(harness.server.url);
      await a.getByRole('button', { name: 'Blank model' }).click();
      await a.getByRole('button', { name: 'Add User' }).click();
      await title(a).fill('Version A');
      await expect.poll(() => stored(a)).toBe('Version A');

      const b = await context.newPage();
      await b.goto(harness.server.url);
      await expect.poll(() => title(b).inputValue()).toBe('Version A');

      await title(a).fill('Version A2');
      await expect.poll(() => stored(a)).toBe('Version A2');
      await expect.poll(() => conflict(b).textContent()).toContain('This model was changed in another tab');
      expect(await conflict(a).count()).toBe(0);

      // B's edit is not autosaved over A's newer version.
      await title(b).fill('Version B');
      await b.waitForTimeout(800);
      expect(await stored(b)).toBe('Version A2');

      await conflict(b).getByRole('button', { name: 'Reload the newer version' }).click();
      await expect.poll(() => title(b).inputValue()).toBe('Version A2');
      await expect.poll(() => conflict(b).count()).toBe(0);

      // Now B saves; A is the stale one, and keeps its own version on purpose.
      await title(b).fill('Version B2');
      await expect.poll(() => stored(b)).toBe('Version B2');
      await expect.poll(() => conflict(a).count()).toBe(1);
      await conflict(a).getByRole('button', { name: 'Keep mine' }).click();
      await expect.poll(() => stored(a)).toBe('Version A2');
      await expect.poll(() => conflict(b).count()).toBe(1);
    },
  );

  browserTest(
    'a custom rule pack: refused with its problems, or used at once, kept across a reload, removable',
    async ({ page }) => {
      const pack = {
        name: 'Acme rules',
        threats: [
          {
            id: 'threat.acme-phishing',
            title: 'Acme: users can be phished',
            description: 'Credentials can be stolen from users.',
            likelihood: 'medium',
            impact: 'high',
            references: { guidelines: ['DEP-1'] },
            mitigations: [],
          },
        ],
        rules: [
          { id: 'rule.acme-phishing', threat: 'threat.acme-phishing', target: 'component', types: ['user'] },
        ],
      };
      await page.getByRole('button', { name: 'Blank model' }).click();
      await page.getByRole('button', { name: 'Add User' }).click();
      const acme = page
        .getByRole('region', { name: 'Findings for User' })
        .getByRole('button', { name: /Acme: users/ });
      expect(await acme.count()).toBe(0);

      const addPack = async (name: string, content: unknown) => {
        await page.getByRole('button', { name: 'Threat library and rule packs' }).click();
        const dialog = page.getByRole('dialog', { name: 'Threat library' });
        const [chooser] = await Promise.all([
          page.waitForEvent('filechooser'),
          dialog.getByRole('button', { name: 'Add a rule pack…' }).click(),
        ]);
        await chooser.setFiles({
          name,
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(content)),
        });
        return dialog;
      };

      const bad = await addPack('bad.json', {
        ...pack,
        rules: [{ ...pack.rules[0], when: { fact: 'nope', op: 'eq' } }],
      });
      await expect.poll(() => bad.getByRole('alert').textContent()).toContain('bad.json: $.rules[0].when');
      await bad.getByRole('button', { name: 'Close' }).click();
      expect(await acme.count()).toBe(0);

      const good = await addPack('acme.json', pack);
      await expect
        .poll(() => good.getByRole('status').textContent())
        .toBe(
          // The threat cites DEP-1 with no mitigation implementing it: used, with a warning.
          'Loaded Acme rules: adds 1 threat, 1 rule. One warning for its author, listed with the pack.',
        );
      expect(await good.getByRole('group', { name: 'Warnings for Acme rules' }).textContent()).toContain(
        'acme.json: $.threats[0].references.guidelines[0]: warning: guideline "DEP-1" is cited',
      );
      await good.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => acme.count()).toBe(1);

      await page.reload();
      await page.locator('.react-flow__node-component .component-label').click();
      await expect.poll(() => acme.count()).toBe(1);

      await page.getByRole('button', { name: 'Threat library and rule packs' }).click();
      const dialog = page.getByRole('dialog', { name: 'Threat library' });
      await dialog.getByRole('button', { name: 'Remove Acme rules' }).click();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => acme.count()).toBe(0);
    },
  );
});
