// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiModel } from '../support/modelBuilders';
import { componentChoices } from '../../src/ui/inspector/componentChoices';
import { renderApp } from './helpers/renderApp';

const findingsPanel = () => screen.getByRole('region', { name: /Findings for|All findings/ });

describe('inspector', () => {
  it('a property change makes a finding disappear and reappear at once', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    store.getState().select(['c-api']);
    const inspector = await screen.findByRole('region', { name: 'Inspector' });
    expect(
      within(findingsPanel()).getByRole('button', { name: /Unauthenticated model endpoint/ }),
    ).toBeTruthy();

    await user.click(within(inspector).getByRole('checkbox', { name: 'Authenticated' }));
    expect(
      within(findingsPanel()).queryByRole('button', { name: /Unauthenticated model endpoint/ }),
    ).toBeNull();
    expect(within(findingsPanel()).getByText('No findings for this selection.')).toBeTruthy();

    await user.click(within(inspector).getByRole('checkbox', { name: 'Authenticated' }));
    expect(
      within(findingsPanel()).getByRole('button', { name: /Unauthenticated model endpoint/ }),
    ).toBeTruthy();
  });

  it('shows the type’s declared properties as typed controls', async () => {
    const { store } = renderApp({ document: apiModel() });
    store.getState().select(['c-api']);
    const inspector = await screen.findByRole('region', { name: 'Inspector' });
    const exposure = within(inspector).getByRole('combobox', { name: 'Exposure' }) as HTMLSelectElement;
    expect([...exposure.options].map((o) => o.value)).toEqual(['internet', 'internal']);
    expect(within(inspector).getByRole('checkbox', { name: 'Rate limited' })).toBeTruthy();
    expect(within(inspector).getByRole('combobox', { name: 'Trust boundary' })).toHaveProperty(
      'value',
      'tb-cloud',
    );
  });

  it('edits data flow properties and their findings follow', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    store.getState().select(['f-1']);
    const inspector = await screen.findByRole('region', { name: 'Inspector' });
    expect(within(findingsPanel()).getByRole('button', { name: /Data flow in plain text/ })).toBeTruthy();
    await user.click(within(inspector).getByRole('checkbox', { name: 'Encrypted in transit' }));
    expect(within(findingsPanel()).queryByRole('button', { name: /Data flow in plain text/ })).toBeNull();
    await user.click(within(inspector).getByRole('checkbox', { name: 'personal data' }));
    await user.type(within(inspector).getByRole('textbox', { name: 'Protocol' }), 'HTTPS');
    expect(store.getState().document.dataFlows[0]!.props).toEqual({
      encrypted: true,
      data: ['personal-data'],
      protocol: 'HTTPS',
    });
  });

  it('changes a boundary’s zone', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    store.getState().select(['tb-cloud']);
    const inspector = await screen.findByRole('region', { name: 'Inspector' });
    await user.selectOptions(within(inspector).getByRole('combobox', { name: 'Zone' }), 'restricted');
    expect(store.getState().document.trustBoundaries[0]!.zone).toBe('restricted');
  });

  it('connects components without the canvas', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    store.getState().select(['c-api']);
    const inspector = await screen.findByRole('region', { name: 'Inspector' });
    await user.selectOptions(
      within(inspector).getByRole('combobox', { name: 'Add a data flow to' }),
      'c-user',
    );
    await user.click(within(inspector).getByRole('button', { name: 'Connect' }));
    expect(store.getState().document.dataFlows.map((f) => `${f.sourceId}->${f.targetId}`)).toEqual([
      'c-user->c-api',
      'c-api->c-user',
    ]);
  });

  it('lists the other components by name, a renamed one under its new name, never the source itself', () => {
    const { store } = renderApp({ document: apiModel() });
    act(() => store.getState().select(['c-api']));
    const inspector = screen.getByRole('region', { name: 'Inspector' });
    const options = () =>
      within(within(inspector).getByRole('combobox', { name: 'Add a data flow to' }))
        .getAllByRole('option')
        .map((o) => o.textContent);
    const before = options();
    expect(before).not.toContain('Chat API');
    act(() =>
      store.getState().change((d) => ({
        ...d,
        components: d.components.map((c) => (c.id === 'c-user' ? { ...c, label: 'Analyst' } : c)),
      })),
    );
    expect(options()).toEqual(before.map((name) => (name === before[1] ? 'Analyst' : name)));
  });
});

describe('component choices', () => {
  it('stay the same list through a property edit, and change with a name', () => {
    const doc = apiModel();
    const first = componentChoices(doc.components);
    const edited = doc.components.map((c, i) => (i === 0 ? { ...c, props: { ...c.props, x: true } } : c));
    expect(componentChoices(edited)).toBe(first);
    const renamed = edited.map((c, i) => (i === 0 ? { ...c, label: 'Someone else' } : c));
    const next = componentChoices(renamed);
    expect(next).not.toBe(first);
    expect(next[0]).toEqual({ id: renamed[0]!.id, name: 'Someone else' });
  });
});
