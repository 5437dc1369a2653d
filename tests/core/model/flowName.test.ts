import { describe, expect, it } from 'vitest';
import { evaluate, exportMarkdownReport, flowName, shippedLibrary } from '../../../src/core/index';
import { component, flow, model } from '../../support/modelBuilders';
import { ruleLibrary } from '../../support/libraryBuilders';

describe('flowName', () => {
  const names = new Map([
    ['a', 'Browser'],
    ['b', 'Chat API'],
  ]);
  const nameOf = (id: string) => names.get(id);

  it('names a flow by its ends, an unnamed end by its id', () => {
    expect(flowName({ sourceId: 'a', targetId: 'b', label: 'questions' }, nameOf)).toBe('Browser → Chat API');
    expect(flowName({ sourceId: 'a', targetId: 'gone', label: '' }, nameOf)).toBe('Browser → gone');
  });

  it('adds the label only when asked and when there is one', () => {
    expect(flowName({ sourceId: 'a', targetId: 'b', label: 'questions' }, nameOf, { withLabel: true })).toBe(
      'Browser → Chat API: questions',
    );
    expect(flowName({ sourceId: 'a', targetId: 'b', label: '' }, nameOf, { withLabel: true })).toBe(
      'Browser → Chat API',
    );
  });

  it('is how findings on an unlabelled flow and the report name it', () => {
    const library = ruleLibrary([{ id: 'rule.f', threat: 'threat.test', target: 'dataFlow' }]);
    const doc = model({
      components: [
        { ...component('u', 'user'), label: 'Visitor' },
        { ...component('app', 'llm-app'), label: 'Assistant' },
      ],
      dataFlows: [flow('u', 'app', {}, 'f1')],
    });
    expect(evaluate(doc, library).map((f) => f.targetLabel)).toEqual(['Visitor → Assistant']);
    expect(exportMarkdownReport(doc, shippedLibrary())).toContain('| f1 | Visitor → Assistant |');
  });
});
