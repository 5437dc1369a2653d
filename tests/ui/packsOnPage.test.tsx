// @vitest-environment jsdom
/**
 * A big rule pack never blocks the editor's page (issue 10): the worker checks it and sends the
 * validated files as JSON text; the page builds the library from them in slices that yield, with
 * progress and a working Cancel; packs cross to the worker as text, stored as the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { largeRulePack, unpositionedChain } from '../../bench/largeInputs';
import { addRulePackFile, removeRulePack } from '../../src/ui/library/rulePackActions';
import { packText } from '../../src/ui/library/packText';
import { restorePacks, restorePacksInBackground, serialisePacks } from '../../src/ui/library/rulePacks';
import { createBackgroundTasks, packSources } from '../../src/ui/work/backgroundTasks';
import { runInSlices } from '../../src/ui/work/timeSlices';
import { inThreadClient, WorkStopped } from '../../src/ui/work/workClient';
import { evaluate, type Library } from '../../src/core/index';
import { analyses } from '../../src/ui/store/analysisCache';
import { apiModel } from '../support/modelBuilders';
import { memoryStorage, renderApp } from './helpers/renderApp';
import { testLibrary } from './helpers/testLibrary';

const library = testLibrary();
const big = largeRulePack(200);
const small = {
  name: 'Small pack',
  threats: [
    {
      id: 'threat.small',
      title: 'Small threat',
      description: 'A threat of the small pack.',
      likelihood: 'low',
      impact: 'low',
      references: { guidelines: [] },
      mitigations: [],
    },
  ],
  rules: [{ id: 'rule.small', threat: 'threat.small', target: 'component', types: ['user'] }],
};
const file = (name: string, content: unknown) => new File([JSON.stringify(content)], name);
const ruleIds = (l: Library) => l.rules.map((r) => r.id);

describe('the time slices', () => {
  it('give the page turns while a long computation runs, and stop at the next one on a cancel', async () => {
    function* busy(steps: number) {
      for (let i = 0; i < steps; i++) {
        const until = performance.now() + 1;
        while (performance.now() < until);
        yield;
      }
      return 'done';
    }
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    await expect(runInSlices(busy(60), { sliceMs: 5 })).resolves.toBe('done');
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(2);

    const controller = new AbortController();
    const cancelled = runInSlices(busy(1000), { sliceMs: 5, signal: controller.signal });
    setTimeout(() => controller.abort(), 0);
    await expect(cancelled).rejects.toEqual(new WorkStopped('cancelled'));
  });
});

describe('packs as text', () => {
  it('are stored as the bytes JSON.stringify writes, from each pack text made once', () => {
    const packs = [
      { fileName: 'a "quoted" name.json', content: big },
      { fileName: 'gone.json', content: undefined },
      { fileName: 'aside.json', content: small, setAside: 'set aside at start-up: it took too long' },
    ];
    expect(serialisePacks(packs)).toBe(
      JSON.stringify({
        format: 'aitm-rule-packs',
        packs: packs.map((p) => ({
          fileName: p.fileName,
          content: p.content,
          ...(p.setAside ? { setAside: p.setAside } : {}),
        })),
      }),
    );
    expect(packText(big)).toBe(packText(big));
    expect(JSON.parse(packText(big))).toEqual(big);
  });
});

describe('adding a big pack', () => {
  it('builds on the page in a step of its own, shown as progress; a Cancel there changes nothing', async () => {
    const packStorage = memoryStorage();
    const setup = renderApp({ document: apiModel(), packStorage });
    const tasks = createBackgroundTasks(inThreadClient(() => library));
    const services = { ...setup.services, tasks };
    const before = setup.store.getState();
    const stages: (string | null)[] = [];
    const stop = tasks.status.subscribe(({ current }) => {
      stages.push(current?.stage ?? null);
      if (current?.stage === 'preparing') tasks.cancel();
    });
    const outcome = await addRulePackFile(services, file('big.json', big));
    stop();
    expect(stages).toContain('packs');
    expect(stages).toContain('preparing');
    expect(outcome).toEqual({
      ok: false,
      message: 'Loading big.json was cancelled; the library in use is unchanged.',
    });
    expect(setup.store.getState().library).toBe(before.library);
    expect(setup.store.getState().rulePacks).toBe(before.rulePacks);
    expect(packStorage.saves).toBe(0);

    const loaded = await addRulePackFile(services, file('big.json', big));
    expect(loaded).toMatchObject({ ok: true });
    const state = setup.store.getState();
    // The same library as validating on the page (restorePacks, the synchronous path) gives.
    const direct = restorePacks(memoryStorage(packStorage.text!), library);
    expect(ruleIds(state.library)).toEqual(ruleIds(direct.library));
    expect(state.rulePacks.map((p) => p.counts)).toEqual(direct.active.map((p) => p.counts));
    // Frozen at the top, so the store does not walk its content; the worker gets it as text.
    expect(Object.isFrozen(state.rulePacks[0])).toBe(true);
    expect(packSources(setup.store)).toEqual([{ fileName: 'big.json', text: JSON.stringify(big) }]);
  });

  it('a big open model is analysed with the new library in the worker, not on the page', async () => {
    const chain = unpositionedChain(1100);
    chain.components.forEach((c, i) => (c.position = { x: i * 10, y: 0 }));
    const setup = renderApp({ document: chain });
    const requests: { kind: string; document?: unknown }[] = [];
    const inner = inThreadClient(() => library);
    const tasks = createBackgroundTasks({
      run: (request, options) => {
        requests.push(request);
        return inner.run(request, options);
      },
    });
    const anyComponent = {
      ...small,
      rules: [{ id: 'rule.small', threat: 'threat.small', target: 'component' }],
    };
    const outcome = await addRulePackFile({ ...setup.services, tasks }, file('small.json', anyComponent));
    expect(outcome).toMatchObject({ ok: true });
    const state = setup.store.getState();
    expect(requests[0]?.document).toBe(state.document);
    const primed = analyses.get(state.document);
    expect(primed?.library).toBe(state.library);
    const onPage = evaluate(state.document, state.library);
    expect(primed?.findings.map((f) => f.key)).toEqual(onPage.map((f) => f.key));
    expect(onPage.filter((f) => f.ruleId === 'rule.small')).toHaveLength(1100);
  });

  it('removing one of two packs rebuilds from the other one as checked, and stores the rest', async () => {
    const packStorage = memoryStorage();
    const setup = renderApp({ document: apiModel(), packStorage });
    expect(await addRulePackFile(setup.services, file('big.json', big))).toMatchObject({ ok: true });
    expect(await addRulePackFile(setup.services, file('small.json', small))).toMatchObject({ ok: true });
    expect(setup.store.getState().library.threats.has('threat.small')).toBe(true);
    expect(await removeRulePack(setup.services, 'big.json')).toMatchObject({ ok: true });
    const state = setup.store.getState();
    expect(state.rulePacks.map((p) => p.fileName)).toEqual(['small.json']);
    expect(state.library.threats.has('threat.small')).toBe(true);
    expect(state.library.threats.has('threat.pack-0')).toBe(false);
    expect(JSON.parse(packStorage.text!).packs.map((p: { fileName: string }) => p.fileName)).toEqual([
      'small.json',
    ]);
  });
});

describe('restoring a big stored record', () => {
  it('is read and checked in the worker, and gives the library the page would have built', async () => {
    const record = serialisePacks([
      { fileName: 'big.json', content: big },
      {
        fileName: 'broken.json',
        content: { name: 'Broken', rules: [{ id: 'rule.x', threat: 'threat.none', target: 'model' }] },
      },
      { fileName: 'aside.json', content: small, setAside: 'set aside at start-up: it took too long' },
    ]);
    expect(record.length).toBeGreaterThan(64 * 1024);
    const requests: unknown[] = [];
    const inner = inThreadClient(() => library);
    const tasks = createBackgroundTasks({
      run: (request, options) => {
        requests.push(request);
        return inner.run(request, options);
      },
    });
    const restored = await restorePacksInBackground(memoryStorage(record), library, tasks);
    // The page sent the record's text as it was stored, not packs it had parsed.
    expect(requests).toEqual([{ kind: 'checkStoredPacks', text: record }]);
    // restorePacks, the synchronous path, loads every pack: it is given the ones not set aside.
    const direct = restorePacks(
      memoryStorage(serialisePacks([{ fileName: 'big.json', content: big }])),
      library,
    );
    expect(ruleIds(restored.library)).toEqual(ruleIds(direct.library));
    expect(restored.active.map((p) => p.fileName)).toEqual(['big.json']);
    expect(restored.rejected.map((r) => r.fileName)).toEqual(['broken.json', 'aside.json']);
    expect(restored.problems.map((p) => p.message)).toEqual([
      'no threat has the id "threat.none"',
      'set aside at start-up: it took too long',
    ]);
  });

  it('a damaged record gives its problems and no packs', async () => {
    const tasks = createBackgroundTasks(inThreadClient(() => library));
    const damaged = `{"format":"aitm-rule-packs","packs":[{"fileName":"a.json","content":{}}, 7]}${' '.repeat(70_000)}`;
    const restored = await restorePacksInBackground(memoryStorage(damaged), library, tasks);
    expect(restored.library).toBe(library);
    expect(restored.problems).toEqual([{ path: '$.packs[1]', message: 'expected { fileName, content }' }]);
  });
});
