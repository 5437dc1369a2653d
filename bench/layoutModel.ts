import { createEmptyDocument, type ThreatModelDocument } from '../src/core/index';

const TYPES = ['user', 'data-source', 'llm-app', 'llm', 'agent', 'agent-tool', 'vector-store', 'data-store'];

/**
 * A model for automatic layout at scale, shared by the UI benchmark and the layout tests:
 * `components` components with no positions, spread over `boundaries` trust boundaries of which
 * every third is nested in the one before it, and `flows` flows — a chain through all components
 * (so most flows cross no boundary) plus long links that cross boundaries.
 */
export function unpositionedZonedModel(
  components = 1000,
  flows = 2 * components,
  boundaries = 10,
): ThreatModelDocument {
  const doc = createEmptyDocument(`Layout: ${components.toLocaleString('en')} components`);
  for (let b = 0; b < boundaries; b++)
    doc.trustBoundaries.push({
      id: `tb-${b}`,
      label: `Zone ${b}`,
      zone: b === 0 ? 'internet' : 'internal',
      ...(b % 3 === 2 ? { parentId: `tb-${b - 1}` } : {}),
    });
  const perBoundary = Math.ceil(components / Math.max(1, boundaries));
  for (let i = 0; i < components; i++)
    doc.components.push({
      id: `c-${i}`,
      type: TYPES[i % TYPES.length]!,
      label: `Component ${i}`,
      ...(boundaries > 0 ? { boundaryId: `tb-${Math.floor(i / perBoundary)}` } : {}),
      props: {},
    });
  for (let k = 0; k < flows; k++) {
    const source = k % components;
    let target = k < components ? (source + 1) % components : (source * 7 + 13) % components;
    if (target === source) target = (target + 1) % components;
    doc.dataFlows.push({
      id: `f-${k}`,
      sourceId: `c-${source}`,
      targetId: `c-${target}`,
      label: k % 10 === 0 ? `flow ${k}` : '',
      props: {},
    } as ThreatModelDocument['dataFlows'][number]);
  }
  return doc;
}
