/**
 * A CLI started with its standard output closed (`aitm analyze m.json >&-`) used to exit 0: Node
 * puts /dev/null in place of a closed descriptor, so the report vanished and the job passed. It
 * must fail (exit 2) and say why on stderr; `>/dev/null`, asked for on purpose, still works.
 * The shell closes the descriptor: a child's stdio 'ignore' is /dev/null, not a closed stdout.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AITM_BIN, EXAMPLE } from './runBinary';

function runWithStdout(redirect: '>&-' | '>/dev/null', args: string[]) {
  return new Promise<{ code: number | null; stderr: string }>((done) => {
    const child = spawn('bash', ['-c', `exec node "$@" ${redirect}`, 'aitm', AITM_BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => done({ code, stderr }));
  });
}

const model = EXAMPLE('public-rag-chatbot.aitm.json');

describe.runIf(process.platform === 'linux')('a closed standard output', () => {
  it('fails with exit 2 and a message on stderr instead of losing the report', async () => {
    const run = await runWithStdout('>&-', ['analyze', model]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('aitm: cannot write to standard output');
    expect(run.stderr).toContain('it was closed when aitm started (>&-)');
  }, 60_000);

  it('is not /dev/null asked for on purpose, nor a command that writes to --out', async () => {
    const discarded = await runWithStdout('>/dev/null', ['analyze', model]);
    expect(discarded.stderr).not.toContain('cannot write to standard output');
    expect(discarded.code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'aitm-closed-stdout-'));
    try {
      const out = join(dir, 'report.md');
      const toFile = await runWithStdout('>&-', ['analyze', model, '--out', out]);
      expect(toFile.stderr).not.toContain('cannot write to standard output');
      expect(toFile.code).toBe(0);
      expect(existsSync(out)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
