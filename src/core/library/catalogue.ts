import type { ComponentType, PropertyDeclaration } from './librarySchema';
import type { PropValue } from '../model/document';

/** The component types a library declares, indexed by id. */
export interface Catalogue {
  types: ReadonlyMap<string, ComponentType>;
  /** Declarations by property name across all types (used to type `prop.*` facts). */
  properties: ReadonlyMap<string, PropertyDeclaration>;
}

export function buildCatalogue(types: readonly ComponentType[]): Catalogue {
  const properties = new Map<string, PropertyDeclaration>();
  for (const type of types)
    for (const p of type.properties) if (!properties.has(p.name)) properties.set(p.name, p);
  return { types: new Map(types.map((t) => [t.id, t])), properties };
}

/**
 * A component's properties with catalogue defaults filled in, and which ones were defaulted — a
 * finding that rests on a default says so, because "not authenticated" may only mean "not recorded".
 */
export function resolveProps(
  type: ComponentType | undefined,
  props: Readonly<Record<string, PropValue>> | undefined,
): { values: Record<string, PropValue>; defaulted: Set<string> } {
  const values: Record<string, PropValue> = Object.create(null) as Record<string, PropValue>;
  const defaulted = new Set<string>();
  for (const declaration of type?.properties ?? []) {
    const given = props?.[declaration.name];
    if (given === undefined) {
      values[declaration.name] = declaration.default;
      defaulted.add(declaration.name);
    } else values[declaration.name] = given;
  }
  return { values, defaulted };
}
