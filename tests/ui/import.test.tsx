// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { evaluate, exportThreatComposerJson, shippedLibrary } from '../../src/core/index';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

// Vitest runs from the repository root.
const fixture = (path: string) => readFileSync(`tests/fixtures/${path}`, 'utf8');

/** A small Threat Composer file: two threats, one with a linked mitigation. */
function threatComposerFile(): string {
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  return JSON.stringify({
    schema: 1,
    applicationInfo: { name: 'Composer app' },
    threats: [
      {
        id: id(1),
        numericId: 1,
        statement: 'An external actor can poison the retrieval index',
        status: 'threatIdentified',
        metadata: [{ key: 'Priority', value: 'High' }],
      },
      {
        id: id(2),
        numericId: 2,
        statement: 'An insider can exfiltrate prompts',
        status: 'threatIdentified',
      },
    ],
    mitigations: [
      { id: id(3), numericId: 1, content: 'Review sources before indexing', status: 'mitigationInProgress' },
    ],
    mitigationLinks: [{ mitigationId: id(3), linkedId: id(1) }],
  });
}

const open = async (setup: ReturnType<typeof renderApp>, name: string, text: string) => {
  setup.platform.nextFile = new File([text], name, { type: 'application/json' });
  await setup.user.click(screen.getByRole('button', { name: 'Open file…' }));
};

describe('importing other tools’ files', () => {
  it('opens a Threat Dragon v2 model as a new document and lists what could not be mapped', async () => {
    const setup = renderApp({ document: apiModel() });
    await open(setup, 'demo.json', fixture('threat-dragon/v2-threat-model.json'));
    const notes = await screen.findByRole('region', { name: 'Import notes' });
    expect(within(notes).getByText('Imported demo.json from Threat Dragon v2')).toBeTruthy();
    expect(notes.textContent).toContain('Boundary curves draw no area');
    expect(screen.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Demo Threat Model');
    expect(setup.store.getState().document.components).toHaveLength(7);
    // Its threats came along as threats of their elements.
    expect(setup.store.getState().document.userThreats.length).toBeGreaterThan(0);
    await setup.user.click(within(notes).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Import notes' })).toBeNull();
  });

  it('offers to open a Threat Composer file as a new model', async () => {
    const setup = renderApp({ document: apiModel() });
    await open(setup, 'app.tc.json', threatComposerFile());
    const dialog = await screen.findByRole('dialog', { name: 'Import app.tc.json' });
    expect(dialog.textContent).toContain('has 2 threats and no diagram');
    await setup.user.click(within(dialog).getByRole('button', { name: 'Open as a new model' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Composer app'),
    );
    const unplaced = screen.getByRole('list', { name: 'Unplaced threats' });
    expect(
      within(unplaced)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringContaining('An external actor can poison the retrieval index'),
      expect.stringContaining('An insider can exfiltrate prompts'),
    ]);
  });

  it('adds a Threat Composer file’s threats to the open model, unplaced until attached', async () => {
    const setup = renderApp({ document: apiModel() });
    const { user, store } = setup;
    await open(setup, 'app.tc.json', threatComposerFile());
    const dialog = await screen.findByRole('dialog', { name: 'Import app.tc.json' });
    await user.click(within(dialog).getByRole('button', { name: 'Add the threats to “Chat service”' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Chat service');
    expect(screen.getByRole('region', { name: 'Import notes' }).textContent).toContain(
      '2 threats were added',
    );
    const section = screen.getByRole('region', { name: 'Unplaced threats (2)' });
    expect(within(section).getByText(/Select a component or data flow/)).toBeTruthy();
    expect(
      within(section).getByRole('button', { name: 'Attach “An insider can exfiltrate prompts”' }),
    ).toHaveProperty('disabled', true);

    // Select the Chat API and attach the first threat to it: it becomes one of its findings.
    store.getState().select(['c-api']);
    const attach = await screen.findByRole('button', {
      name: 'Attach “An external actor can poison the retrieval index” to Chat API',
    });
    await user.click(attach);
    const panel = screen.getByRole('region', { name: 'Findings for Chat API' });
    const finding = within(panel).getByRole('button', {
      name: /An external actor can poison the retrieval index/,
    });
    expect(finding.textContent).toContain('high');
    expect(screen.getByRole('region', { name: 'Unplaced threats (1)' })).toBeTruthy();
    await user.click(finding);
    expect(
      within(panel).getByRole('combobox', { name: 'State of Review sources before indexing' }),
    ).toHaveProperty('value', 'planned');

    // A flow works as well; and the whole import is undoable.
    store.getState().select(['f-1']);
    await user.click(
      await screen.findByRole('button', { name: 'Attach “An insider can exfiltrate prompts” to questions' }),
    );
    expect(screen.queryByRole('region', { name: /Unplaced threats/ })).toBeNull();
    expect(store.getState().document.userThreats.map((t) => t.targetId)).toEqual(['c-api', 'f-1']);
    store.getState().undo();
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().document.userThreats).toEqual([]);
  });

  it('puts the threats of our own Threat Composer export back on their elements, once', async () => {
    const placed = {
      ...apiModel(),
      userThreats: [
        {
          id: 'ut-1',
          targetId: 'c-api',
          title: 'Scraping',
          severity: 'high' as const,
          status: 'open' as const,
        },
      ],
    };
    const library = shippedLibrary();
    const exported = exportThreatComposerJson(placed, evaluate(placed, library));
    const setup = renderApp({ document: apiModel() });
    await open(setup, 'ours.tc.json', exported);
    const dialog = await screen.findByRole('dialog', { name: 'Import ours.tc.json' });
    await setup.user.click(within(dialog).getByRole('button', { name: 'Add the threats to “Chat service”' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const notes = screen.getByRole('region', { name: 'Import notes' });
    expect(notes.textContent).toContain(
      'Imported ours.tc.json from Threat Composer workspace (schema 1), exported by this tool',
    );
    expect(notes.textContent).toContain('1 threat was placed back');
    // The user threat is on its element again; the rule findings came back as their triage.
    expect(setup.store.getState().document.userThreats).toEqual([
      expect.objectContaining({ id: 'ut-1', targetId: 'c-api' }),
    ]);
  });

  it('opens a Threat Composer file directly from the start screen', async () => {
    const setup = renderApp({ storage: null });
    setup.store.getState().update({ view: 'start' });
    await open(setup, 'app.tc.json', threatComposerFile());
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Composer app'),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it.each([
    [
      'a malformed Threat Dragon file',
      'td.json',
      fixture('threat-dragon/v2-malformed-new-model.json'),
      [
        'Could not open td.json (Threat Dragon v2). The current model is unchanged.',
        'td.json: $.summary.title: expected string (missing)',
        'td.json: $.summary.description: expected string, got number',
      ],
    ],
    [
      'a malformed Threat Composer file',
      'bad.tc.json',
      JSON.stringify({ schema: 1, threats: [{ id: 'x', numericId: 'one', statement: 7 }] }),
      ['Could not open bad.tc.json (Threat Composer)', 'bad.tc.json: $.threats[0].numericId'],
    ],
    [
      'an unknown JSON file',
      'other.json',
      JSON.stringify({ hello: 'world' }),
      [
        'Could not open other.json. The current model is unchanged.',
        'other.json: $: not a file this tool can read',
      ],
    ],
    [
      'a file with a prototype-polluting key',
      'evil.json',
      '{"format":"ai-threat-model","schemaVersion":1,"meta":{"title":"x"},"__proto__":{"polluted":true}}',
      ['Could not open evil.json', 'evil.json: $.__proto__'],
    ],
  ])('refuses %s, names the file and paths, and keeps the open model', async (_what, name, text, lines) => {
    const setup = renderApp({ document: apiModel() });
    const before = setup.store.getState().document;
    await open(setup, name, text);
    const alert = await screen.findByRole('alert');
    for (const line of lines) expect(alert.textContent).toContain(line);
    expect(setup.store.getState().document).toBe(before);
    expect(setup.store.getState().history.past).toEqual([]);
    expect(screen.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Chat service');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('opens a file dropped onto the window', async () => {
    const { container, store } = renderApp({ document: apiModel() });
    const file = new File([fixture('threat-dragon/three-tier-web-app.json')], 'three-tier.json');
    fireEvent.drop(container.querySelector('.app')!, { dataTransfer: { files: [file], types: ['Files'] } });
    await waitFor(() => expect(store.getState().document.meta.title).toBe('Three Tier Web Application'));
    expect(screen.getByRole('region', { name: 'Import notes' }).textContent).toContain(
      'Text annotations have no place in this model',
    );
  });

  it('refuses a dropped file over 64 MB without reading it', async () => {
    const { container, store } = renderApp({ document: apiModel() });
    const before = store.getState().document;
    const file = new File(['{}'], 'huge.json');
    Object.defineProperty(file, 'size', { value: 65 * 1024 * 1024 });
    fireEvent.drop(container.querySelector('.app')!, { dataTransfer: { files: [file], types: ['Files'] } });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not open huge.json: it is larger than 64 MB. The current model is unchanged.',
    );
    expect(store.getState().document).toBe(before);
  });
});
