/**
 * A `--library` folder comes from the pull request under review, like the model: its file count,
 * the entries walked to find them and their bytes together are bounded, each with a message that
 * names the folder and the limit. The limits are lowered here so small trees cross them; the real
 * ones are in src/core/limits.ts.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { createNodeIo } from '../../src/cli/nodeIo';
import { listJsonFiles } from '../../src/cli/node/listJsonFiles';
import { EXAMPLE } from './runBinary';

vi.mock('../../src/cli/limits', async (original) => {
  const actual = await original<typeof import('../../src/cli/limits')>();
  return {
    ...actual,
    CLI_LIMITS: {
      ...actual.CLI_LIMITS,
      libraryFiles: 40,
      libraryEntries: 200,
      libraryBytes: 2 * 1024 * 1024,
    },
  };
});

const root = mkdtempSync(join(tmpdir(), 'aitm-library-limits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const SHIPPED = join(import.meta.dirname, '../../threat-library');

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    ...createNodeIo(),
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stderr += t),
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

function libraryCopy(name: string): string {
  const dir = join(root, name);
  cpSync(SHIPPED, dir, { recursive: true });
  return dir;
}

describe('library folder limits', () => {
  it('the shipped library is within the lowered limits, so each refusal below is caused by what is added', () => {
    const dir = libraryCopy('plain');
    expect(run(['analyze', EXAMPLE('public-rag-chatbot.aitm.json'), '--library', dir]).code).toBe(0);
  });

  it('refuses a folder of more JSON files than libraryFiles, naming the folder and the limit', () => {
    const dir = libraryCopy('many-files');
    mkdirSync(join(dir, 'extra'));
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, 'extra', `pack-${i}.json`), '{}');
    const result = run(['analyze', EXAMPLE('public-rag-chatbot.aitm.json'), '--library', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(dir);
    expect(result.stderr).toContain('(limits.libraryFiles)');
    expect(result.stdout).toBe('');
  });

  it('stops walking a tree of many non-JSON entries at libraryEntries', () => {
    const dir = libraryCopy('many-entries');
    for (let i = 0; i < 30; i++) {
      const folder = join(dir, `empty-${i}`);
      mkdirSync(folder);
      for (let j = 0; j < 10; j++) writeFileSync(join(folder, `note-${j}.txt`), '');
    }
    const result = run(['analyze', EXAMPLE('public-rag-chatbot.aitm.json'), '--library', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(limits.libraryEntries)');
    expect(() => listJsonFiles(dir, 100)).toThrow(expect.objectContaining({ code: 'ELIMIT' }));
  });

  it('refuses files that pass libraryBytes together, though each is under the per-file limit', () => {
    const dir = libraryCopy('many-bytes');
    // Valid JSON of 600 KB each: four of them pass the lowered 2 MB total.
    const padding = JSON.stringify({ notes: 'x'.repeat(600 * 1024) });
    for (let i = 0; i < 4; i++) writeFileSync(join(dir, `zz-padding-${i}.json`), padding);
    const result = run(['analyze', EXAMPLE('public-rag-chatbot.aitm.json'), '--library', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(limits.libraryBytes)');
    expect(result.stderr).toContain('zz-padding-');
    expect(readFileSync(join(dir, 'zz-padding-0.json'), 'utf8')).toBe(padding);
  });
});
