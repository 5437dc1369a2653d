// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

/**
 * The left panel is narrow (about 240 px at 1024 px wide) and cuts long labels with an ellipsis:
 * the full label must still reach the user, as the row's accessible name and its tooltip.
 */
const LONG = 'Customer-facing inference API behind the regional gateway, fine-tuned on support tickets';

function longLabelModel() {
  const doc = apiModel();
  doc.components.find((c) => c.id === 'c-api')!.label = LONG;
  return doc;
}

describe('outline labels in a narrow panel', () => {
  it('names each row by its full label and shows it as a tooltip', async () => {
    const { user } = renderApp({ document: longLabelModel() });
    await user.click(screen.getByRole('tab', { name: 'Outline' }));
    const outline = screen.getByRole('navigation', { name: 'Model outline' });

    const row = within(outline).getByRole('button', { name: LONG });
    expect(row.getAttribute('title')).toBe(LONG);
    // Named by its visible text, so the name holds what is seen (WCAG 2.5.3): the open-findings
    // badge is beside the button, not in it.
    expect(row.hasAttribute('aria-label')).toBe(false);
    expect(row.querySelector('.badge')).toBeNull();
    // The flow's name is built from its ends: also in full, and not lengthened by a badge.
    const flow = within(outline).getByRole('button', { name: `Customer → ${LONG}: questions` });
    expect(flow.getAttribute('title')).toBe(`Customer → ${LONG}: questions`);
    expect(within(outline).getByRole('button', { name: 'Cloud (internal)' })).toBeTruthy();
  });

  it('tells the open findings as the row description, not in its name', async () => {
    const { user } = renderApp({ document: longLabelModel() });
    await user.click(screen.getByRole('tab', { name: 'Outline' }));
    const outline = screen.getByRole('navigation', { name: 'Model outline' });
    const row = within(outline).getByRole('button', { name: LONG });
    const described = document.getElementById(row.getAttribute('aria-describedby')!);
    expect(described?.querySelector('[aria-label]')?.getAttribute('aria-label')).toMatch(
      /^\d+ open findings?, highest severity \w+$/,
    );
    // Chromium reads the badge's label as the description (checked in outlineLabels.e2e.test.ts).
  });
});
