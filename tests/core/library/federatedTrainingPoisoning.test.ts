import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, parseDocumentText, shippedLibrary } from '../../../src/core/index';

/**
 * A federated training job gets the generic training-data-poisoning finding only for poisonable
 * data it reads centrally: untrusted input that arrives solely inside clients' model updates is
 * federated-update poisoning, raised by its own rule. Variants of examples/edge-vision-federated.
 */
const library = shippedLibrary();
const RULE = 'rule.training-data-poisoning.untrusted-sources';
const base = JSON.parse(readFileSync('examples/edge-vision-federated.aitm.json', 'utf8')) as {
  components: Record<string, unknown>[];
  dataFlows: Record<string, unknown>[];
};

type Doc = typeof base;

function rulesOnAggregator(doc: Doc): string[] {
  const parsed = parseDocumentText(JSON.stringify(doc), { catalogue: library.catalogue });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return evaluate(parsed.value, library)
    .filter((f) => f.targetId === 'c-aggregator')
    .flatMap((f) => (f.ruleId ? [f.ruleId] : []));
}

function variant(components: Record<string, unknown>[], dataFlows: Record<string, unknown>[]): Doc {
  const doc = structuredClone(base);
  doc.components.push(...components);
  doc.dataFlows.push(...dataFlows);
  return doc;
}

const flow = (id: string, sourceId: string, targetId: string, data: string[], kind = 'response') => ({
  id,
  sourceId,
  targetId,
  label: id,
  props: { encrypted: true, authenticated: true, data, kind },
});

const webCorpus = {
  id: 'c-web',
  type: 'data-source',
  label: 'Scraped street imagery',
  boundaryId: 'tb-cloud',
  position: { x: 40, y: 700 },
  props: { origin: 'public-web' },
};

describe('training-data poisoning of a federated job', () => {
  it('is not raised when untrusted input reaches it only as client weight updates', () => {
    const rules = rulesOnAggregator(base);
    expect(rules).not.toContain(RULE);
    expect(rules).toContain('rule.federated-update-poisoning.client-updates');
  });

  it('is raised when the job also reads a public-web data source directly', () => {
    const doc = variant([webCorpus], [flow('f-web', 'c-web', 'c-aggregator', ['training-data'])]);
    expect(rulesOnAggregator(doc)).toContain(RULE);
  });

  it('is raised when a device uploads raw frames into a central store the job trains on', () => {
    const store = {
      id: 'c-frames',
      type: 'dataset-store',
      label: 'Uploaded frames',
      boundaryId: 'tb-cloud',
      position: { x: 40, y: 850 },
      props: { accessControlled: true, versioned: true },
    };
    const doc = variant(
      [store],
      [
        flow('f-upload', 'c-camera', 'c-frames', ['training-data'], 'write'),
        flow('f-read', 'c-frames', 'c-aggregator', ['training-data']),
      ],
    );
    expect(rulesOnAggregator(doc)).toContain(RULE);
  });

  it('is not raised for a non-edge client that sends only model updates', () => {
    const phones = {
      id: 'c-phones',
      type: 'process',
      label: 'Phone app fleet',
      boundaryId: 'tb-street',
      position: { x: 40, y: 850 },
      props: {},
    };
    const doc = variant(
      [webCorpus, phones],
      [
        flow('f-app-input', 'c-web', 'c-phones', ['training-data'], 'write'),
        flow('f-app-update', 'c-phones', 'c-aggregator', ['model-artifact'], 'write'),
      ],
    );
    expect(rulesOnAggregator(doc)).not.toContain(RULE);
  });
});
