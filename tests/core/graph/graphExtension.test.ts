import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DATA_CATEGORIES,
  FLOW_KINDS,
  shippedLibrary,
  type DataFlow,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { canonicalOrder } from '../../../src/core/document/canonicalOrder';
import { buildEvaluationContext, contextWithFlows } from '../../../src/core/rules/evaluationContext';
import { extendGraphFacts } from '../../../src/core/rules/graphFactsExtension';
import type { GraphFacts } from '../../../src/core/rules/graphFacts';
import { syntheticModel } from '../../../bench/syntheticModel';

const library = shippedLibrary();

/** Every analysis as plain arrays: what rules read (membership) and what explanations read (predecessors). */
function snapshot(f: GraphFacts) {
  const labels = (s: GraphFacts['upstreamTypes']) => ({ bits: [...s.bits], pred: [...s.pred] });
  const reach = (r: GraphFacts['llmDriven']) => ({ reached: [...r.reached], pred: [...r.pred] });
  const flow = (l: GraphFacts['prompters']) => ({ reached: [...l.reached], pred: [...l.pred] });
  return {
    untrusted: { member: [...f.untrusted.member], pred: [...f.untrusted.pred], ends: [...f.untrusted.ends] },
    upstreamTypes: labels(f.upstreamTypes),
    downstreamTypes: labels(f.downstreamTypes),
    upstreamOrigins: labels(f.upstreamOrigins),
    reachesPromptedApi: labels(f.reachesPromptedApi),
    llmDriven: reach(f.llmDriven),
    exposedLlmDriven: reach(f.exposedLlmDriven),
    unapprovedTools: reach(f.unapprovedTools),
    prompters: flow(f.prompters),
    promptersUnguarded: flow(f.promptersUnguarded),
    content: flow(f.content),
    contentUnguarded: flow(f.contentUnguarded),
  };
}

const newFlow = fc.record({
  from: fc.nat(),
  to: fc.nat(),
  kind: fc.nat({ max: FLOW_KINDS.length }),
  // Prompts half of the time: a first prompt into an inference API changes what reaches it.
  data: fc.oneof(
    fc.constant(DATA_CATEGORIES.indexOf('prompts')),
    fc.nat({ max: DATA_CATEGORIES.length - 1 }),
  ),
});

describe('graph facts extended over added flows', () => {
  it('equal a new analysis of the larger graph: membership, predecessors and changed components', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 90 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(newFlow, { minLength: 1, maxLength: 6 }),
        (size, dropped, additions) => {
          // A sparser graph than the synthetic model's, so that added flows still reach something new.
          const base = syntheticModel(size);
          const doc: ThreatModelDocument = {
            ...base,
            dataFlows: base.dataFlows.slice(0, Math.max(0, size - dropped)),
          };
          const before = canonicalOrder(doc);
          const old = buildEvaluationContext(before, library);
          const added: DataFlow[] = additions.map((a, n) => ({
            id: `x${n}`,
            sourceId: doc.components[a.from % size]!.id,
            targetId: doc.components[(a.from + 1 + (a.to % (size - 1))) % size]!.id,
            label: '',
            props: {
              data: [DATA_CATEGORIES[a.data]!],
              ...(a.kind < FLOW_KINDS.length ? { kind: FLOW_KINDS[a.kind]! } : {}),
            },
          }));
          const after = canonicalOrder({ ...doc, dataFlows: [...doc.dataFlows, ...added] });
          const full = buildEvaluationContext(after, library);
          const ctx = contextWithFlows(old, { ...before, dataFlows: after.dataFlows });
          const addedAt = added.map((f) => after.dataFlows.indexOf(f));
          const changed = new Uint8Array(size);
          ctx.facts = extendGraphFacts(old.facts, ctx, addedAt, changed);
          expect(snapshot(ctx.facts)).toStrictEqual(snapshot(full.facts));
          // Every component whose membership differs is marked changed.
          const a = snapshot(old.facts);
          const b = snapshot(full.facts);
          for (let i = 0; i < size; i++) {
            const differs =
              [0, 1, 2, 3].some(
                (s) => (a.untrusted.member[i * 4 + s] !== 0) !== (b.untrusted.member[i * 4 + s] !== 0),
              ) ||
              a.llmDriven.reached[i] !== b.llmDriven.reached[i] ||
              a.exposedLlmDriven.reached[i] !== b.exposedLlmDriven.reached[i] ||
              a.unapprovedTools.reached[i] !== b.unapprovedTools.reached[i];
            if (differs) expect(changed[i]).toBe(1);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
