import { describe, expect, it } from 'vitest';
import { updateComponent } from '../../../src/core';
import { layoutEdges, relayoutAfterMove } from '../../../src/ui/canvas/edgeLayouts';
import { createLabelSlots } from '../../../src/ui/canvas/labelSlots';
import { component, flow, model } from '../../support/modelBuilders';

const at = (x: number, y: number) => ({ position: { x, y } });

describe('label spots kept beside the edges', () => {
  const doc = model({
    components: [
      component('a', 'user', {}, undefined, at(0, 0)),
      component('b', 'llm-app', {}, undefined, at(600, 0)),
      component('c', 'llm', {}, undefined, at(600, 400)),
    ],
    dataFlows: [
      flow('a', 'b', {}, 'f1', { label: 'question' }),
      flow('b', 'a', {}, 'f2', { label: 'answer' }),
      flow('b', 'c', {}, 'f3', { label: 'prompt' }),
    ],
  });

  it('gives each drawn flow its spot, and after a move tells only the flows whose spot changed', () => {
    const layouts = layoutEdges(doc);
    const slots = createLabelSlots(layouts, doc);
    expect(['f1', 'f2', 'f3'].map((id) => slots.get(id))).toEqual(layouts.slots);
    expect(slots.get('nope')).toBeUndefined();
    const told: string[] = [];
    const stops = ['f1', 'f2', 'f3'].map((id) => slots.subscribe(id, () => told.push(id)));
    // c right next to b: no room for b → c's label any more; f1 and f2 keep theirs.
    const crowded = updateComponent(doc, 'c', at(600, 84));
    const next = relayoutAfterMove(layouts, doc, crowded)!;
    slots.publish(next, crowded);
    expect(slots.get('f3')).toBeNull();
    expect(told).toEqual(['f3']);
    // The same layouts again, or a listener gone: nobody is told.
    slots.publish(next, crowded);
    stops[2]!();
    slots.publish(layouts, doc);
    expect(told).toEqual(['f3']);
    expect(slots.get('f3')).toBe(layouts.slots[2]);
  });
});
