import { describe, expect, it } from 'vitest';
import { projectEdges } from '../../src/ui/canvas/projectDocument';
import { apiModel } from '../support/modelBuilders';

describe('data flows as screen readers hear them', () => {
  it('names a flow by its components and label, not by ids', () => {
    const [edge] = projectEdges(apiModel(), new Set(), []);
    expect(edge!.ariaLabel).toBe('Data flow Customer → Chat API: questions');
  });

  it('renaming a component gives its flows a new label, though the flow itself is unchanged', () => {
    const doc = apiModel();
    const before = projectEdges(doc, new Set(), []);
    const renamed = {
      ...doc,
      components: doc.components.map((c) => (c.id === 'c-user' ? { ...c, label: 'Visitor' } : c)),
    };
    const after = projectEdges(renamed, new Set(), before);
    expect(after[0]!.ariaLabel).toBe('Data flow Visitor → Chat API: questions');
    // Nothing renamed: the previous edge object is kept, so React Flow does not redraw it.
    expect(projectEdges(renamed, new Set(), after)[0]).toBe(after[0]);
  });
});
