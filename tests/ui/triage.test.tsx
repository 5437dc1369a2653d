// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

describe('threat panel triage', () => {
  it('sets status, owner, note and mitigation state of a finding', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    const panel = screen.getByRole('region', { name: 'All findings' });
    await user.click(within(panel).getByRole('button', { name: /Unauthenticated model endpoint/ }));
    expect(within(panel).getByText(/Anyone who can reach the endpoint/)).toBeTruthy();

    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Triage status' }), 'accepted');
    await user.type(within(panel).getByRole('textbox', { name: 'Owner' }), 'Ana');
    await user.type(within(panel).getByRole('textbox', { name: 'Note' }), 'Internal only');
    await user.selectOptions(
      within(panel).getByRole('combobox', { name: 'State of Require authentication' }),
      'planned',
    );

    expect(
      within(panel).getByRole('button', { name: /Unauthenticated model endpoint.*accepted/ }),
    ).toBeTruthy();
    expect(store.getState().document.triage['rule.unauthenticated-endpoint@c-api']).toEqual({
      status: 'accepted',
      owner: 'Ana',
      note: 'Internal only',
      mitigations: { 'mitigation.require-authentication': 'planned' },
    });
    // Typing the owner is one undo step, not one per letter.
    store.getState().undo();
    expect(
      store.getState().document.triage['rule.unauthenticated-endpoint@c-api']?.mitigations,
    ).toBeUndefined();
  });

  it('links references to their public pages', async () => {
    const { user } = renderApp({ document: apiModel() });
    const panel = screen.getByRole('region', { name: 'All findings' });
    await user.click(within(panel).getByRole('button', { name: /Data flow in plain text/ }));
    const refs = within(panel).getByRole('list', { name: 'References' });
    const hrefs = within(refs)
      .getAllByRole('link')
      .map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      'https://www.ncsc.gov.uk/collection/guidelines-secure-ai-system-development/guidelines/secure-design',
      'https://www.ncsc.gov.uk/collection/guidelines-secure-ai-system-development/guidelines/secure-deployment',
      'https://atlas.mitre.org/techniques/AML.T0051.001',
      'https://genai.owasp.org/llmrisk/llm01-prompt-injection/',
      'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
      'https://saif.google/secure-ai-framework/risks#prompt-injection',
    ]);
  });

  it('filters all findings by severity, status, guideline and framework', async () => {
    const { user } = renderApp({ document: apiModel() });
    const panel = screen.getByRole('region', { name: 'All findings' });
    expect(within(panel).getAllByRole('button', { name: /Unauthenticated|plain text/ })).toHaveLength(2);
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Severity' }), 'critical');
    expect(within(panel).getAllByRole('button', { name: /Unauthenticated|plain text/ })).toHaveLength(1);
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Severity' }), 'all');
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Framework' }), 'owaspMl');
    expect(within(panel).getByRole('button', { name: /Unauthenticated/ })).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: /plain text/ })).toBeNull();
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Framework' }), 'owaspAgentic');
    expect(within(panel).getByRole('button', { name: /plain text/ })).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: /Unauthenticated/ })).toBeNull();
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Framework' }), 'all');
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Guideline' }), 'SD-3');
    expect(within(panel).queryByRole('button', { name: /Unauthenticated/ })).toBeNull();
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Status' }), 'mitigated');
    expect(within(panel).getByText('No finding matches these filters.')).toBeTruthy();
  });

  it('adds a threat by hand that behaves like a finding', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    store.getState().select(['c-user']);
    const panel = await screen.findByRole('region', { name: 'Findings for Customer' });
    await user.click(within(panel).getByRole('button', { name: '+ Add a threat by hand' }));
    await user.type(
      within(panel).getByRole('textbox', { name: 'Threat title' }),
      'Social engineering of support staff',
    );
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Severity' }), 'high');
    await user.type(within(panel).getByRole('textbox', { name: 'Mitigation (optional)' }), 'Staff training');
    await user.click(within(panel).getByRole('button', { name: 'Add threat' }));

    expect(within(panel).getByRole('button', { name: /Social engineering of support staff/ })).toBeTruthy();
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Triage status' }), 'mitigated');
    await user.selectOptions(
      within(panel).getByRole('combobox', { name: 'State of Staff training' }),
      'implemented',
    );
    expect(store.getState().document.userThreats).toEqual([
      {
        id: 'ut-1',
        targetId: 'c-user',
        title: 'Social engineering of support staff',
        severity: 'high',
        status: 'mitigated',
        mitigations: [{ title: 'Staff training', state: 'implemented' }],
      },
    ]);
    await user.click(within(panel).getByRole('button', { name: 'Delete this threat' }));
    expect(store.getState().document.userThreats).toEqual([]);
  });

  it('the dashboard counts findings and shows guideline coverage', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    await user.click(screen.getByRole('tab', { name: 'Dashboard' }));
    const table = await screen.findByRole('table', { name: 'Findings by severity and status' });
    const total = within(table).getByRole('row', { name: /^Total/ });
    expect(
      within(total)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '0', '0', '0', '2']);
    const dep1 = screen.getByText('DEP-1').closest('li')!;
    expect(within(dep1).getByText('missing')).toBeTruthy();
    store.getState().change((d) => ({
      ...d,
      triage: {
        'rule.unauthenticated-endpoint@c-api': {
          status: 'mitigated',
          mitigations: { 'mitigation.require-authentication': 'implemented' },
        },
        'rule.plaintext-flow@f-1': {
          status: 'open',
          mitigations: { 'mitigation.encrypt-in-transit': 'planned' },
        },
      },
    }));
    // One of DEP-1's two mitigations is implemented wherever it is needed, the other only planned.
    expect(
      await within(screen.getByText('DEP-1').closest('li')!).findByText('partly implemented'),
    ).toBeTruthy();
  });
});
