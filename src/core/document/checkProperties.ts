import type { ThreatModelDocument } from '../model/document';
import { formatPath, quote, type Problem } from '../model/problems';
import type { Catalogue } from '../library/catalogue';

const MAX_STRING_PROP = 2000;

/** Checks each component's type and properties against the catalogue's declarations. */
export function checkProperties(doc: ThreatModelDocument, catalogue: Catalogue): Problem[] {
  const problems: Problem[] = [];
  doc.components.forEach((component, i) => {
    const type = catalogue.types.get(component.type);
    if (!type) {
      problems.push({
        path: `$.components[${i}].type`,
        message: `unknown component type ${quote(component.type)}; known types: ${[...catalogue.types.keys()].join(', ')}`,
      });
      return;
    }
    for (const [name, value] of Object.entries(component.props ?? {})) {
      const path = formatPath(['components', i, 'props', name]);
      const declaration = type.properties.find((p) => p.name === name);
      if (!declaration) {
        const known = type.properties.map((p) => p.name);
        problems.push({
          path,
          message: `unknown property for type "${type.id}"${known.length ? `; its properties are ${known.join(', ')}` : '; it has no properties'}`,
        });
        continue;
      }
      if (declaration.kind === 'boolean' && typeof value !== 'boolean')
        problems.push({ path, message: `expected true or false, got ${quote(value, 40)}` });
      if (declaration.kind === 'string' && typeof value !== 'string')
        problems.push({ path, message: 'expected a string' });
      if (declaration.kind === 'string' && typeof value === 'string' && value.length > MAX_STRING_PROP)
        problems.push({ path, message: `must be at most ${MAX_STRING_PROP} characters` });
      if (declaration.kind === 'enum' && (typeof value !== 'string' || !declaration.values.includes(value))) {
        problems.push({
          path,
          message: `must be one of ${declaration.values.map((v) => `"${v}"`).join(', ')}`,
        });
      }
    }
  });
  return problems;
}
