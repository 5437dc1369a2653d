import { describe, expect, it } from 'vitest';
import { updateComponent } from '../../src/core/index';
import { componentChoices } from '../../src/ui/inspector/componentChoices';
import { syntheticModel } from '../../bench/syntheticModel';

const names = (doc: ReturnType<typeof syntheticModel>) =>
  doc.components.map((c) => ({ id: c.id, name: c.label || c.id }));

describe('component choices of the inspector', () => {
  it('replace only a renamed component’s choice, keep the array over a property edit, rebuild on reorder', () => {
    const doc = syntheticModel(30);
    const first = componentChoices(doc.components);
    expect(first).toEqual(names(doc));

    const edited = updateComponent(doc, doc.components[4]!.id, { props: { authenticated: true } });
    expect(componentChoices(edited.components)).toBe(first);

    const renamed = updateComponent(edited, doc.components[4]!.id, { label: 'Renamed' });
    const after = componentChoices(renamed.components);
    expect(after).not.toBe(first);
    expect(after).toEqual(names(renamed));
    after.forEach((choice, i) =>
      i === 4 ? expect(choice).not.toBe(first[i]) : expect(choice).toBe(first[i]),
    );

    const reordered = { ...renamed, components: [...renamed.components].reverse() };
    expect(componentChoices(reordered.components)).toEqual(names(reordered));
  });
});
