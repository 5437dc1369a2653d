// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addComponent } from '../../src/core/index';
import { restorePacks, serialisePacks } from '../../src/ui/library/rulePacks';
import { apiModel } from '../support/modelBuilders';
import { memoryStorage, renderApp } from './helpers/renderApp';
import { testLibrary } from './helpers/testLibrary';

/** Adds one threat, found on every user, with its mitigation. */
const goodPack = {
  name: 'Acme rules',
  threats: [
    {
      id: 'threat.acme-phishing',
      title: 'Acme: users can be phished',
      description: 'Credentials can be stolen from users.',
      likelihood: 'medium',
      impact: 'high',
      references: { guidelines: ['DEP-1'] },
      mitigations: ['mitigation.acme-training'],
    },
  ],
  mitigations: [
    {
      id: 'mitigation.acme-training',
      title: 'Acme awareness training',
      guidance: 'Train every user once a year.',
      guidelines: ['DEP-1'],
    },
  ],
  rules: [{ id: 'rule.acme-phishing', threat: 'threat.acme-phishing', target: 'component', types: ['user'] }],
};

/** Adds a component type of its own. */
const typePack = {
  name: 'Quantum pack',
  componentTypes: [
    {
      id: 'quantum-oracle',
      label: 'Quantum oracle',
      category: 'models',
      icon: 'Q',
      description: 'A model that answers before it is asked.',
      properties: [],
    },
  ],
};

const file = (name: string, content: unknown) =>
  new File([typeof content === 'string' ? content : JSON.stringify(content)], name, {
    type: 'application/json',
  });

const openLibrary = async (setup: ReturnType<typeof renderApp>) => {
  await setup.user.click(screen.getByRole('button', { name: 'Threat library and rule packs' }));
  return screen.findByRole('dialog', { name: 'Threat library' });
};

const addPackFile = async (setup: ReturnType<typeof renderApp>, dialog: HTMLElement, pack: File) => {
  setup.platform.nextFile = pack;
  await setup.user.click(within(dialog).getByRole('button', { name: 'Add a rule pack…' }));
};

const findingTitles = () =>
  within(screen.getByRole('list', { name: 'Findings' }))
    .queryAllByRole('button')
    .map((b) => b.querySelector('.finding-title')?.textContent);

describe('rule packs', () => {
  it('a good pack adds its rules at once, is listed, kept in storage and removable', async () => {
    const setup = renderApp({ document: apiModel() });
    expect(findingTitles()).not.toContain('Acme: users can be phished');
    const dialog = await openLibrary(setup);
    expect(within(dialog).getByText('No rule packs in use.')).toBeTruthy();
    await addPackFile(setup, dialog, file('acme.json', goodPack));
    expect((await within(dialog).findByRole('status')).textContent).toBe(
      'Loaded Acme rules: adds 1 threat, 1 mitigation, 1 rule.',
    );
    const list = within(dialog).getByRole('list', { name: 'Rule packs in use' });
    expect(list.textContent).toContain('Acme rules');
    expect(list.textContent).toContain('acme.json');
    expect(JSON.parse(setup.packStorage!.load()!).packs).toEqual([
      { fileName: 'acme.json', content: goodPack },
    ]);

    await setup.user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(findingTitles()).toContain('Acme: users can be phished');

    const again = await openLibrary(setup);
    await setup.user.click(within(again).getByRole('button', { name: 'Remove Acme rules' }));
    expect(within(again).getByRole('status').textContent).toBe('Removed acme.json.');
    expect(within(again).getByText('No rule packs in use.')).toBeTruthy();
    expect(JSON.parse(setup.packStorage!.load()!).packs).toEqual([]);
    await setup.user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(findingTitles()).not.toContain('Acme: users can be phished');
  });

  it('a bad pack shows every problem with file and path and leaves the library in place', async () => {
    const setup = renderApp({ document: apiModel() });
    const before = setup.store.getState().library;
    const bad = {
      threats: [
        { ...goodPack.threats[0], id: 'threat.unauthenticated-endpoint' },
        { ...goodPack.threats[0], id: 'threat.acme-two', mitigations: ['mitigation.nowhere'] },
      ],
      rules: [
        {
          id: 'rule.acme-a',
          threat: 'threat.acme-two',
          target: 'component',
          when: { fact: 'prop.vibes', op: 'eq', value: 1 },
        },
        { id: 'rule.acme-b', threat: 'threat.acme-two', target: 'component', when: 'alert(document.domain)' },
      ],
    };
    const dialog = await openLibrary(setup);
    await addPackFile(setup, dialog, file('bad-pack.json', bad));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Could not load bad-pack.json; the library in use is unchanged.');
    expect(alert.textContent).toContain('bad-pack.json: $.rules[1].when');
    expect(setup.store.getState().library).toBe(before);
    expect(setup.packStorage!.load()).toBeNull();

    // Fix the condition: the remaining problems are all reported at once.
    bad.rules[1]!.when = { fact: 'prop.vibes', op: 'eq', value: 1 };
    await addPackFile(setup, dialog, file('bad-pack.json', bad));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toContain('duplicate threat id'),
    );
    const lines = within(dialog).getByRole('alert').textContent!.split('\n').slice(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^bad-pack\.json: \$\.threats\[0\]\.id: duplicate threat id "threat\.unauthenticated-endpoint"/,
        ),
        'bad-pack.json: $.threats[1].mitigations[0]: no mitigation has the id "mitigation.nowhere"',
        expect.stringMatching(/^bad-pack\.json: \$\.rules\[0\]\.when.*prop\.vibes/),
      ]),
    );
    expect(setup.store.getState().library).toBe(before);
    expect(within(dialog).getByText('No rule packs in use.')).toBeTruthy();
  });

  it('a pack that is not JSON is reported with its position', async () => {
    const setup = renderApp({ document: apiModel() });
    const dialog = await openLibrary(setup);
    await addPackFile(setup, dialog, file('cut.json', '{"threats": ['));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(
      /cut\.json: \$: not valid JSON at line 1, column \d+/,
    );
  });

  it('stored packs are validated again on load; one that no longer loads is listed, not used', async () => {
    const clash = {
      ...goodPack,
      name: 'Clashing',
      threats: [{ ...goodPack.threats[0], id: 'threat.plaintext-flow' }],
    };
    const storage = memoryStorage(
      serialisePacks([
        { fileName: 'acme.json', content: goodPack },
        { fileName: 'clash.json', content: clash },
      ]),
    );
    const packs = restorePacks(storage, testLibrary());
    expect(packs.active.map((p) => p.fileName)).toEqual(['acme.json']);
    expect(packs.rejected.map((p) => p.fileName)).toEqual(['clash.json']);

    const setup = renderApp({ document: apiModel(), packs, packStorage: storage });
    expect(findingTitles()).toContain('Acme: users can be phished');
    const dialog = await openLibrary(setup);
    const notLoaded = within(dialog).getByRole('list', { name: 'Rule packs not loaded' });
    expect(notLoaded.textContent).toContain(
      'clash.json: $.threats[0].id: duplicate threat id "threat.plaintext-flow"',
    );
    await setup.user.click(within(notLoaded).getByRole('button', { name: 'Remove clash.json' }));
    expect(within(dialog).queryByRole('list', { name: 'Rule packs not loaded' })).toBeNull();
    expect(JSON.parse(storage.load()!).packs.map((p: { fileName: string }) => p.fileName)).toEqual([
      'acme.json',
    ]);
  });

  it('a pack that loads with warnings is used, and its warnings are shown with it', async () => {
    // Cites SD-3, which its only mitigation (DEP-1) does not implement: a warning, not an error.
    const loose = {
      ...goodPack,
      name: 'Loose rules',
      threats: [{ ...goodPack.threats[0], references: { guidelines: ['DEP-1', 'SD-3'] } }],
    };
    const setup = renderApp({ document: apiModel() });
    const dialog = await openLibrary(setup);
    await addPackFile(setup, dialog, file('loose.json', loose));
    expect((await within(dialog).findByRole('status')).textContent).toBe(
      'Loaded Loose rules: adds 1 threat, 1 mitigation, 1 rule. One warning for its author, listed with the pack.',
    );
    const warnings = within(dialog).getByRole('group', { name: 'Warnings for Loose rules' });
    expect(warnings.textContent).toContain('1 warning');
    expect(within(warnings).getByText(/^loose\.json: /).textContent).toBe(
      `loose.json: $.threats[0].references.guidelines[1]: warning: guideline "SD-3" is cited, but none of the threat's mitigations implements it`,
    );
    expect(findingTitles()).toContain('Acme: users can be phished');

    // Restored from storage on the next start, the warning is still there.
    const restored = restorePacks(setup.packStorage, testLibrary());
    expect(restored.active[0]!.warnings).toEqual([
      expect.objectContaining({ file: 'loose.json', path: '$.threats[0].references.guidelines[1]' }),
    ]);
  });

  it('a pack without warnings shows none', async () => {
    const setup = renderApp({ document: apiModel() });
    const dialog = await openLibrary(setup);
    await addPackFile(setup, dialog, file('acme.json', goodPack));
    await within(dialog).findByRole('status');
    expect(within(dialog).queryByRole('group', { name: /Warnings for/ })).toBeNull();
  });

  it('stored text that is not a pack list is refused', () => {
    const packs = restorePacks(
      memoryStorage('{"format":"aitm-rule-packs","packs":[{"fileName":3}]}'),
      testLibrary(),
    );
    expect(packs.active).toEqual([]);
    expect(packs.problems).toEqual([{ path: '$.packs[0]', message: 'expected { fileName, content }' }]);
  });

  it('a pack whose component types the model uses cannot be removed', async () => {
    const setup = renderApp({ document: apiModel() });
    const dialog = await openLibrary(setup);
    await addPackFile(setup, dialog, file('quantum.json', typePack));
    await within(dialog).findByRole('status');
    setup.store
      .getState()
      .change((d) =>
        addComponent(d, { id: 'c-q', type: 'quantum-oracle', label: 'Oracle', position: { x: 0, y: 0 } }),
      );
    await setup.user.click(within(dialog).getByRole('button', { name: 'Remove Quantum pack' }));
    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toContain('quantum.json is still needed by the open model');
    expect(alert.textContent).toContain('unknown component type "quantum-oracle"');
    expect(setup.store.getState().rulePacks.map((p) => p.fileName)).toEqual(['quantum.json']);
    // Its type is in the palette.
    await setup.user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('button', { name: 'Add Quantum oracle' })).toBeTruthy();
  });
});
