import { describe, expect, it } from 'vitest';
import { loadLibrary, SHIPPED_LIBRARY_SOURCES, shippedLibrary } from '../../../src/core/index';
import { LibraryFileSchema } from '../../../src/core/library/libraryFile';
import { trustedLibraryFile } from '../../../src/core/library/trustedLibraryFile';

/**
 * The shipped library skips the schema check on load (trustedLibraryFile): what it gives must be
 * exactly what the schema gives, key order included (reports print what the library holds), and
 * the shipped data must stay valid under the full check (shippedLibrary.test.ts loads it so).
 */
const asZodGives = (content: unknown) => JSON.stringify(LibraryFileSchema.parse(content));

describe('trusted library files', () => {
  it.each(SHIPPED_LIBRARY_SOURCES.map((s) => [s.path, s.content] as const))(
    '%s: the same as the schema gives',
    (_path, content) => {
      expect(JSON.stringify(trustedLibraryFile(content))).toBe(asZodGives(content));
    },
  );

  it('fills every default of the schema, in the schema’s key order', () => {
    const references = { saif: ['PIJ'], guidelines: ['G-1'] };
    const file = {
      version: '1',
      name: 'defaults',
      threats: [
        { impact: 'high', id: 'threat.a', title: 'A', description: 'a', likelihood: 'low', references },
      ],
      mitigations: [{ guidelines: ['G-1'], id: 'mitigation.a', title: 'M', guidance: 'g' }],
      rules: [
        { threat: 'threat.a', id: 'rule.a', target: 'model' },
        {
          id: 'rule.b',
          references: {},
          threat: 'threat.a',
          target: 'component',
          adjust: [{ reason: 'r', when: { fact: 'x', op: 'eq', value: 1 }, references: { atlas: [] } }],
          byDesign: [],
        },
      ],
    };
    const trusted = trustedLibraryFile(file);
    expect(JSON.stringify(trusted)).toBe(asZodGives(file));
    expect(trusted.threats?.[0]?.references.owaspAgentic).toEqual([]);
    expect(trusted.rules?.[0]?.adjust).toEqual([]);
  });

  it('makes the same library as the full check', () => {
    const checked = loadLibrary(SHIPPED_LIBRARY_SOURCES);
    if (!checked.ok) throw new Error('the shipped library is invalid');
    const trusted = shippedLibrary();
    expect(JSON.stringify(trusted.rules)).toBe(JSON.stringify(checked.value.rules));
    expect(JSON.stringify([...trusted.threats])).toBe(JSON.stringify([...checked.value.threats]));
    expect(JSON.stringify([...trusted.mitigations])).toBe(JSON.stringify([...checked.value.mitigations]));
    expect(JSON.stringify(trusted.componentTypes)).toBe(JSON.stringify(checked.value.componentTypes));
    expect(JSON.stringify(trusted.guidelines)).toBe(JSON.stringify(checked.value.guidelines));
    expect(JSON.stringify([...trusted.rootCauses])).toBe(JSON.stringify([...checked.value.rootCauses]));
    expect([trusted.name, trusted.version]).toEqual([checked.value.name, checked.value.version]);
  });

  it('is not used for rule packs: an invalid pack is still refused with its path', () => {
    const pack = { path: 'pack.json', content: { threats: [{ id: 'threat.bad', title: '' }] } };
    const result = loadLibrary([pack], { base: shippedLibrary() });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ file: 'pack.json' });
  });
});
