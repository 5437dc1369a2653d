import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedLibrary } from '../../../src/core/index';
import { importDocument, importThreatComposer, importThreatDragon } from '../../../src/core/interop/index';
import { fixture } from './support';

const options = { catalogue: shippedLibrary().catalogue };
const importers = [importThreatDragon, importThreatComposer, importDocument];

/** Replaces the value at a random path of `root` with `replacement`. */
function mutate(root: unknown, choices: number[], replacement: unknown): unknown {
  const copy = structuredClone(root);
  let parent: unknown = undefined;
  let key: string | number | undefined;
  let node: unknown = copy;
  for (const choice of choices) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node;
    key = keys[choice % keys.length]!;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (parent === undefined || key === undefined) return replacement;
  (parent as Record<string | number, unknown>)[key] = replacement;
  return copy;
}

const bases = [
  fixture('threat-dragon/v2-threat-model.json'),
  fixture('threat-dragon/three-tier-web-app.json'),
  fixture('threat-composer/GenAIChatbot.tc.json'),
];

describe('the importers never throw', () => {
  it('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        for (const run of importers) {
          const result = run(value, options);
          expect(typeof result.ok).toBe('boolean');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on real files with a random part replaced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bases.keys()),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(null), fc.constant(''), fc.constant(-1e300)),
        (base, choices, replacement) => {
          const input = mutate(bases[base], choices, replacement);
          for (const run of importers) {
            const result = run(input, options);
            if (!result.ok) for (const p of result.problems) expect(p.path.startsWith('$')).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
