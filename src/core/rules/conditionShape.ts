// What the shape of a compiled condition tells the compiler: the order of its tests, and the
// component types it can hold for.
import type { CompiledCondition } from './compileConditions';
import { OP_CODE } from './operators';

/**
 * The items of an `all` or `any` in the order they are tested: path and `some` conditions (and
 * compounds holding one) after the rest, otherwise as written. `and` and `or` do not depend on the
 * order and testing has no effect but caching, so the answer is the same; but a path condition
 * searches the graph the first time it is asked, and a leaf that already decides the answer makes
 * that search unneeded (or its later look-ups). Traces walk `items`, in the rule's order.
 */
export function testOrder(items: CompiledCondition[]): CompiledCondition[] {
  const searches = items.filter(searchesGraph);
  if (searches.length === 0 || searches.length === items.length) return items;
  return [...items.filter((item) => !searchesGraph(item)), ...searches];
}

function searchesGraph(condition: CompiledCondition): boolean {
  switch (condition.kind) {
    case 'path':
    case 'some':
      return true;
    case 'leaf':
      return false;
    case 'not':
      return searchesGraph(condition.item);
    case 'all':
    case 'any':
      return condition.items.some(searchesGraph);
  }
}

/**
 * The component types a component condition can hold for, when it says (`type` is one, or one of
 * several): so a path condition tests its `where` only on components of those types. Undefined
 * when it may hold for any type.
 */
export function typesOf(condition: CompiledCondition): readonly string[] | undefined {
  switch (condition.kind) {
    case 'leaf': {
      if (condition.fact.name !== 'type' || condition.fact.target !== 'component' || condition.end !== 0)
        return undefined;
      if (condition.code === OP_CODE.EQ)
        return typeof condition.value === 'string' ? [condition.value] : undefined;
      return condition.code === OP_CODE.IN ? condition.list : undefined;
    }
    case 'all': {
      // Every item must hold: the narrowest item that names types bounds them all.
      let narrowest: readonly string[] | undefined;
      for (const item of condition.items) {
        const types = typesOf(item);
        if (types && (!narrowest || types.length < narrowest.length)) narrowest = types;
      }
      return narrowest;
    }
    case 'any': {
      // Some item must hold: only if every item names types are they bounded, by all of them.
      if (condition.items.length === 0) return undefined;
      const union = new Set<string>();
      for (const item of condition.items) {
        const types = typesOf(item);
        if (!types) return undefined;
        for (const t of types) union.add(t);
      }
      return [...union];
    }
    default:
      return undefined;
  }
}
