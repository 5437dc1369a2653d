// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/ui/commands/commandRegistry';
import { shortcutLabel } from '../../src/ui/commands/shortcuts';
import { shortcutSections } from '../../src/ui/dialogs/shortcutSections';
import { REVIEW_KEYS } from '../../src/ui/review/reviewKeys';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

/** Issue 12, point 8: the smaller defects of the editor, each as the user meets it. */

const allFindings = () => screen.getByRole('region', { name: 'All findings' });

describe('inspector scroll', () => {
  it('starts at the top, on the element’s name, whenever the selection changes', () => {
    const { store } = renderApp({ document: apiModel() });
    act(() => store.getState().select(['c-user']));
    const inspector = screen.getByRole('region', { name: 'Inspector' });
    inspector.scrollTop = 240;
    fireEvent.scroll(inspector); // what a browser sends after the user scrolls
    act(() => store.getState().select(['c-api']));
    expect(within(inspector).getByRole('textbox', { name: 'Label' })).toHaveProperty('value', 'Chat API');
    expect(inspector.scrollTop).toBe(0);
  });

  it('keeps its place while the same element is edited', () => {
    const { store } = renderApp({ document: apiModel() });
    act(() => store.getState().select(['c-api']));
    const inspector = screen.getByRole('region', { name: 'Inspector' });
    inspector.scrollTop = 240;
    act(() => store.getState().change((d) => ({ ...d, meta: { ...d.meta, title: 'Renamed' } })));
    expect(inspector.scrollTop).toBe(240);
  });
});

describe('finding explanations', () => {
  it('name assumed defaults by their inspector label, not their fact key', async () => {
    const { user } = renderApp({ document: apiModel() });
    await user.click(within(allFindings()).getByRole('button', { name: /Unauthenticated model endpoint/ }));
    const card = within(allFindings()).getByText(/rests on default values/);
    expect(card.textContent).toContain('rests on default values of Authenticated');
    expect(card.textContent).not.toMatch(/prop\./);
  });

  it('show the ATLAS technique’s name beside its id', async () => {
    const { user } = renderApp({ document: apiModel() });
    await user.click(within(allFindings()).getByRole('button', { name: /Unauthenticated model endpoint/ }));
    const link = within(allFindings()).getByRole('link', { name: 'AML.T0040' });
    expect(link.closest('li')!.textContent).toBe('AML.T0040 AI Model Inference API Access');
  });

  it('rate a threat added by hand by the severity its author chose, with no made-up likelihood', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    act(() => store.getState().select(['c-api']));
    const panel = screen.getByRole('region', { name: 'Findings for Chat API' });
    await user.click(within(panel).getByRole('button', { name: '+ Add a threat by hand' }));
    await user.type(within(panel).getByRole('textbox', { name: 'Threat title' }), 'Insider abuse');
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Severity' }), 'high');
    await user.click(within(panel).getByRole('button', { name: 'Add threat' }));
    const rating = within(panel).getByText(/set by its author/);
    expect(rating.textContent).toBe(
      'Added by hand · severity high, set by its author (no likelihood or impact rated)',
    );
    expect(within(panel).queryByText(/likelihood medium/i)).toBeNull();
  });
});

describe('dashboard guideline coverage', () => {
  it('calls a mitigation done for some findings partly implemented, not planned', async () => {
    const doc = apiModel();
    // Two plain-text flows; encryption is implemented on one of them only.
    doc.dataFlows.push({
      ...doc.dataFlows[0]!,
      id: 'f-2',
      label: 'answers',
      sourceId: 'c-api',
      targetId: 'c-user',
    });
    doc.triage = {
      'rule.plaintext-flow@f-1': {
        status: 'open',
        mitigations: { 'mitigation.encrypt-in-transit': 'implemented' },
      },
    };
    const { user } = renderApp({ document: doc });
    await user.click(screen.getByRole('tab', { name: 'Dashboard' }));
    const sd3 = (await screen.findByText('SD-3')).closest('li')!;
    expect(within(sd3).getByText('partly implemented')).toBeTruthy();
    expect(within(sd3).queryByText('planned')).toBeNull();
    expect(sd3.textContent).toContain(
      '0 of 1 implemented everywhere; Encrypt in transit implemented in 1 of 2 findings',
    );
  });

  it('still says planned when nothing is implemented yet', async () => {
    const doc = apiModel();
    doc.triage = {
      'rule.plaintext-flow@f-1': {
        status: 'open',
        mitigations: { 'mitigation.encrypt-in-transit': 'planned' },
      },
    };
    const { user } = renderApp({ document: doc });
    await user.click(screen.getByRole('tab', { name: 'Dashboard' }));
    const sd3 = (await screen.findByText('SD-3')).closest('li')!;
    expect(within(sd3).getByText('planned')).toBeTruthy();
  });
});

describe('keyboard shortcuts dialog', () => {
  const sections = shortcutSections(COMMANDS);
  const sectionOf = (label: string) =>
    sections.filter((s) => s.rows.some((r) => r.label === label)).map((s) => s.title);

  it('has no empty section', () => {
    expect(sections.length).toBeGreaterThan(0);
    for (const s of sections) expect(s.rows.length, s.title).toBeGreaterThan(0);
    expect(sections.map((s) => s.title)).not.toContain('Export');
  });

  it('files every shortcut once, in the section of what it acts on', () => {
    for (const c of COMMANDS.filter((c) => c.shortcuts.length > 0)) {
      const expected = c.id === 'help' || c.id === 'escape' ? 'General' : c.group;
      expect(sectionOf(c.label), c.id).toEqual([expected]);
      const row = sections.flatMap((s) => s.rows).find((r) => r.label === c.label)!;
      expect(row.keys).toEqual(c.shortcuts.map(shortcutLabel));
    }
    expect(sectionOf('Move selected components')).toEqual(['Edit']);
    for (const [, what] of REVIEW_KEYS) expect(sectionOf(what)).toEqual(['Review']);
  });

  it('renders those sections as tables', async () => {
    const { user } = renderApp({ document: apiModel() });
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const tables = within(dialog).getAllByRole('table');
    expect(tables.map((t) => t.querySelector('caption')!.textContent)).toEqual(sections.map((s) => s.title));
    for (const t of tables) expect(within(t).getAllByRole('row').length).toBeGreaterThan(0);
  });
});

describe('triage of removed elements', () => {
  const triaged = () => {
    const doc = apiModel();
    doc.triage = {
      'rule.unauthenticated-endpoint@c-api': { status: 'accepted', owner: 'Ana', note: 'Internal only' },
    };
    return doc;
  };

  it('is listed with finding, status, owner and note once its element is deleted', () => {
    const { store } = renderApp({ document: triaged() });
    expect(screen.queryByRole('region', { name: /Triage of removed elements/ })).toBeNull();
    act(() => {
      store.getState().select(['c-api']);
    });
    act(() => {
      store.getState().change((d) => ({
        ...d,
        components: d.components.filter((c) => c.id !== 'c-api'),
        dataFlows: [],
      }));
      store.getState().select([]);
    });
    const section = screen.getByRole('region', { name: 'Triage of removed elements (1)' });
    const item = within(section).getByRole('listitem');
    expect(item.textContent).toContain('Unauthenticated model endpoint');
    expect(item.textContent).toContain('on c-api, which was removed');
    expect(item.textContent).toContain('accepted');
    expect(item.textContent).toContain('Owner: Ana');
    expect(item.textContent).toContain('Note: Internal only');
  });

  it('can be discarded, and the discard undone', async () => {
    const doc = triaged();
    doc.components = doc.components.filter((c) => c.id !== 'c-api');
    doc.dataFlows = [];
    doc.trustBoundaries = [];
    const { store, user } = renderApp({ document: doc });
    const section = screen.getByRole('region', { name: 'Triage of removed elements (1)' });
    await user.click(
      within(section).getByRole('button', { name: /Discard triage of “Unauthenticated model endpoint”/ }),
    );
    expect(store.getState().document.triage).toEqual({});
    expect(screen.queryByRole('region', { name: /Triage of removed elements/ })).toBeNull();
    act(() => store.getState().undo());
    expect(store.getState().document.triage['rule.unauthenticated-endpoint@c-api']?.owner).toBe('Ana');
    expect(screen.getByRole('region', { name: 'Triage of removed elements (1)' })).toBeTruthy();
  });
});
