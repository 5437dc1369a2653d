// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, shippedLibrary } from '../../src/core/index';
import { renderApp } from './helpers/renderApp';

// The credit-scoring example: its scores API has three findings with one root cause (returned
// scores), one of them already accepted in the file.
function scoringExample() {
  const library = shippedLibrary();
  const parsed = parseDocumentText(readFileSync('examples/ml-scoring-service.aitm.json', 'utf8'), {
    catalogue: library.catalogue,
  });
  if (!parsed.ok) throw new Error('example does not parse');
  return { library, document: parsed.value };
}

const EXTRACTION = 'rule.model-extraction.scores-api@c-scoring-api';
const INFERENCE = 'rule.membership-inference.scores-api@c-scoring-api';
const INVERSION = 'rule.model-inversion.exposed-trained-model@c-scoring-api';

describe('findings that share a root cause', () => {
  it('shows the root cause and its siblings, and opens a sibling on click', async () => {
    const { user, store } = renderApp(scoringExample());
    const panel = screen.getByRole('region', { name: 'All findings' });
    const summary = within(panel).getByRole('button', { name: /Model extraction through the inference API/ });
    expect(summary.textContent).toContain('1 of 3 · shared cause');
    expect(within(panel).queryByRole('button', { name: /Adversarial evasion.*shared cause/ })).toBeNull();
    await user.click(summary);

    const group = within(panel).getByRole('group', { name: 'Root cause: The API returns confidence scores' });
    expect(within(group).getByText(/Every score leaks a little/)).toBeTruthy();
    const siblings = within(within(group).getByRole('list', { name: 'Findings with the same root cause' }))
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(siblings).toEqual([
      'high Membership inference against training data — open',
      'high Model inversion and extraction of memorised training data — open',
    ]);
    await user.click(within(group).getByRole('button', { name: /Model inversion/ }));
    expect(store.getState().expandedFinding).toBe(INVERSION);
    expect(
      within(panel).getByRole('group', { name: 'Root cause: The API returns confidence scores' }).textContent,
    ).toContain('Membership inference against training data');
  });

  it('gives every finding of the group one status in one undo step, each under its own key', async () => {
    const { user, store } = renderApp(scoringExample());
    const panel = screen.getByRole('region', { name: 'All findings' });
    await user.click(
      within(panel).getByRole('button', { name: /Model extraction through the inference API/ }),
    );
    const group = within(panel).getByRole('group', { name: /^Root cause:/ });
    await user.click(within(group).getByRole('button', { name: 'Mark all 3 accepted' }));

    const triage = store.getState().document.triage;
    expect([triage[INFERENCE]?.status, triage[INVERSION]?.status]).toEqual(['accepted', 'accepted']);
    // The finding that was already accepted keeps its owner and note untouched.
    expect(triage[EXTRACTION]).toMatchObject({ status: 'accepted', owner: 'Head of Risk Analytics' });
    expect(within(group).getByRole('button', { name: 'Mark all 3 accepted' })).toHaveProperty(
      'disabled',
      true,
    );

    store.getState().undo();
    const after = store.getState().document.triage;
    expect([after[INFERENCE], after[INVERSION]]).toEqual([undefined, undefined]);
  });

  it('counts findings by root cause on the dashboard', async () => {
    const { user } = renderApp(scoringExample());
    await user.click(screen.getByRole('tab', { name: 'Dashboard' }));
    const table = await screen.findByRole('table', { name: 'Findings by root cause' });
    const row = within(table).getByRole('row', { name: /The API returns confidence scores/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Scoring API', '3', '2', 'high']);
    expect(screen.getByText(/3 findings come from 1 root cause:/)).toBeTruthy();
  });
});
