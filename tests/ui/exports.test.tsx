// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  evaluate,
  exportFindingsCsv,
  exportMarkdownReport,
  exportOtmJson,
  exportTmBomJson,
  renameDocument,
  serialiseDocument,
} from '../../src/core/index';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';
import { testLibrary } from './helpers/testLibrary';

const exportVia = async (setup: ReturnType<typeof renderApp>, item: string) => {
  await setup.user.click(screen.getByRole('button', { name: 'Export' }));
  const menu = screen.getByRole('menu', { name: 'Export' });
  await setup.user.click(within(menu).getByRole('menuitem', { name: item }));
  expect(screen.queryByRole('menu')).toBeNull();
};

describe('export menu', () => {
  it('lists every export and downloads each through its core function, named after the title', async () => {
    const doc = renameDocument(apiModel(), 'Chat service: prod / EU');
    const setup = renderApp({ document: doc });
    const findings = evaluate(doc, testLibrary());

    await setup.user.click(screen.getByRole('button', { name: 'Export' }));
    expect(
      within(screen.getByRole('menu', { name: 'Export' }))
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Model (.aitm.json)',
      'JSON report',
      'Markdown report',
      'Threat Dragon JSON',
      'Threat Composer JSON',
      'Open Threat Model (OTM)',
      'TM-BOM JSON',
      'Findings as CSV',
      'Diagram as SVG',
      'Diagram as PNG',
    ]);
    await setup.user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Export' }));

    for (const item of [
      'Model (.aitm.json)',
      'JSON report',
      'Markdown report',
      'Threat Dragon JSON',
      'Threat Composer JSON',
      'Open Threat Model (OTM)',
      'TM-BOM JSON',
      'Findings as CSV',
    ])
      await exportVia(setup, item);
    await waitForDownloads(setup.downloads, 8);
    const [model, json, markdown, dragon, composer, otm, tmBom, csv] = setup.downloads;
    expect(setup.downloads.map((d) => d.fileName)).toEqual([
      'chat-service-prod-eu.aitm.json',
      'chat-service-prod-eu.report.json',
      'chat-service-prod-eu.report.md',
      'chat-service-prod-eu.threat-dragon.json',
      'chat-service-prod-eu.tc.json',
      'chat-service-prod-eu.otm.json',
      'chat-service-prod-eu.tmbom.json',
      'chat-service-prod-eu.findings.csv',
    ]);
    expect(model!.text).toBe(serialiseDocument(doc));
    expect(JSON.parse(json!.text)).toMatchObject({ format: 'ai-threat-model-report' });
    expect(markdown!.text).toBe(exportMarkdownReport(doc, testLibrary()));
    const td = JSON.parse(dragon!.text);
    expect(td.summary.title).toBe('Chat service: prod / EU');
    expect(JSON.stringify(td)).toContain('Unauthenticated model endpoint');
    const tc = JSON.parse(composer!.text);
    expect(tc.schema).toBe(1);
    expect(tc.threats.map((t: { statement: string }) => t.statement).join('\n')).toContain(
      'Unauthenticated model endpoint',
    );
    expect(otm!.text).toBe(exportOtmJson(doc, findings));
    expect(JSON.parse(otm!.text).otmVersion).toBe('0.2.0');
    expect(tmBom!.text).toBe(exportTmBomJson(doc, findings));
    expect(csv!.text).toBe(exportFindingsCsv(findings));
    expect(csv!.text.split(/\r?\n/)[0]).toContain(CSV_COLUMNS[0]);
    expect(csv!.mimeType).toBe('text/csv');
  });

  it('exports the diagram as SVG text and PNG data URL from the canvas', async () => {
    const setup = renderApp({ document: apiModel() });
    const asked: string[] = [];
    setup.services.canvas.current = {
      ...setup.services.canvas.current!,
      toImage: async (format) => {
        asked.push(format);
        return format === 'svg' ? '<svg xmlns="http://www.w3.org/2000/svg"/>' : 'data:image/png;base64,AAAA';
      },
    };
    await exportVia(setup, 'Diagram as SVG');
    await exportVia(setup, 'Diagram as PNG');
    await waitForDownloads(setup.downloads, 2);
    expect(asked).toEqual(['svg', 'png']);
    expect(setup.downloads).toEqual([
      {
        fileName: 'chat-service.svg',
        text: '<svg xmlns="http://www.w3.org/2000/svg"/>',
        mimeType: 'image/svg+xml',
      },
      { fileName: 'chat-service.png', text: 'data:image/png;base64,AAAA', mimeType: 'url' },
    ]);
  });

  it('a failed image export says why', async () => {
    const setup = renderApp({ document: apiModel() });
    setup.services.canvas.current = {
      ...setup.services.canvas.current!,
      toImage: async () => {
        throw new Error('the diagram is empty');
      },
    };
    await exportVia(setup, 'Diagram as PNG');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not export the diagram: the diagram is empty',
    );
    expect(setup.downloads).toEqual([]);
  });

  it('exports are disabled on the start screen', async () => {
    const setup = renderApp({ storage: null });
    setup.store.getState().update({ view: 'start' });
    await setup.user.click(await screen.findByRole('button', { name: 'Export' }));
    const items = within(screen.getByRole('menu')).getAllByRole('menuitem');
    expect(items.every((item) => (item as HTMLButtonElement).disabled)).toBe(true);
  });
});

/** Exports load their module on demand, so the download lands a moment after the click. */
async function waitForDownloads(downloads: unknown[], count: number) {
  for (let i = 0; i < 100 && downloads.length < count; i++) await new Promise((r) => setTimeout(r, 10));
  expect(downloads).toHaveLength(count);
}
