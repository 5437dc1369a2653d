import type { Component } from '../../core';

/** A component as a choice in a list: its id and the name shown for it. */
export interface ComponentChoice {
  id: string;
  name: string;
}

let last: { components: readonly Component[]; choices: ComponentChoice[] } | null = null;

/**
 * The components as choices, the same array while no id, name or order changed: a property edit
 * replaces a component object, and a list of ten thousand options built and diffed again on each
 * such edit was a fifth of the time an edit took to show at that size. A renamed component (a
 * keystroke in its label) replaces its own choice only: the others stay the same objects.
 */
export function componentChoices(components: readonly Component[]): ComponentChoice[] {
  if (last?.components === components) return last.choices;
  const choices = renamedInPlace(last, components) ?? components.map(choiceOf);
  last = { components, choices };
  return choices;
}

const choiceOf = (c: Component): ComponentChoice => ({ id: c.id, name: c.label || c.id });

/** The previous choices with renamed ones replaced, when the ids are the same in the same order. */
function renamedInPlace(
  previous: { components: readonly Component[]; choices: ComponentChoice[] } | null,
  components: readonly Component[],
): ComponentChoice[] | undefined {
  if (!previous || previous.choices.length !== components.length) return undefined;
  let out: ComponentChoice[] | undefined;
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    // The very component of the list before: its choice stands (no strings compared).
    if (c === previous.components[i]) continue;
    const p = previous.choices[i]!;
    if (p.id !== c.id) return undefined;
    if (p.name !== (c.label || c.id)) (out ??= previous.choices.slice())[i] = choiceOf(c);
  }
  return out ?? previous.choices;
}
