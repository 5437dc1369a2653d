/**
 * A hostile pull request controls the files in a CI checkout: it can commit symbolic links, and a
 * CI step may hand the CLI a FIFO or a device. These run the installed command on real files in a
 * temporary folder. Each case once harmed the runner or stalled it: a link that let `--out` write
 * into `~/.npmrc`, `--out` destroying its input, `/dev/zero` taking the CLI to 16 GB, a FIFO
 * hanging it forever, and stdout errors that ended in a stack trace and exit 1 ("findings").
 */
import {
  cpSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  chmodSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE, runBinary, type BinaryRun } from '../cli/runBinary';

const root = mkdtempSync(join(tmpdir(), 'aitm-fs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/** A fresh folder holding m.json, a real model; `at` names a file in it, `run` runs aitm there. */
function folder() {
  const dir = join(root, String(folders++));
  mkdirSync(dir);
  cpSync(EXAMPLE('ml-scoring-service.aitm.json'), join(dir, 'm.json'));
  return {
    dir,
    at: (name: string) => join(dir, name),
    run: (args: string[], options: Partial<Parameters<typeof runBinary>[1]> = {}) =>
      runBinary(args, { cwd: dir, ...options }),
  };
}
const NPMRC = 'registry=https://registry.npmjs.org/\n';

/** Exit 2 with exactly one message line, starting as given, and no stack trace. */
function expectRefusal(r: BinaryRun, start: string) {
  expect(r.timedOut).toBe(false);
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(/^\s+at |node:internal|Error: /m);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr.startsWith(start)).toBe(true);
}

/** A model whose label carries a line an .npmrc would obey. */
function forgedModel(at: (name: string) => string) {
  const model = JSON.parse(readFileSync(at('m.json'), 'utf8'));
  model.components[0].label = 'x\n//registry.npmjs.org/:_authToken=stolen\n';
  writeFileSync(at('m.json'), JSON.stringify(model));
}

describe.concurrent('--out never follows a link, never replaces an input, writes whole files', () => {
  it("a committed link to the runner's ~/.npmrc is not written through", async () => {
    const { at, run } = folder();
    forgedModel(at);
    mkdirSync(at('home'));
    writeFileSync(at('home/.npmrc'), NPMRC);
    symlinkSync('home/.npmrc', at('report.md'));
    const r = await run(['analyze', 'm.json', '--format', 'md', '--out', 'report.md']);
    expectRefusal(r, 'report.md: cannot write the report (it is a symbolic link');
    expect(readFileSync(at('home/.npmrc'), 'utf8')).toBe(NPMRC);
    expect(lstatSync(at('report.md')).isSymbolicLink()).toBe(true);
  });

  it('a dangling link does not create its target', async () => {
    const { at, run } = folder();
    mkdirSync(at('home'));
    symlinkSync('home/.bashrc', at('report.json'));
    expectRefusal(await run(['analyze', 'm.json', '--out', 'report.json']), 'report.json: cannot write');
    expect(readdirSync(at('home'))).toEqual([]);
  });

  it('a committed link to a folder on the way is not followed', async () => {
    const { at, run } = folder();
    mkdirSync(at('home'));
    symlinkSync('home', at('reports'));
    const r = await run(['analyze', 'm.json', '--out', 'reports/out.json']);
    expectRefusal(r, 'reports/out.json: cannot write the report (reports is a symbolic link');
    expect(readdirSync(at('home'))).toEqual([]);
  });

  it.each([
    ['the same path', 'm.json'],
    ['the same file by another path', './m.json'],
  ])('--out the input (%s) leaves the model as it was', async (_, out) => {
    const { at, run } = folder();
    const before = readFileSync(at('m.json'), 'utf8');
    const r = await run(['convert', 'm.json', '--to', 'csv', '--out', out]);
    expectRefusal(r, `${out}: cannot write the file (it would replace the input file m.json)`);
    expect(readFileSync(at('m.json'), 'utf8')).toBe(before);
  });

  it('--out a hard link to the input (same device and inode) is refused', async () => {
    const { at, run } = folder();
    linkSync(at('m.json'), at('alias.json'));
    const before = readFileSync(at('m.json'), 'utf8');
    const r = await run(['convert', 'm.json', '--to', 'aitm', '--out', 'alias.json']);
    expectRefusal(r, 'alias.json: cannot write the file (it would replace the input file m.json)');
    expect(readFileSync(at('m.json'), 'utf8')).toBe(before);
  });

  it('--out a file of the library in use is refused', async () => {
    const { at, run } = folder();
    cpSync(EXAMPLE('../threat-library'), at('lib'), { recursive: true });
    const before = readFileSync(at('lib/library.json'), 'utf8');
    const r = await run(['analyze', 'm.json', '--library', 'lib', '--out', 'lib/library.json']);
    expectRefusal(
      r,
      'lib/library.json: cannot write the report (it would replace the input file lib/library.json)',
    );
    expect(readFileSync(at('lib/library.json'), 'utf8')).toBe(before);
  });

  it('--out a directory is refused', async () => {
    const { at, run } = folder();
    mkdirSync(at('out'));
    expectRefusal(
      await run(['analyze', 'm.json', '--out', 'out']),
      'out: cannot write the report (it is a directory)',
    );
  });

  it('--out a FIFO is refused at once, not left waiting for a reader', async () => {
    const { at, run } = folder();
    execFileSync('mkfifo', [at('out.json')]);
    const r = await run(['analyze', 'm.json', '--out', 'out.json'], { timeoutMs: 10_000 });
    expectRefusal(r, 'out.json: cannot write the report (it is not a regular file)');
  });

  it('replaces an existing report whole, keeps its permissions and leaves no temporary file', async () => {
    const { dir, at, run } = folder();
    writeFileSync(at('report.json'), 'old');
    chmodSync(at('report.json'), 0o640);
    const r = await run(['analyze', 'm.json', '--out', 'report.json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const printed = await run(['analyze', 'm.json']);
    expect(readFileSync(at('report.json'), 'utf8')).toBe(printed.stdout);
    expect(statSync(at('report.json')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['m.json', 'report.json']);
  });
});

describe.concurrent('inputs: regular files only, opened once, read with a bound', () => {
  it('a model that is a link to /dev/zero is refused at once, naming the file and the limit', async () => {
    const { at, run } = folder();
    symlinkSync('/dev/zero', at('zero.json'));
    const r = await run(['validate', 'zero.json']);
    expectRefusal(
      r,
      'zero.json: not a regular file (a character device); only regular files of up to 64 MB are read',
    );
  });

  it('a /dev/zero link in a library folder is refused, not read', async () => {
    const { at, run } = folder();
    cpSync(EXAMPLE('../threat-library'), at('lib'), { recursive: true });
    symlinkSync('/dev/zero', at('lib/rules/zero.json'));
    const r = await run(['analyze', 'm.json', '--library', 'lib']);
    expectRefusal(r, 'lib/rules/zero.json: not a regular file (a character device); only regular files');
  });

  it('a FIFO model does not hang the CLI', async () => {
    const { at, run } = folder();
    execFileSync('mkfifo', [at('fifo.json')]);
    const r = await run(['analyze', 'fifo.json'], { timeoutMs: 10_000 });
    expectRefusal(r, 'fifo.json: not a regular file (a FIFO); only regular files of up to 64 MB are read');
  });

  it('a FIFO in a library folder does not hang the CLI', async () => {
    const { at, run } = folder();
    cpSync(EXAMPLE('../threat-library'), at('lib'), { recursive: true });
    execFileSync('mkfifo', [at('lib/pack.json')]);
    const r = await run(['validate', 'lib'], { timeoutMs: 10_000 });
    expectRefusal(r, 'lib/pack.json: not a regular file (a FIFO)');
  });

  it('links to folders in a library are not followed (no walk of / and no loop)', async () => {
    const { at, run } = folder();
    cpSync(EXAMPLE('../threat-library'), at('lib'), { recursive: true });
    const plain = await run(['analyze', 'm.json', '--library', 'lib']);
    symlinkSync('.', at('lib/loop'));
    symlinkSync('/', at('lib/everything'));
    const linked = await run(['analyze', 'm.json', '--library', 'lib']);
    expect([linked.code, linked.stderr]).toEqual([0, '']);
    expect(linked.stdout).toBe(plain.stdout);
  });

  it.each(['-', '/dev/stdin'])('80 MB on standard input (%s) is refused after 64 MB', async (name) => {
    const { run } = folder();
    const r = await run(['validate', name], { stdin: ' '.repeat(80 * 1024 * 1024) });
    expectRefusal(r, `${name}: standard input is more than 64 MB; the limit is 64 MB`);
  });

  it('a model on standard input is read', async () => {
    const { at, run } = folder();
    const r = await run(['validate', '-'], { stdin: readFileSync(at('m.json'), 'utf8') });
    expect([r.code, r.stdout]).toEqual([
      0,
      '-: valid model "Credit scoring service": 9 components, 9 data flows, 5 trust boundaries\n',
    ]);
  });
});

describe.concurrent('stdout errors: exit 2, never a stack trace or exit 1 ("findings")', () => {
  it('a full disk gives one line and exit 2', async () => {
    const { run } = folder();
    const full = openSync('/dev/full', 'w');
    try {
      const r = await run(['analyze', 'm.json', '--fail-on', 'critical'], { stdout: full });
      expectRefusal(r, 'aitm: cannot write to standard output (no space left on the device)');
    } finally {
      closeSync(full);
    }
  });

  it('a reader that went away (EPIPE, as with `| head`) gives exit 2 quietly', async () => {
    const { run } = folder();
    const r = await run(['analyze', 'm.json', '--format', 'md'], { closeStdout: true });
    expect(r.timedOut).toBe(false);
    expect([r.code, r.stderr]).toEqual([2, '']);
  });
});

describe.concurrent('file names cannot forge CI workflow commands', () => {
  /** No line of what the CLI printed can pass for a GitHub or Azure workflow command. */
  const expectNoWorkflowCommand = (r: BinaryRun) => {
    for (const line of `${r.stdout}\n${r.stderr}`.split('\n')) {
      expect(line).not.toMatch(/^\s*(::|##)/);
      expect(line).not.toMatch(/##vso\[/i);
    }
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\r/);
  };
  const NAMES = [
    ['a line break', 'x\n::error file=app.ts,line=1::Forged.json'],
    ['a carriage return', 'x\r::error::Forged.json'],
    ['a name that starts with ::', '::warning::Forged.json'],
    ['an Azure command', '##vso[task.setvariable variable=x]1.json'],
  ];

  it.each(NAMES)('%s: a file that cannot be read', async (_, name) => {
    const { run } = folder();
    const r = await run(['validate', name]);
    expect(r.code).toBe(2);
    expectNoWorkflowCommand(r);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each(NAMES)('%s: a file with a JSON error', async (_, name) => {
    const { at, run } = folder();
    writeFileSync(at(name), '{"format": ');
    const r = await run(['validate', name]);
    expect(r.code).toBe(2);
    expectNoWorkflowCommand(r);
  });

  it.each(NAMES)('%s: a valid model (validate prints its name)', async (_, name) => {
    const { at, run } = folder();
    cpSync(at('m.json'), at(name));
    const r = await run(['validate', name]);
    expect(r.code).toBe(0);
    expectNoWorkflowCommand(r);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each(NAMES)('%s: convert --out (the summary line names it)', async (_, name) => {
    const { run } = folder();
    const r = await run(['convert', 'm.json', '--to', 'csv', '--out', name]);
    expect(r.code).toBe(0);
    expectNoWorkflowCommand(r);
  });
});
