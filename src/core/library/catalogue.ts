import type { ComponentType, PropertyDeclaration } from './librarySchema';

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
