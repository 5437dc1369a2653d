import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOW_KINDS, shippedLibrary, type ThreatModelDocument } from '../../../src/core/index';
import { canonicalOrder } from '../../../src/core/document/canonicalOrder';
import { buildEvaluationContext } from '../../../src/core/rules/evaluationContext';
import { propagateLabels } from '../../../src/core/graph/labelPropagation';
import { propagateFlowLabels } from '../../../src/core/graph/flowLabels';
import { reachAlong } from '../../../src/core/graph/reachability';
import { ENDS, FLOWS } from '../../../src/core/graph/untrustedPaths';
import { typeReach } from '../../../src/core/rules/typeReach';
import { syntheticModel } from '../../../bench/syntheticModel';

/**
 * Rules read membership, found by searches that keep no paths (all labels at once, several label
 * sets in one search); explanations read the predecessors of the per-label, per-set searches. Both
 * must agree on what is reached, or a finding would show no path, or a path for what did not fire.
 */
const library = shippedLibrary();

function model(size: number, dropped: number): ThreatModelDocument {
  const base = syntheticModel(size);
  // Sparser than the synthetic model's two flows per component, so that not everything reaches everything.
  // Flows of every kind: queries end untrusted paths, responses and updates carry no prompts.
  const dataFlows = base.dataFlows
    .slice(0, Math.max(0, size * 2 - dropped))
    .map((f, k) =>
      k % 3 === 0 ? f : { ...f, props: { ...f.props, kind: FLOW_KINDS[k % FLOW_KINDS.length]! } },
    );
  return canonicalOrder({ ...base, dataFlows });
}

const sizes = fc.tuple(fc.integer({ min: 2, max: 120 }), fc.integer({ min: 0, max: 200 }));

describe('membership searches agree with the searches explanations read', () => {
  it('label sets, flow labels, untrusted paths and reach: a member exactly where a predecessor is recorded', () => {
    fc.assert(
      fc.property(sizes, ([size, dropped]) => {
        const { facts } = buildEvaluationContext(model(size, dropped), library);
        for (const sets of [
          facts.upstreamTypes,
          facts.downstreamTypes,
          facts.upstreamOrigins,
          facts.reachesPromptedApi,
        ])
          for (let i = 0; i < size; i++)
            for (let l = 0; l < sets.labelCount; l++) {
              const bit = (sets.bits[i * sets.words + (l >>> 5)]! >>> (l & 31)) & 1;
              expect(bit).toBe(sets.pred[i * sets.labelCount + l] === -1 ? 0 : 1);
            }
        for (const labels of [
          facts.prompters,
          facts.promptersUnguarded,
          facts.content,
          facts.contentUnguarded,
        ])
          for (let at = 0; at < labels.reached.length; at++)
            expect(labels.reached[at]).toBe(labels.pred[at] === -1 ? 0 : 1);
        const { member, pred, ends } = facts.untrusted;
        for (let st = 0; st < member.length; st++)
          expect(member[st]).toBe(pred[st] !== -1 ? FLOWS : ends[st] !== -1 ? ENDS : 0);
        for (const reach of [facts.llmDriven, facts.exposedLlmDriven, facts.unapprovedTools])
          for (let i = 0; i < size; i++) expect(reach.reached[i]).toBe(reach.pred[i] === -1 ? 0 : 1);
      }),
      { numRuns: 60 },
    );
  });

  it('label sets searched together equal each searched alone, bits and paths', () => {
    fc.assert(
      fc.property(sizes, ([size, dropped]) => {
        const { facts, graph } = buildEvaluationContext(model(size, dropped), library);
        for (const [sets, direction] of [
          [facts.upstreamTypes, 'forward'],
          [facts.upstreamOrigins, 'forward'],
          [facts.downstreamTypes, 'backward'],
          [facts.reachesPromptedApi, 'backward'],
        ] as const) {
          const alone = propagateLabels(graph, direction, sets.labelCount, sets.ownLabels);
          expect([...sets.bits]).toEqual([...alone.bits]);
          expect([...sets.pred]).toEqual([...alone.pred]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('flow labels searched together equal each searched alone, membership and paths', () => {
    fc.assert(
      fc.property(sizes, ([size, dropped]) => {
        const { facts, graph } = buildEvaluationContext(model(size, dropped), library);
        const { specs } = facts;
        for (const [labels, options] of [
          [facts.prompters, specs.promptOptions],
          [facts.promptersUnguarded, specs.promptUnguardedOptions],
          [facts.content, specs.contentOptions],
          [facts.contentUnguarded, specs.contentUnguardedOptions],
        ] as const) {
          const alone = propagateFlowLabels(graph, options);
          expect([...labels.reached]).toEqual([...alone.reached]);
          expect([...labels.pred]).toEqual([...alone.pred]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a path condition from every component of some types reads the type labels: members, paths and hops as the search', () => {
    const typeIds = [...library.catalogue.types.keys()];
    fc.assert(
      fc.property(
        sizes,
        fc.uniqueArray(fc.nat({ max: typeIds.length - 1 }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        ([size, dropped], picked, forward) => {
          const ctx = buildEvaluationContext(model(size, dropped), library);
          const types = picked.map((t) => typeIds[t]!);
          const sources = ctx.types.flatMap((t, i) => (types.includes(t) ? [i] : []));
          const direction = forward ? 'forward' : 'backward';
          const fast = typeReach(ctx, types, sources, direction)!;
          const search = reachAlong(ctx.graph, sources, direction);
          expect([...fast.reached]).toEqual([...search.reached]);
          expect([...fast.pred]).toEqual([...search.pred]);
          expect([...fast.hops!]).toEqual([...search.hops!]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('bounded path searches: members, hop counts and predecessors agree', () => {
    fc.assert(
      fc.property(sizes, fc.integer({ min: 1, max: 4 }), fc.nat(), ([size, dropped], maxHops, salt) => {
        const { graph } = buildEvaluationContext(model(size, dropped), library);
        const sources = [salt % size, (salt * 7 + 3) % size];
        const reach = reachAlong(graph, sources, salt % 2 === 0 ? 'forward' : 'backward', {
          maxHops,
          follows: (k) => (k + salt) % 3 !== 0,
          blocks: (i) => (i + salt) % 5 === 0,
        });
        for (let i = 0; i < size; i++) {
          const p = reach.pred[i]!;
          expect(reach.reached[i]).toBe(p === -1 ? 0 : 1);
          if (p === -1) continue;
          expect(reach.hops![i]).toBe(p <= -2 ? 1 : reach.hops![p]! + 1);
          expect(reach.hops![i]).toBeLessThanOrEqual(maxHops);
        }
      }),
      { numRuns: 100 },
    );
  });
});
