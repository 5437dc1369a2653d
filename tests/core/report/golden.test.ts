import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportMarkdownReport, parseDocumentText, shippedLibrary } from '../../../src/core/index';

// Golden Markdown reports of the example models. After an intended change to the library or the
// report, regenerate with `UPDATE_GOLDEN=1 npx vitest run tests/core/report/golden.test.ts` and
// review the diff like any other change: it is exactly what users will see.
const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.aitm.json'))
  .sort();

describe('golden Markdown reports', () => {
  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples)('%s', (file) => {
    const parsed = parseDocumentText(readFileSync(`examples/${file}`, 'utf8'), {
      catalogue: shippedLibrary().catalogue,
    });
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    const markdown = exportMarkdownReport(parsed.value, shippedLibrary());
    const golden = `tests/golden/${file.replace(/\.aitm\.json$/, '.md')}`;
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(golden)) {
      if (process.env['CI'] === 'true')
        throw new Error(`${golden} is missing: generate it with UPDATE_GOLDEN=1 and commit it`);
      writeFileSync(golden, markdown);
    }
    expect(markdown).toBe(readFileSync(golden, 'utf8'));
  });
});
