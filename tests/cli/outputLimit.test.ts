/**
 * Reports and converted files are bounded: a valid 64 MB model can describe millions of findings,
 * and its JSON report failed ("Invalid string length") while the Markdown one took 4.2 GB to
 * write 465 MB. The limit is lowered here so that a small model crosses it; the real one is
 * CLI_LIMITS.maxOutputBytes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import {
  evaluate,
  exportFindingsCsv,
  exportJsonReport,
  exportMarkdownReport,
  exportThreatDragonJson,
  parseDocumentText,
  shippedLibrary,
} from '../../src/core/index';
import { createNodeIo } from '../../src/cli/nodeIo';
import { EXAMPLE } from './runBinary';
import { memoryIo } from './memoryIo';

vi.mock('../../src/cli/limits', async (original) => {
  const actual = await original<typeof import('../../src/cli/limits')>();
  return { ...actual, CLI_LIMITS: { ...actual.CLI_LIMITS, maxOutputBytes: 10 * 1024 } };
});

const model = readFileSync(EXAMPLE('public-rag-chatbot.aitm.json'), 'utf8');
const small = JSON.stringify({
  format: 'ai-threat-model',
  schemaVersion: 1,
  meta: { title: 'Small' },
  components: [{ id: 'u', type: 'user', label: 'Visitor' }],
});

function run(argv: string[]) {
  const m = memoryIo({ 'm.json': model, 'small.json': small });
  const code = main(argv, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr(), written: m.written };
}

describe('output limit', () => {
  it('the example is larger than the lowered limit in every format, so the cases below mean something', () => {
    const parsed = parseDocumentText(model, { catalogue: shippedLibrary().catalogue });
    if (!parsed.ok) throw new Error('the example does not load');
    const findings = evaluate(parsed.value, shippedLibrary());
    for (const text of [
      exportJsonReport(parsed.value, shippedLibrary()),
      exportMarkdownReport(parsed.value, shippedLibrary()),
      exportThreatDragonJson(parsed.value, findings),
      exportFindingsCsv(findings),
    ])
      expect(Buffer.byteLength(text)).toBeGreaterThan(10 * 1024);
  });

  it.each([
    ['analyze (JSON)', ['analyze', 'm.json'], 'report'],
    ['analyze --format md', ['analyze', 'm.json', '--format', 'md'], 'report'],
    ['convert --to threat-dragon', ['convert', 'm.json', '--to', 'threat-dragon'], 'file'],
    ['convert --to csv', ['convert', 'm.json', '--to', 'csv'], 'file'],
  ])('%s on stdout: exit 2, one message naming the limit, nothing written', (_, argv, what) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`aitm: the ${what} is larger than 10 KB, the output limit; nothing was written\n`);
    expect(r.stdout).toBe('');
  });

  it('with --out: the message names the file, and no file is written', () => {
    const r = run(['analyze', 'm.json', '--out', 'report.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'report.json: the report is larger than 10 KB, the output limit; the file was not written\n',
    );
    expect(r.written).toEqual({});
  });

  it('a report under the limit is written', () => {
    const r = run(['analyze', 'small.json', '--format', 'md']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^# Threat model: Small/);
  });
});

describe('output limit on the real file system', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aitm-limit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an existing report stays as it was and no temporary file is left', () => {
    writeFileSync(join(dir, 'm.json'), model);
    writeFileSync(join(dir, 'report.json'), 'the previous report');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const m = memoryIo();
      const io = { ...createNodeIo(), stderr: m.io.stderr };
      expect(main(['analyze', 'm.json', '--out', 'report.json'], io)).toBe(2);
      expect(m.stderr()).toMatch(/^report\.json: the report is larger than .*; the file was not written\n$/);
    } finally {
      process.chdir(cwd);
    }
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('the previous report');
    expect(readdirSync(dir).sort()).toEqual(['m.json', 'report.json']);
  });
});
