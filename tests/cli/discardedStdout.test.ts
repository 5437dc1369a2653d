/**
 * Output thrown away on purpose must not fail a job. A process manager or test runner that starts
 * `aitm` with its standard output ignored (Node's and libuv's stdio 'ignore') gives it /dev/null
 * opened for reading and writing — exactly what Node also puts in place of a stdout the shell
 * closed (`>&-`). The two cannot be told apart, so neither is an error: the report is discarded and
 * the exit code still says what the gate found. (A first attempt that failed `>&-` with exit 2 also
 * failed every such caller, including our own start-up benchmark.)
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AITM_BIN, EXAMPLE } from './runBinary';

const model = EXAMPLE('public-rag-chatbot.aitm.json');
const run = (args: string[]) =>
  spawnSync(process.execPath, [AITM_BIN, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });

describe('a standard output that is ignored', () => {
  it('is no error: the report is discarded and the exit code is the gate’s', () => {
    const report = run(['analyze', model, '--format', 'md']);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    const gated = run(['analyze', model, '--fail-on', 'low']);
    expect(gated.status).toBe(1);
  }, 60_000);
});
