// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FLOW_KINDS, loadLibrary, type Library } from '../../src/core/index';
import { apiModel, component, model } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';
import { testLibrary } from './helpers/testLibrary';

const findingsPanel = () => screen.getByRole('region', { name: /Findings for|All findings/ });
const inspector = () => screen.findByRole('region', { name: 'Inspector' });
const undo = () => screen.getByRole('button', { name: 'Undo' });

/** The test library plus one rule that, like the shipped transport rules, leaves local flows out. */
function libraryWithLocalRule(): Library {
  const base = testLibrary();
  const result = loadLibrary(
    [
      {
        path: 'tests/ui/local-rule.json',
        content: {
          threats: [
            {
              id: 'threat.flow-leaves-device',
              title: 'Flow leaves the device unprotected',
              description: 'Traffic that leaves the device can be read on the network.',
              likelihood: 'medium',
              impact: 'medium',
              references: { guidelines: ['DEP-1'] },
              mitigations: ['mitigation.encrypt-in-transit'],
            },
          ],
          rules: [
            {
              id: 'rule.flow-leaves-device',
              threat: 'threat.flow-leaves-device',
              target: 'dataFlow',
              when: { fact: 'local', op: 'eq', value: false },
            },
          ],
        },
      },
    ],
    { base },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('flow inspector: kind and local', () => {
  it('offers every flow kind with what it means, sets and clears it, and undoes the change', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    store.getState().select(['f-1']);
    const panel = await inspector();
    const kind = within(panel).getByRole('combobox', { name: 'Kind' }) as HTMLSelectElement;
    expect([...kind.options].map((o) => o.value)).toEqual(['', ...FLOW_KINDS]);
    expect(kind.value).toBe('');
    // Each option says what the kind means, not only its id.
    for (const option of [...kind.options].slice(1))
      expect(option.textContent!.length).toBeGreaterThan(option.value.length + 10);
    const help = () => document.getElementById(kind.getAttribute('aria-describedby')!)!.textContent;
    expect(help()).toMatch(/Not set, it counts as carrying prompts and content/);

    await user.selectOptions(kind, 'query');
    expect(store.getState().document.dataFlows[0]!.props).toEqual({ kind: 'query' });
    // The help explains the kind chosen.
    expect(help()).toMatch(/^A look-up .*nothing untrusted travels on through the target\.$/);
    await user.selectOptions(kind, 'invoke');
    expect(store.getState().document.dataFlows[0]!.props).toEqual({ kind: 'invoke' });
    // "Not set" removes the field rather than writing an empty kind.
    await user.selectOptions(kind, '');
    expect(store.getState().document.dataFlows[0]!.props).toBeUndefined();

    // Changes to one field within a moment are one undo step (as typing is); another field is another.
    await user.selectOptions(kind, 'write');
    await user.type(within(panel).getByRole('textbox', { name: 'Label' }), ' asked');
    await user.click(undo());
    expect(store.getState().document.dataFlows[0]!.label).toBe('questions');
    expect(store.getState().document.dataFlows[0]!.props).toEqual({ kind: 'write' });
    await user.click(undo());
    expect(store.getState().document.dataFlows[0]!.props).toBeUndefined();
    expect(kind.value).toBe('');
  });

  it('marks a flow local, so rules that skip local flows stop firing, and undoes it', async () => {
    const { user, store } = renderApp({ document: apiModel(), library: libraryWithLocalRule() });
    store.getState().select(['f-1']);
    const panel = await inspector();
    const title = /Flow leaves the device unprotected/;
    expect(within(findingsPanel()).getByRole('button', { name: title })).toBeTruthy();

    const local = within(panel).getByRole('checkbox', { name: 'Local (never leaves one device)' });
    expect(document.getElementById(local.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /encryption and authentication in transit do not apply/,
    );
    await user.click(local);
    expect(store.getState().document.dataFlows[0]!.props).toEqual({ local: true });
    expect(within(findingsPanel()).queryByRole('button', { name: title })).toBeNull();

    await user.click(undo());
    expect(store.getState().document.dataFlows[0]!.props).toBeUndefined();
    expect(within(findingsPanel()).getByRole('button', { name: title })).toBeTruthy();
    await user.click(undo());
    expect(store.getState().document.dataFlows[0]!.props).toBeUndefined();

    // Unticking removes the field rather than writing `local: false`: the file stays as it was.
    await user.click(local);
    expect(store.getState().document.dataFlows[0]!.props).toEqual({ local: true });
    await user.click(local);
    expect(store.getState().document.dataFlows[0]!.props).toBeUndefined();
  });

  it('lists the new data categories as words', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    store.getState().select(['f-1']);
    const panel = await inspector();
    for (const [label, category] of [
      ['identity token', 'identity-token'],
      ['confidential', 'confidential'],
      ['source code', 'source-code'],
      ['system prompt', 'system-prompt'],
    ] as const) {
      await user.click(within(panel).getByRole('checkbox', { name: label }));
      expect(store.getState().document.dataFlows[0]!.props?.data).toContain(category);
    }
  });
});

/** The catalogue properties added for issue 11, by component type. */
const NEW_PROPERTIES: [type: string, names: string[]][] = [
  ['agent-tool', ['credentials', 'provenance', 'transport', 'pinned', 'sandboxed', 'networkEgress']],
  ['user', ['affiliation']],
  ['guardrail', ['catches']],
  ['memory-store', ['sharedAcrossUsers', 'retention']],
  ['vector-store', ['multiTenant']],
  ['training', ['federated']],
  ['edge-device', ['physicalAccess', 'weightsProtected']],
  ['code-interpreter', ['sandboxed', 'networkEgress']],
  ['external-service', ['publicContent']],
];

describe('component inspector: the new catalogue properties', () => {
  it.each(NEW_PROPERTIES)('%s shows %j as labelled controls with readable choices', async (type, names) => {
    const library = testLibrary();
    const { store } = renderApp({ document: model({ components: [component('c-1', type)] }), library });
    store.getState().select(['c-1']);
    const panel = await inspector();
    const declarations = library.catalogue.types.get(type)!.properties;
    for (const name of names) {
      const declaration = declarations.find((p) => p.name === name);
      expect(declaration, `${type}.${name} is declared`).toBeDefined();
      // A label is words for people, never the camelCase property name.
      expect(declaration!.label).toMatch(/^[A-Z][a-z-]*( [a-z-]+)*$/);
      expect(declaration!.label).not.toBe(name);
      expect(declaration!.help).toBeTruthy();
      if (declaration!.kind === 'enum') {
        const select = within(panel).getByRole('combobox', { name: declaration!.label }) as HTMLSelectElement;
        expect([...select.options].map((o) => o.value)).toEqual(declaration!.values);
        for (const option of select.options) expect(option.textContent).not.toMatch(/[-_]|[a-z][A-Z]/);
        expect(select.value).toBe(declaration!.default);
      } else {
        expect(declaration!.kind).toBe('boolean');
        expect(within(panel).getByRole('checkbox', { name: declaration!.label })).toBeTruthy();
      }
    }
  });

  it('an agent tool’s credentials change is one undo step', async () => {
    const { user, store } = renderApp({
      document: model({ components: [component('c-tool', 'agent-tool')] }),
    });
    store.getState().select(['c-tool']);
    const panel = await inspector();
    const credentials = within(panel).getByRole('combobox', { name: 'Credentials' });
    expect(within(credentials).getByRole('option', { name: 'delegated user' })).toBeTruthy();
    await user.selectOptions(credentials, 'delegated-user');
    await user.click(within(panel).getByRole('checkbox', { name: 'Sandboxed' }));
    expect(store.getState().document.components[0]!.props).toEqual({
      credentials: 'delegated-user',
      sandboxed: true,
    });
    await user.click(undo());
    await user.click(undo());
    expect(store.getState().document.components[0]!.props).toBeUndefined();
  });
});
