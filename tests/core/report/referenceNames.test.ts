import { describe, expect, it } from 'vitest';
import { referenceTitle, shippedLibrary, type ReferenceFramework } from '../../../src/core/index';

/** Every framework id the shipped library cites has a name to show beside it (issue 12, point 8). */

const library = shippedLibrary();
const FIELDS = ['atlas', 'owaspLlm', 'owaspMl', 'owaspAgentic', 'saif'] as const;

const cited = (field: (typeof FIELDS)[number]) =>
  [...new Set([...library.threats.values()].flatMap((t) => t.references[field] ?? []))].sort();
const atlasMitigations = [
  ...new Set(
    [...library.mitigations.values()].flatMap((m) => m.controls.filter((c) => /^AML\.M\d{4}$/.test(c))),
  ),
].sort();

describe('reference names', () => {
  it.each(FIELDS)('names every %s id the library cites', (field) => {
    const ids = cited(field);
    expect(ids.length).toBeGreaterThan(0);
    const unnamed = ids.filter((id) => !referenceTitle(field as ReferenceFramework, id));
    expect(unnamed).toEqual([]);
  });

  it('names every ATLAS mitigation the library cites', () => {
    expect(atlasMitigations.length).toBeGreaterThan(0);
    expect(atlasMitigations.filter((id) => !referenceTitle('atlasMitigation', id))).toEqual([]);
  });

  it('gives no name to an id it does not know, or to a prototype key', () => {
    expect(referenceTitle('atlas', 'AML.T9999')).toBeUndefined();
    expect(referenceTitle('atlas', 'constructor')).toBeUndefined();
  });
});
