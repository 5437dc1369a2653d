// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addDataFlow,
  evaluate,
  moveElements,
  removeElements,
  serialiseDocument,
  updateComponent,
  type Finding,
} from '../../../src/core/index';
import { manyFlowsModel } from '../../../bench/largeInputs';
import { syntheticModel } from '../../../bench/syntheticModel';
import { openDocumentText } from '../../../src/ui/documents/openDocument';
import { createAppStore } from '../../../src/ui/store/createAppStore';
import { evaluatorFor } from '../../../src/ui/store/findingsEngine';
import { analysisFailureOf, findingsOf, selectFindings } from '../../../src/ui/store/selectors';
import { BIG_MODEL_ELEMENTS } from '../../../src/ui/work/workJobs';
import { testLibrary } from '../helpers/testLibrary';

/** Set to make the engine crash, as a stack overflow on a huge model once did. */
const engine = vi.hoisted(() => ({ crash: false, calls: 0, evaluators: 0 }));
afterEach(() => {
  engine.crash = false;
});
vi.mock('../../../src/core/index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/core/index')>();
  return {
    ...actual,
    evaluate: (...args: Parameters<typeof actual.evaluate>) => {
      engine.calls++;
      if (engine.crash) throw new RangeError('Maximum call stack size exceeded');
      return actual.evaluate(...args);
    },
    createEvaluator: (library: Parameters<typeof actual.createEvaluator>[0]) => {
      const inner = actual.createEvaluator(library);
      engine.evaluators++;
      return {
        evaluate: (doc: Parameters<typeof inner.evaluate>[0]) => {
          engine.calls++;
          if (engine.crash) throw new RangeError('Maximum call stack size exceeded');
          return inner.evaluate(doc);
        },
      };
    },
  };
});

const library = testLibrary();
/** Findings as data: what the panels show, explanations included. */
const plain = (findings: readonly Finding[]) =>
  JSON.stringify(findings.map((f) => ({ ...f, why: f.why, trace: f.trace })));

describe('findings through the engine', () => {
  it('keeps one evaluator per library', () => {
    expect(evaluatorFor(library)).toBe(evaluatorFor(library));
    expect(evaluatorFor(testLibrary())).not.toBe(evaluatorFor(library));
  });

  it('gives the findings of a full evaluation after every edit, undo and redo', () => {
    const store = createAppStore({ library, document: syntheticModel(120) });
    const ids = store.getState().document.components.map((c) => c.id);
    const edits = [
      (d: ReturnType<typeof syntheticModel>) =>
        updateComponent(d, ids[4]!, { props: { authenticated: true } }),
      (d: ReturnType<typeof syntheticModel>) =>
        addDataFlow(d, { id: 'f-x', sourceId: ids[0]!, targetId: ids[9]!, label: '' }),
      (d: ReturnType<typeof syntheticModel>) => removeElements(d, [ids[1]!]),
    ];
    const check = () => {
      const { document } = store.getState();
      expect(plain(findingsOf(document, library))).toBe(plain(evaluate(document, library)));
    };
    check();
    for (const edit of edits) {
      store.getState().change(edit);
      check();
    }
    store.getState().undo();
    check();
    store.getState().undo();
    check();
    store.getState().redo();
    check();
  });

  it('keeps the findings of the last few documents only: an old one is analysed again', () => {
    const store = createAppStore({ library, document: syntheticModel(40) });
    const first = store.getState().document;
    const firstFindings = findingsOf(first, library);
    expect(findingsOf(first, library)).toBe(firstFindings);
    for (const title of ['a', 'b', 'c', 'd']) {
      store.getState().change((d) => ({ ...d, meta: { ...d.meta, title } }));
      findingsOf(store.getState().document, library);
    }
    const again = findingsOf(first, library);
    expect(again).not.toBe(firstFindings);
    expect(plain(again)).toBe(plain(firstFindings));
  });

  it('does not evaluate again for a move, nor for the same document', () => {
    const store = createAppStore({ library, document: syntheticModel(60) });
    const first = selectFindings(store.getState());
    const calls = engine.calls;
    const id = store.getState().document.components[0]!.id;
    store.getState().change((d) => moveElements(d, [{ id, position: { x: 5, y: 5 } }]));
    expect(selectFindings(store.getState())).toBe(first);
    expect(engine.calls).toBe(calls);
  });

  it('a crash in the engine gives no findings and the reason; the next edit analyses again', () => {
    const store = createAppStore({ library, document: syntheticModel(30) });
    engine.crash = true;
    store.getState().change((d) => ({ ...d, meta: { ...d.meta, title: 'x' } }));
    const { document } = store.getState();
    expect(findingsOf(document, library)).toEqual([]);
    expect(analysisFailureOf(document, library)).toContain('Maximum call stack size exceeded');
    engine.crash = false;
    const evaluators = engine.evaluators;
    store.getState().change((d) => ({ ...d, meta: { ...d.meta, title: 'y' } }));
    expect(analysisFailureOf(store.getState().document, library)).toBeNull();
    // What the crashed evaluator kept may be half updated: a fresh one evaluates from scratch.
    expect(engine.evaluators).toBe(evaluators + 1);
    expect(plain(findingsOf(store.getState().document, library))).toBe(
      plain(evaluate(store.getState().document, library)),
    );
  });
});

describe('a big model opened in the background', () => {
  it('shows the findings the background job made, without evaluating it again on the page', async () => {
    const big = manyFlowsModel(BIG_MODEL_ELEMENTS + 10);
    const store = createAppStore({ library, document: syntheticModel(5) });
    // As the panels do: read the findings of every document as soon as it is in the store.
    store.subscribe((s) => findingsOf(s.document, s.library));
    const calls = engine.calls;
    await expect(openDocumentText(store, 'big.aitm.json', serialiseDocument(big))).resolves.toBe(true);
    const shown = findingsOf(store.getState().document, library);
    // Once, in the background job (in-thread here), never on the page.
    expect(engine.calls).toBe(calls + 1);
    // Plain data from the job (explanations already built), the same as the page would compute.
    expect(shown.length).toBeGreaterThan(0);
    for (const f of shown) expect(Object.getPrototypeOf(f)).toBe(Object.prototype);
    expect(plain(shown)).toBe(plain(evaluate(store.getState().document, library)));
  });

  it('a small model is evaluated on the page as before', async () => {
    const store = createAppStore({ library, document: syntheticModel(5) });
    await openDocumentText(store, 'small.aitm.json', serialiseDocument(manyFlowsModel(20)));
    const calls = engine.calls;
    findingsOf(store.getState().document, library);
    expect(engine.calls).toBe(calls + 1);
  });
});
