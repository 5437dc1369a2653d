// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './helpers/renderApp';

describe('palette', () => {
  it('lists component types by lifecycle stage and filters them by search', async () => {
    const { user } = renderApp();
    const palette = screen.getByRole('navigation', { name: 'Component palette' });
    for (const stage of ['Data', 'Training', 'Models', 'Serving', 'Agents', 'Operations', 'Generic']) {
      expect(within(palette).getByRole('heading', { name: stage })).toBeTruthy();
    }
    await user.type(within(palette).getByLabelText('Search components'), 'vector');
    expect(within(palette).getByRole('button', { name: 'Add Vector store' })).toBeTruthy();
    expect(within(palette).queryByRole('button', { name: 'Add Agent' })).toBeNull();
  });

  it('shows the identity provider, edge device and code interpreter in their stages, with icons', async () => {
    const { user, store } = renderApp();
    const palette = screen.getByRole('navigation', { name: 'Component palette' });
    for (const [stage, name] of [
      ['Generic', 'Identity provider'],
      ['Serving', 'Edge device'],
      ['Agents', 'Code interpreter'],
    ] as const) {
      const group = within(palette).getByRole('region', { name: stage });
      const button = within(group).getByRole('button', { name: `Add ${name}` });
      const icon = button.querySelector('.palette-icon');
      const type = store.getState().library.catalogue.types.get(button.getAttribute('data-type-id')!)!;
      expect(icon?.getAttribute('aria-hidden')).toBe('true');
      // A line icon drawn in SVG, the type's own (not the fallback for rule-pack types), no emoji.
      expect(icon?.tagName.toLowerCase()).toBe('svg');
      expect(icon?.classList.contains('lucide-blocks')).toBe(false);
      expect(icon?.textContent).toBe('');
      expect(type.icon.length).toBeGreaterThan(0);
      await user.click(button);
    }
    expect(store.getState().document.components.map((c) => c.type)).toEqual([
      'identity-provider',
      'edge-device',
      'code-interpreter',
    ]);
  });

  it('adds a component on click, selects it and shows its findings', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Add Inference API' }));
    const inspector = screen.getByRole('region', { name: 'Inspector' });
    expect(within(inspector).getByLabelText('Label')).toHaveProperty('value', 'Inference API');
    const panel = screen.getByRole('region', { name: /Findings for Inference API/ });
    expect(within(panel).getByRole('button', { name: /Unauthenticated model endpoint/ })).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Outline' }));
    expect(screen.getByRole('button', { name: /Inference API/, pressed: true })).toBeTruthy();
  });

  it('adds a trust boundary that then lists in the outline', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Trust boundary' }));
    await user.click(screen.getByRole('tab', { name: 'Outline' }));
    expect(screen.getByRole('button', { name: /Trust boundary 1 \(internal\)/ })).toBeTruthy();
  });
});
