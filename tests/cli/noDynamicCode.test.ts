/**
 * The built CLI never asks for dynamic code: zod, which compiles object parsers with
 * `new Function` unless configured not to, is told so before any schema is built
 * (src/cli/noDynamicCode.ts, imported first by bin.ts). A preload counts every use of the
 * Function constructor while the CLI analyses a model; zod's probe alone would be one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_CLI, PACKAGE_ROOT } from '../../bin/builtCli.mjs';

const PRELOAD = `
const Original = Function;
let uses = 0;
globalThis.Function = new Proxy(Original, {
  construct(target, args) { uses++; return Reflect.construct(target, args); },
  apply(target, self, args) { uses++; return Reflect.apply(target, self, args); },
});
process.on('exit', () => process.stderr.write('Function constructor uses: ' + uses + '\\n'));
`;

function analyze(bundle: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aitm-nofn-'));
  const preload = join(dir, 'count.mjs');
  writeFileSync(preload, PRELOAD);
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      preload,
      bundle,
      'analyze',
      'examples/public-rag-chatbot.aitm.json',
      '--format',
      'json-compact',
    ],
    { cwd: PACKAGE_ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return { status: run.status, stderr: run.stderr };
}

describe('no dynamic code in the CLI', () => {
  it('analyses a model without ever using the Function constructor', () => {
    const run = analyze(BUILT_CLI);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('Function constructor uses: 0\n');
  });

  it('would notice zod compiling code (the preload counts its probe)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aitm-nofn-'));
    const probe = join(dir, 'probe.mjs');
    writeFileSync(probe, `const F = Function; new F('');\n`);
    expect(analyze(probe).stderr).toBe('Function constructor uses: 1\n');
  });
});
