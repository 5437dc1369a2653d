import { spawn, type StdioOptions } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed command, as CI runs it. */
export const AITM_BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/aitm.mjs');

export interface BinaryRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export interface BinaryOptions {
  cwd: string;
  /** Text for stdin, or a stdio entry (a file descriptor, 'ignore'…). Default: no stdin. */
  stdin?: string | StdioOptions;
  /** stdout's stdio entry (a file descriptor to /dev/full…). Default: captured. */
  stdout?: number;
  /** Closes our end of the stdout pipe at once: the CLI's first write meets EPIPE. */
  closeStdout?: boolean;
  timeoutMs?: number;
}

/**
 * Runs bin/aitm.mjs in a child process. Bad inputs here once made the CLI hang or allocate
 * gigabytes, so every run is killed after `timeoutMs` and capped at 2 GB of address space
 * (WebAssembly, which reserves far more, is switched off).
 */
export function runBinary(args: readonly string[], options: BinaryOptions): Promise<BinaryRun> {
  const started = performance.now();
  const { stdin, stdout } = options;
  const child = spawn(
    'bash',
    ['-c', 'ulimit -v 2000000 && exec node --no-expose-wasm "$@"', 'aitm', AITM_BIN, ...args],
    {
      cwd: options.cwd,
      stdio: [
        typeof stdin === 'string' ? 'pipe' : (stdin ?? 'ignore'),
        stdout ?? 'pipe',
        'pipe',
      ] as StdioOptions,
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  if (typeof stdin === 'string') {
    child.stdin!.on('error', () => {}); // the CLI may refuse a long stdin before reading it all
    child.stdin!.end(stdin);
  }
  if (options.closeStdout) child.stdout!.destroy();
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 15_000);
  return new Promise((done) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout: out, stderr: err, timedOut, ms: performance.now() - started });
    }),
  );
}

/** A path inside the repository's examples, for tests that need a real model. */
export const EXAMPLE = (name: string) =>
  join(dirname(fileURLToPath(import.meta.url)), '../../examples', name);
