import type { Catalogue } from '../library/catalogue';
import type { FactDefinition } from './factTypes';

/** One `prop.<name>` and one `set.<name>` fact per property the catalogue declares. */
export function propertyFacts(catalogue: Catalogue): FactDefinition[] {
  const facts: FactDefinition[] = [];
  for (const [name, declaration] of catalogue.properties) {
    facts.push({
      name: `prop.${name}`,
      target: 'component',
      valueType: declaration.kind === 'boolean' ? 'boolean' : 'string',
      ...(declaration.kind === 'enum' ? { values: declaration.values } : {}),
      description: `The "${name}" property (${declaration.label}); the catalogue default when not set, null for types without it.`,
      phrase: declaration.label,
      get: (ctx, i) => (ctx.prop(i, name) as string | boolean | undefined) ?? null,
      defaulted: (ctx, i) => ctx.isDefaulted(i, name),
    });
    // `prop.<name>` falls back to the catalogue default, so `exists` cannot tell a value the model
    // states from one it leaves out. Rules that must rest only on what the model says ask this.
    facts.push({
      name: `set.${name}`,
      target: 'component',
      valueType: 'boolean',
      description: `Whether the model itself sets the "${name}" property (${declaration.label}), rather than leaving it to the catalogue default; false for types without it.`,
      phrase: `${declaration.label.toLowerCase()} is set in the model`,
      get: (ctx, i) => ctx.prop(i, name) !== undefined && !ctx.isDefaulted(i, name),
    });
  }
  return facts;
}
