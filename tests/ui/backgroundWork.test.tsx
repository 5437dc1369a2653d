// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serialiseDocument } from '../../src/core/index';
import { LAYERED_LAYOUT_LIMITS } from '../../src/ui/canvas/autoLayout';
import { openDocumentText } from '../../src/ui/documents/openDocument';
import { addRulePackFile } from '../../src/ui/library/rulePackActions';
import { restorePacksInBackground, serialisePacks } from '../../src/ui/library/rulePacks';
import { createBackgroundTasks } from '../../src/ui/work/backgroundTasks';
import { inThreadClient, WorkStopped, type WorkClient } from '../../src/ui/work/workClient';
import type { WorkStage } from '../../src/ui/work/workProtocol';
import { unpositionedChain } from '../../bench/largeInputs';
import { apiModel } from '../support/modelBuilders';
import { memoryStorage, renderApp } from './helpers/renderApp';
import { testLibrary } from './helpers/testLibrary';

/** Set to make the engine crash, as 130k user threats once did (a stack overflow). */
const engine = vi.hoisted(() => ({ crash: false }));
afterEach(() => {
  engine.crash = false;
});
vi.mock('../../src/core/index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/index')>();
  return {
    ...actual,
    evaluate: (...args: Parameters<typeof actual.evaluate>) => {
      if (engine.crash) throw new RangeError('Maximum call stack size exceeded');
      return actual.evaluate(...args);
    },
    // The editor's incremental engine (ui/store/findingsEngine.ts) crashes alike.
    createEvaluator: (library: Parameters<typeof actual.createEvaluator>[0]) => {
      const inner = actual.createEvaluator(library);
      return {
        evaluate: (doc: Parameters<typeof inner.evaluate>[0]) => {
          if (engine.crash) throw new RangeError('Maximum call stack size exceeded');
          return inner.evaluate(doc);
        },
      };
    },
  };
});

const library = testLibrary();
/** An in-thread lane whose every step takes `ms`: slow enough to see, cancel or time out. */
const slowTasks = (ms: number) => createBackgroundTasks(inThreadClient(() => library, { stepDelayMs: ms }));

const pack = {
  name: 'Acme rules',
  threats: [
    {
      id: 'threat.acme',
      title: 'Acme threat',
      description: 'A threat of the pack.',
      likelihood: 'medium',
      impact: 'high',
      // No guideline: a threat citing one that none of its mitigations implements loads with a warning.
      references: { guidelines: [] },
      mitigations: [],
    },
  ],
  rules: [{ id: 'rule.acme', threat: 'threat.acme', target: 'component', types: ['user'] }],
};
const packFile = (content: unknown) => new File([JSON.stringify(content)], 'acme.json');

describe('the work client', () => {
  it('runs a job through the protocol, reporting each step in order', async () => {
    const stages: WorkStage[] = [];
    const client = inThreadClient(() => library);
    const result = await client.run(
      { kind: 'openModel', fileName: 'chat.aitm.json', text: serialiseDocument(apiModel()), packs: [] },
      { onProgress: (stage) => stages.push(stage) },
    );
    expect(stages).toEqual(['reading', 'checking', 'layout', 'analysing']);
    expect(result.ok && result.document.components.map((c) => c.id)).toEqual(['c-user', 'c-api']);
    expect(result.ok && result.analysisFailure).toBeNull();
  });

  it('a cancel or a timeout rejects with WorkStopped and discards the result', async () => {
    const client = inThreadClient(() => library, { stepDelayMs: 40 });
    const request = { kind: 'layout', document: unpositionedChain(5) } as const;
    const controller = new AbortController();
    const cancelled = client.run(request, { signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toEqual(new WorkStopped('cancelled'));
    await expect(client.run(request, { timeoutMs: 10 })).rejects.toMatchObject({ reason: 'timeout' });
    const done = await client.run(request, { timeoutMs: 5000 });
    expect(done.document.components.every((c) => c.position)).toBe(true);
  });
});

describe('opening a file in the background', () => {
  it('shows progress with a Cancel button; cancelling leaves the store exactly as it was', async () => {
    const tasks = slowTasks(60);
    const setup = renderApp({ document: apiModel(), tasks });
    const before = setup.store.getState();
    const opening = openDocumentText(
      setup.store,
      'chain.aitm.json',
      JSON.stringify(unpositionedChain(20)),
      tasks,
    );

    const progress = await screen.findByRole('progressbar', { name: 'Opening chain.aitm.json' });
    expect(progress.getAttribute('aria-valuetext')).toMatch(/Reading|Checking|Laying|Analysing|Starting/);
    const region = screen.getByRole('region', { name: 'Work in progress' });
    expect(within(region).getByRole('status').textContent).toContain('Opening chain.aitm.json');
    const cancel = within(region).getByRole('button', { name: 'Cancel' });
    cancel.focus();
    expect(document.activeElement).toBe(cancel);
    await setup.user.keyboard('{Enter}');

    await expect(opening).resolves.toBe(false);
    const after = setup.store.getState();
    for (const key of ['document', 'fileName', 'history', 'notice', 'library', 'rulePacks', 'view'] as const)
      expect(after[key], key).toBe(before[key]);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('opens the model once the work is done, laid out by the fallback for a large chain', async () => {
    const setup = renderApp({ document: apiModel() });
    await expect(
      openDocumentText(setup.store, 'chain.aitm.json', JSON.stringify(unpositionedChain(1500))),
    ).resolves.toBe(true);
    const doc = setup.store.getState().document;
    expect(doc.components).toHaveLength(1500);
    expect(new Set(doc.components.map((c) => `${c.position?.x},${c.position?.y}`)).size).toBe(1500);
    expect(setup.store.getState().notice?.message).toContain(
      `Laid out as a grid: 1,500 components and boundaries is more than the layered layout handles (${LAYERED_LAYOUT_LIMITS.elements.toLocaleString('en')})`,
    );
  });

  it('a model that crashes the analysis opens with a notice, never a white screen', async () => {
    const setup = renderApp({ document: apiModel() });
    engine.crash = true;
    await openDocumentText(setup.store, 'big.aitm.json', serialiseDocument(apiModel()));
    expect(setup.store.getState().notice).toMatchObject({ kind: 'warning' });
    expect(setup.store.getState().notice?.message).toContain(
      'The threat analysis failed on this model (Maximum call stack size exceeded)',
    );
    const alert = await screen.findByRole('alert', { name: 'Threat analysis failed' });
    expect(alert.textContent).toContain('Maximum call stack size exceeded');
    // The editor is still there: canvas, inspector, toolbar; no crash fallback.
    expect(screen.getByRole('region', { name: 'Inspector' })).toBeTruthy();
    expect(screen.queryByText(/stopped working/)).toBeNull();
    // A report would claim the model is clean: refused, with the reason.
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    fireEvent.click(screen.getByRole('menuitem', { name: /JSON report/ }));
    await waitFor(() =>
      expect(setup.store.getState().notice?.message).toMatch(
        /Could not export the JSON report: the threat analysis failed on this model/,
      ),
    );
    expect(setup.downloads).toEqual([]);
    // Once the engine works again, the next change analyses again and the notice goes.
    engine.crash = false;
    setup.store.getState().change((d) => ({ ...d, meta: { ...d.meta, title: 'Renamed' } }));
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Threat analysis failed' })).toBeNull());
  });
});

describe('rule packs checked in the background', () => {
  it('a pack that fails validation is neither used nor stored', async () => {
    const packStorage = memoryStorage();
    const setup = renderApp({ document: apiModel(), packStorage });
    const before = setup.store.getState();
    const outcome = await addRulePackFile(
      setup.services,
      packFile({ ...pack, rules: [{ ...pack.rules[0], threat: 'threat.none' }] }),
    );
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome.message).toContain('acme.json: $.rules[0].threat: no threat has the id "threat.none"');
    expect(packStorage.saves).toBe(0);
    expect(setup.store.getState().library).toBe(before.library);
    expect(setup.store.getState().rulePacks).toBe(before.rulePacks);
  });

  it('a pack that takes longer than the budget is neither used nor stored', async () => {
    const tasks = slowTasks(200);
    const packStorage = memoryStorage();
    const setup = renderApp({ document: apiModel(), tasks, packStorage });
    const before = setup.store.getState();
    const outcome = await addRulePackFile({ ...setup.services, tasks }, packFile(pack), 50);
    expect(outcome).toEqual({
      ok: false,
      message:
        'Could not load acme.json: it took longer than 0.05 s, the limit for this step. The library in use is unchanged.',
    });
    expect(packStorage.saves).toBe(0);
    expect(setup.store.getState().library).toBe(before.library);
    // Within the budget the same pack loads and is stored.
    const loaded = await addRulePackFile({ ...setup.services, tasks }, packFile(pack), 5000);
    expect(loaded).toMatchObject({ ok: true, message: 'Loaded Acme rules: adds 1 threat, 1 rule.' });
    expect(packStorage.saves).toBe(1);
  });

  it('a stored pack that times out at page load is set aside, kept, and not checked again', async () => {
    const storage = memoryStorage(serialisePacks([{ fileName: 'acme.json', content: pack }]));
    const first = await restorePacksInBackground(storage, library, slowTasks(200), 50);
    expect(first.active).toEqual([]);
    expect(first.library).toBe(library);
    expect(first.rejected).toHaveLength(1);
    expect(first.rejected[0]!.problems[0]!.message).toMatch(
      /^set aside at start-up: checking the stored rule packs failed \(it took longer than 0\.05 s/,
    );
    const stored = JSON.parse(storage.text!);
    expect(stored.packs[0]).toMatchObject({ fileName: 'acme.json', content: pack });
    expect(stored.packs[0].setAside).toMatch(/^set aside at start-up/);

    // The next load does not run it at all.
    const run = vi.fn(() => Promise.reject(new Error('should not run')));
    const client = { run: run as unknown as WorkClient['run'] };
    const second = await restorePacksInBackground(storage, library, createBackgroundTasks(client));
    expect(run).not.toHaveBeenCalled();
    expect(second.rejected.map((r) => r.fileName)).toEqual(['acme.json']);

    // It is listed and removable in the Library dialog.
    const setup = renderApp({ document: apiModel(), packs: second, packStorage: storage });
    await setup.user.click(screen.getByRole('button', { name: 'Threat library and rule packs' }));
    const dialog = await screen.findByRole('dialog', { name: 'Threat library' });
    const notLoaded = within(dialog).getByRole('list', { name: 'Rule packs not loaded' });
    expect(notLoaded.textContent).toContain('set aside at start-up');
    await setup.user.click(within(notLoaded).getByRole('button', { name: 'Remove acme.json' }));
    expect(JSON.parse(storage.text!).packs).toEqual([]);
  });

  it('stored packs that load in time are used; one that fails is kept with its problems', async () => {
    const broken = {
      ...pack,
      name: 'Broken',
      rules: [{ ...pack.rules[0], id: 'rule.b', threat: 'threat.x' }],
    };
    const storage = memoryStorage(
      serialisePacks([
        { fileName: 'acme.json', content: pack },
        { fileName: 'broken.json', content: { ...broken, threats: [] } },
      ]),
    );
    const restored = await restorePacksInBackground(storage, library, slowTasks(0));
    expect(restored.active.map((p) => p.fileName)).toEqual(['acme.json']);
    expect(restored.library.threats.has('threat.acme')).toBe(true);
    expect(restored.rejected.map((r) => [r.fileName, r.setAside])).toEqual([['broken.json', undefined]]);
    expect(restored.problems[0]!.message).toBe('no threat has the id "threat.x"');
  });
});
