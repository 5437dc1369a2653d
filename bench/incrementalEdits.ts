import type { Finding, ThreatModelDocument } from '../src/core/index';

/**
 * The edits `npm run bench` times on the incremental evaluator, each a new document made with
 * structural sharing from the previous one (as the editor's commands make them). `step` varies
 * the edit so that successive documents differ.
 */
export type EditMaker = (
  doc: ThreatModelDocument,
  step: number,
  findings: readonly Finding[],
) => ThreatModelDocument;

const replaceAt = <T>(list: readonly T[], i: number, value: T): T[] => {
  const copy = [...list];
  copy[i] = value;
  return copy;
};

/** One property edit: an LLM's system prompt switched on and off (no graph analysis reads it). */
export const propertyEdit: EditMaker = (doc, step) => {
  const i = doc.components.findIndex((c) => c.type === 'llm');
  const c = doc.components[i]!;
  return {
    ...doc,
    components: replaceAt(doc.components, i, {
      ...c,
      props: { ...c.props, hasSystemPrompt: step % 2 === 0 },
    }),
  };
};

/** One keystroke in a component's label. */
export const labelEdit: EditMaker = (doc, step) => {
  const i = Math.floor(doc.components.length / 2);
  const c = doc.components[i]!;
  return {
    ...doc,
    components: replaceAt(doc.components, i, { ...c, label: `${c.label.slice(0, 20)}${step % 10}` }),
  };
};

/** One triage edit: a finding's status set. */
export const triageEdit: EditMaker = (doc, step, findings) => {
  const f = findings[(step * 7919) % findings.length]!;
  return {
    ...doc,
    triage: { ...doc.triage, [f.key]: { status: step % 2 === 0 ? 'accepted' : 'mitigated' } },
  };
};

/** One new flow between two components: reachability changes. */
export const newFlowEdit: EditMaker = (doc, step) => {
  const size = doc.components.length;
  const s = (step * 104_729) % size;
  const t = (s + 1 + ((step * 7) % (size - 1))) % size;
  return {
    ...doc,
    dataFlows: [
      ...doc.dataFlows,
      {
        id: `bench-flow-${step}`,
        sourceId: doc.components[s]!.id,
        targetId: doc.components[t]!.id,
        label: '',
        props: { data: ['prompts'] },
      },
    ],
  };
};

/** One component dropped from the palette: a new element, so every later index moves by one. */
export const newComponentEdit: EditMaker = (doc, step) => ({
  ...doc,
  components: [
    ...doc.components,
    {
      id: `bench-component-${step}`,
      type: step % 2 === 0 ? 'llm' : 'data-store',
      label: `New ${step}`,
      ...(doc.trustBoundaries.length > 0
        ? { boundaryId: doc.trustBoundaries[step % doc.trustBoundaries.length]!.id }
        : {}),
    },
  ],
});

/** One component deleted with its flows (the selection's Delete). */
export const removeComponentEdit: EditMaker = (doc, step) => {
  const gone = doc.components[(step * 7919) % doc.components.length]!.id;
  return {
    ...doc,
    components: doc.components.filter((c) => c.id !== gone),
    dataFlows: doc.dataFlows.filter((f) => f.sourceId !== gone && f.targetId !== gone),
  };
};
