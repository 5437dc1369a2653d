import { createEmptyDocument, type ThreatModelDocument } from '../src/core/index';

/**
 * The large inputs of the hardening issue (issue 10), shared by the UI benchmark and the browser
 * tests. Each is valid and within the limits; each froze or crashed the editor before it moved its
 * heavy work off the main thread.
 */

/** Two components and `flows` flows between them: 5.7 MB of compact JSON at 100,000 flows. */
export function manyFlowsModel(flows = 100_000): ThreatModelDocument {
  const doc = createEmptyDocument('Two nodes, many flows');
  doc.components.push(
    { id: 'c-a', type: 'llm-app', label: 'App', position: { x: 0, y: 0 }, props: {} },
    { id: 'c-b', type: 'inference-api', label: 'API', position: { x: 400, y: 0 }, props: {} },
  );
  for (let i = 0; i < flows; i++)
    doc.dataFlows.push({
      id: `f-${i}`,
      sourceId: i % 2 ? 'c-b' : 'c-a',
      targetId: i % 2 ? 'c-a' : 'c-b',
      label: '',
    } as ThreatModelDocument['dataFlows'][number]);
  return doc;
}

/** A chain of `size` components, none with a position: the editor must lay it out. */
export function unpositionedChain(size = 3000): ThreatModelDocument {
  const doc = createEmptyDocument(`Chain of ${size}`);
  for (let i = 0; i < size; i++)
    doc.components.push({ id: `c-${i}`, type: 'llm-app', label: `Step ${i}`, props: {} });
  for (let i = 1; i < size; i++)
    doc.dataFlows.push({ id: `f-${i}`, sourceId: `c-${i - 1}`, targetId: `c-${i}`, label: '', props: {} });
  return doc;
}

/** A rule pack of about `kilobytes` KB: many threats, each with a rule on one component type. */
export function largeRulePack(kilobytes = 900): { name: string; threats: unknown[]; rules: unknown[] } {
  const threats: unknown[] = [];
  const rules: unknown[] = [];
  let size = 0;
  for (let i = 0; size < kilobytes * 1024; i++) {
    const threat = {
      id: `threat.pack-${i}`,
      title: `Pack threat ${i}`,
      description: `A threat from a large rule pack, number ${i}.`,
      likelihood: 'medium',
      impact: 'medium',
      references: { guidelines: [] },
      mitigations: [],
    };
    const rule = {
      id: `rule.pack-${i}`,
      threat: `threat.pack-${i}`,
      target: 'component',
      types: ['llm'],
      when: { fact: 'prop.hasSystemPrompt', op: 'eq', value: true },
    };
    threats.push(threat);
    rules.push(rule);
    size += JSON.stringify(threat).length + JSON.stringify(rule).length + 2;
  }
  return { name: 'Large pack', threats, rules };
}
