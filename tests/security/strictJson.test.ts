/**
 * Strict JSON: a key twice in one object shows reviewers one value and the gate another
 * (`"status":"open","status":"accepted"`: JSON.parse keeps the last). Every JSON entry point —
 * models, rule packs, imports, in the core and through the CLI — refuses it with the JSON path.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { parseDocumentText, parseJsonText, shippedLibrary } from '../../src/core/index';
import { memoryIo } from '../cli/memoryIo';
import { FUZZ_PACK } from '../fuzz/support/fuzzPack';
import { duplicateKeyModelText } from '../fuzz/support/hostile';

describe('duplicate keys are refused', () => {
  it('in a model, with the path of the second key', () => {
    const r = parseDocumentText(duplicateKeyModelText(), { catalogue: shippedLibrary().catalogue });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { path: '$.triage["rule.x@api"].status', message: expect.stringMatching(/^duplicate key "status"/) },
    ]);
  });

  it('however the key is escaped, at any depth, in arrays, every one of them', () => {
    const r = parseJsonText('{"a":[1,{"b":{"x":1,"\\u0078":2}}],"c":0,"c":1}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['$.a[1].b.x', '$.c']);
  });

  it('but the same key in different objects, and keys inside strings, are fine', () => {
    expect(parseJsonText('[{"a":1},{"a":2},{"b":"\\"a\\":1,\\"a\\":2"}]').ok).toBe(true);
  });

  it('a 100,000-deep valid file is scanned without recursion', () => {
    expect(parseJsonText(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`).ok).toBe(true);
  });

  const run = (argv: string[], files: Record<string, string>) => {
    const m = memoryIo(files);
    return { code: main(argv, m.io), stderr: m.stderr() };
  };

  it('by `validate` and `analyze` for a model', () => {
    for (const command of ['validate', 'analyze']) {
      const r = run([command, 'm.json'], { 'm.json': duplicateKeyModelText() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^m\.json: \$\.triage\["rule\.x@api"\]\.status: duplicate key "status"/);
    }
  });

  it('for a rule pack given with --library', () => {
    const pack = JSON.stringify(FUZZ_PACK).replace('"name":"fuzz pack"', '"name":"fuzz pack","name":"other"');
    const m = memoryIo({ 'm.json': '{}', 'pack.json': pack });
    expect(main(['validate', 'pack.json', '--kind', 'library'], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/^pack\.json: \$\.name: duplicate key "name"/m);
  });

  it('for a file to convert', () => {
    const r = run(['convert', 'td.json', '--to', 'aitm'], { 'td.json': '{"version":"2.0","version":"1.0"}' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^td\.json: \$\.version: duplicate key "version"/);
  });
});
