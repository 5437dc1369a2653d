/**
 * The installed command runs dist-cli/aitm.mjs, a bundle of the TypeScript CLI (vite.cli.config.ts).
 * A bundler can change behaviour (module order, inlined JSON, a dependency resolved differently),
 * so the bundle must answer every kind of command exactly as the sources run through tsx do: same
 * stdout, stderr and exit code, byte for byte. And bin/aitm.mjs must pick the bundle only when it
 * is current, fall back to the sources in a development checkout, and fail clearly otherwise.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, CLI_SOURCE, PACKAGE_ROOT, builtCliState } from '../../bin/builtCli.mjs';
import { AITM_BIN } from './runBinary';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in the repository root (so relative paths in messages match), fully captured. */
function node(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const bundled = (args: readonly string[]) => node([BUILT_CLI, ...args]);
const fromSources = (args: readonly string[]) => node(['--import', 'tsx', CLI_SOURCE, ...args]);

const EXAMPLES = readdirSync(join(PACKAGE_ROOT, 'examples'))
  .filter((name) => name.endsWith('.aitm.json'))
  .map((name) => `examples/${name}`);

const CASES: readonly (readonly string[])[] = [
  ...EXAMPLES.flatMap((model) => [
    ['analyze', model, '--format', 'json'],
    ['analyze', model, '--format', 'md'],
    ['validate', model],
  ]),
  ['convert', 'examples/public-rag-chatbot.aitm.json', '--to', 'threat-dragon'],
  ['convert', 'examples/agent-with-tools.aitm.json', '--to', 'threat-composer'],
  ['convert', 'examples/ml-scoring-service.aitm.json', '--to', 'csv'],
  ['convert', 'tests/fixtures/threat-dragon/v2-threat-model.json', '--to', 'aitm'],
  ['convert', 'tests/fixtures/threat-composer/GenAIChatbot.tc.json', '--to', 'aitm'],
  ['validate', 'threat-library'],
  ['validate', 'tests/fixtures/threat-dragon/v2-malformed-new-model.json'],
  ['analyze', 'examples/public-rag-chatbot.aitm.json', '--fail-on', 'low'],
  ['analyze', 'no-such-model.json'],
  ['schema'],
  ['schema', 'library'],
  ['--help'],
];

describe('the bundled CLI', () => {
  it('is current: the test setup built it from these sources', () => {
    expect(builtCliState()).toEqual({ state: 'fresh', reason: '' });
  });

  it('answers every example and every command exactly as the sources do', async () => {
    const codes = new Set<number | null>();
    // Two at a time: each source run compiles TypeScript for most of a second.
    const queue = [...CASES];
    const worker = async () => {
      for (let args = queue.shift(); args; args = queue.shift()) {
        const [fromBundle, expected] = await Promise.all([bundled(args), fromSources(args)]);
        expect(fromBundle, args.join(' ')).toEqual(expected);
        codes.add(expected.code);
      }
    };
    await Promise.all([worker(), worker()]);
    // The cases reach every exit code, and the reports really were printed.
    expect([...codes].sort()).toEqual([0, 1, 2]);
    const report = await bundled(['analyze', EXAMPLES[0]!, '--format', 'json']);
    expect(JSON.parse(report.stdout).findings.length).toBeGreaterThan(0);
  }, 240_000);

  it('imports nothing but Node built-ins: no package is resolved when it runs (but resvg for a PNG)', () => {
    const source = readFileSync(BUILT_CLI, 'utf8');
    const imports = [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const specifier of imports) expect(specifier).toMatch(/^node:/);
    // The PNG renderer (WebAssembly) is the one package left out of the bundle, loaded on demand.
    expect([...source.matchAll(/\bimport\(([^)]*)\)/g)].map((m) => m[1])).toEqual(['"@resvg/resvg-wasm"']);
    expect(source).not.toMatch(/\brequire\(/);
  });
});

describe('bin/aitm.mjs', () => {
  const root = mkdtempSync(join(tmpdir(), 'aitm-bin-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let copies = 0;

  /** A package root holding a copy of bin/ and, as asked, the sources, node_modules and a bundle. */
  function packageCopy(parts: { sources?: boolean; bundleMtime?: Date }) {
    const dir = join(root, String(copies++));
    cpSync(join(PACKAGE_ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    if (parts.sources) {
      for (const name of ['src', 'threat-library', 'node_modules'])
        symlinkSync(join(PACKAGE_ROOT, name), join(dir, name));
    }
    if (parts.bundleMtime) {
      mkdirSync(join(dir, 'dist-cli'));
      cpSync(BUILT_CLI, join(dir, 'dist-cli', 'aitm.mjs'));
      utimesSync(join(dir, 'dist-cli', 'aitm.mjs'), parts.bundleMtime, parts.bundleMtime);
    }
    return join(dir, 'bin', 'aitm.mjs');
  }

  const ARGS = ['analyze', 'examples/fine-tuning-pipeline.aitm.json', '--format', 'md'];

  it('runs the current bundle, silently', async () => {
    const [run, expected] = await Promise.all([node([AITM_BIN, ...ARGS]), fromSources(ARGS)]);
    expect(run).toEqual(expected);
    expect(run.stderr).toBe('');
  });

  it('runs an installed copy (a bundle and no sources) without comparing dates', async () => {
    const bin = packageCopy({ bundleMtime: new Date(0) });
    const [run, expected] = await Promise.all([node([bin, ...ARGS]), fromSources(ARGS)]);
    expect(run).toEqual(expected);
  });

  it('runs the sources with tsx, saying so in one line, when a checkout has no bundle', async () => {
    const bin = packageCopy({ sources: true });
    const [run, expected] = await Promise.all([node([bin, ...ARGS]), fromSources(ARGS)]);
    expect(run.stdout).toBe(expected.stdout);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'aitm: dist-cli/aitm.mjs is not built; running the sources with tsx (slower). npm run build:cli builds it.\n',
    );
  });

  it('runs the sources when the bundle is older than them, naming a newer source', async () => {
    const bin = packageCopy({ sources: true, bundleMtime: new Date(0) });
    const run = await node([bin, ...ARGS]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^aitm: dist-cli\/aitm\.mjs is older than (src|threat-library)\/\S+; running the sources with tsx \(slower\)\. npm run build:cli builds it\.\n$/,
    );
  });

  it('prefers a bundle newer than every source', async () => {
    const bin = packageCopy({ sources: true, bundleMtime: new Date(Date.now() + 86_400_000) });
    const run = await node([bin, '--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: aitm /);
  });

  it('exits 2 with a clear message when there is neither a bundle nor sources', async () => {
    const bin = packageCopy({});
    const run = await node([bin, ...ARGS]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'aitm: dist-cli/aitm.mjs is not built, and this copy has no sources to run instead: reinstall it (installing builds it)\n',
    );
  });
});
