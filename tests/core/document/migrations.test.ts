import { describe, expect, it } from 'vitest';
import { migrateDocument, parseDocument, shippedLibrary } from '../../../src/core/index';

describe('migrations', () => {
  it('leaves a current document as it is', () => {
    const result = migrateDocument({ schemaVersion: 1, a: 1 });
    expect(result).toEqual({ ok: true, value: { schemaVersion: 1, a: 1 } });
  });

  it('runs each step in order up to the target version', () => {
    const steps = {
      1: (raw: Record<string, unknown>) => ({ ...raw, renamed: raw['old'], old: undefined }),
      2: (raw: Record<string, unknown>) => ({ ...raw, added: true }),
    };
    const result = migrateDocument({ schemaVersion: 1, old: 'x' }, steps, 3);
    expect(result.ok && result.value).toMatchObject({ schemaVersion: 3, renamed: 'x', added: true });
    expect(result.ok && result.migratedFrom).toBe(1);
  });

  it('refuses a version without a migration path', () => {
    const result = migrateDocument({ schemaVersion: 1 }, {}, 2);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toMatch(/no migration from version 1 to 2/);
  });

  it('refuses a document from a future version clearly, through parseDocument too', () => {
    const result = parseDocument(
      { format: 'ai-threat-model', schemaVersion: 7, meta: { title: 'x' } },
      { catalogue: shippedLibrary().catalogue },
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]).toEqual({
        path: '$.schemaVersion',
        message: expect.stringMatching(/version 7 was written by a newer release.*up to 1/),
      });
  });
});
