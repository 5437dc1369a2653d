import type { Catalogue } from '../library/catalogue';
import type { PropValue } from '../model/document';
import type { EvaluationContext } from './evaluationContext';
import type { FactDefinition } from './factTypes';

/** One `prop.<name>` and one `set.<name>` fact per property the catalogue declares. */
export function propertyFacts(catalogue: Catalogue): FactDefinition[] {
  const facts: FactDefinition[] = [];
  const defaults = defaultsByType(catalogue);
  for (const [name, declaration] of catalogue.properties) {
    const defaultOf = defaults.get(name) ?? NONE;
    /** The component's own value, as `ctx.prop` reads it first (undefined when it sets none). */
    const own = (ctx: EvaluationContext, i: number): PropValue | undefined => {
      const props = ctx.doc.components[i]!.props;
      if (props === undefined) return undefined;
      const value = props[name];
      return value !== undefined && Object.hasOwn(props, name) ? value : undefined;
    };
    facts.push({
      name: `prop.${name}`,
      target: 'component',
      valueType: declaration.kind === 'boolean' ? 'boolean' : 'string',
      ...(declaration.kind === 'enum' ? { values: declaration.values } : {}),
      description: `The "${name}" property (${declaration.label}); the catalogue default when not set, null for types without it.`,
      phrase: declaration.label,
      // What `ctx.prop(i, name) ?? null` answers — the own value, else the type's catalogue default —
      // read here with one property look-up and one map look-up: every property leaf of every rule
      // (and of every path search) comes this way, and `ctx.prop` took two calls and four look-ups.
      get: (ctx, i) => {
        const value = own(ctx, i);
        return (
          ((value !== undefined ? value : defaultOf.get(ctx.types[i]!)) as string | boolean | undefined) ??
          null
        );
      },
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
      // Set and not defaulted is exactly: the component's own value is there.
      get: (ctx, i) => own(ctx, i) !== undefined,
    });
  }
  return facts;
}

const NONE: ReadonlyMap<string, PropValue | undefined> = new Map();

/**
 * By property name, the catalogue default of the property by type id, for the types that declare
 * it — what the context's `typeDefaults` holds for it (both come from the library's types; the last
 * declaration of a name in a type wins in both). One pass over the types' properties: a pass per
 * name took 8 ms of the page's start, in code not yet compiled.
 */
function defaultsByType(catalogue: Catalogue): ReadonlyMap<string, Map<string, PropValue | undefined>> {
  const out = new Map<string, Map<string, PropValue | undefined>>();
  for (const [id, type] of catalogue.types)
    for (const p of type.properties) {
      let byType = out.get(p.name);
      if (!byType) out.set(p.name, (byType = new Map()));
      byType.set(id, p.default as PropValue | undefined);
    }
  return out;
}
