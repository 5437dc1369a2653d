/**
 * scripts/audit.mjs is the supply-chain gate of CI. It used to exit 0 whenever npm audit gave no
 * report — which on our CI machine is always — so it had never audited anything. These run it
 * against a fake `npm` on PATH that answers as npm 11 does.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '../../scripts/audit.mjs');
const root = mkdtempSync(join(tmpdir(), 'aitm-audit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

interface NpmAnswer {
  stdout?: string;
  stderr?: string;
  status?: number;
}

/** Runs the script with a fake npm that gives `answer` (or with no npm at all). */
function audit(answer: NpmAnswer | 'no npm', ...args: string[]) {
  const bin = join(root, String(runs++));
  mkdirSync(bin);
  if (answer !== 'no npm') {
    writeFileSync(join(bin, 'stdout'), answer.stdout ?? '');
    writeFileSync(join(bin, 'stderr'), answer.stderr ?? '');
    const script = `#!/bin/sh\necho "$@" > "${bin}/args"\ncat "${bin}/stdout"\ncat "${bin}/stderr" >&2\nexit ${answer.status ?? 0}\n`;
    writeFileSync(join(bin, 'npm'), script);
    chmodSync(join(bin, 'npm'), 0o755);
  }
  const r = spawnSync(process.execPath, [SCRIPT, ...args], {
    encoding: 'utf8',
    // Our fake first; without one, nothing at all: the real npm must not answer.
    env: { PATH: answer === 'no npm' ? bin : `${bin}:/usr/bin:/bin` },
  });
  const seen = join(bin, 'args');
  const argsSeen = existsSync(seen) ? readFileSync(seen, 'utf8').trim() : undefined;
  return { code: r.status, output: `${r.stdout}${r.stderr}`, argsSeen };
}

/** What npm 11 prints when the registry refuses the bulk advisory request, as on our CI machine. */
const REFUSED: NpmAnswer = {
  stdout: JSON.stringify({
    message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    method: 'POST',
    uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    statusCode: 405,
    body: '',
    error: { summary: '', detail: '' },
  }),
  stderr:
    'npm warn audit 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk\nnpm error audit endpoint returned an error\nnpm error A complete log of this run can be found in: /root/.npm/_logs/x.log\n',
  status: 1,
};
/** What npm 11 prints when the advisory service cannot be reached at all. */
const UNREACHABLE: NpmAnswer = {
  stdout: JSON.stringify({
    message:
      'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9',
    error: { summary: '', detail: '' },
  }),
  stderr: 'npm error audit endpoint returned an error\n',
  status: 1,
};
const report = (vulnerabilities: Record<string, number>, total = 42): NpmAnswer => ({
  stdout: JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: {},
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...vulnerabilities },
      dependencies: { prod: total, dev: 0, optional: 0, peer: 0, peerOptional: 0, total },
    },
  }),
  status: Object.values(vulnerabilities).some((n) => n > 0) ? 1 : 0,
});

describe('scripts/audit.mjs fails when it audited nothing', () => {
  it.each([
    ['the registry refuses the audit request (405, as on our CI machine)', REFUSED],
    ['the advisory service cannot be reached', UNREACHABLE],
  ])('%s: exit 1, NOTHING WAS AUDITED', (_, answer) => {
    const r = audit(answer);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/^ERROR: NOTHING WAS AUDITED/m);
    expect(r.output).toMatch(/--warn-if-offline/);
  });

  it.each([
    ['the registry refuses the audit request', REFUSED],
    ['the advisory service cannot be reached', UNREACHABLE],
  ])('%s, with --warn-if-offline: exit 0, and it says NOTHING WAS AUDITED', (_, answer) => {
    const r = audit(answer, 'high', '--warn-if-offline');
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/^WARNING: NOTHING WAS AUDITED/m);
  });

  it.each<[string, NpmAnswer | 'no npm']>([
    ['no npm on PATH', 'no npm'],
    [
      'no lockfile',
      {
        stderr: 'npm error code ENOLOCK\nnpm error audit This command requires an existing lockfile.\n',
        status: 1,
      },
    ],
    ['output that is not a report', { stdout: 'Everything is fine!', status: 0 }],
    ['an empty answer', { status: 0 }],
    ['a report of no dependencies', report({}, 0)],
  ])('%s: exit 1 even with --warn-if-offline, which covers an unreachable service only', (_, answer) => {
    const r = audit(answer, '--warn-if-offline');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/^ERROR: NOTHING WAS AUDITED/m);
  });
});

describe('scripts/audit.mjs with a report', () => {
  it('asks npm for the production dependencies, as JSON', () => {
    expect(audit(report({})).argsSeen).toBe('audit --omit=dev --json');
  });

  it('passes a clean report and prints the counts', () => {
    const r = audit(report({}));
    expect(r.code).toBe(0);
    expect(r.output).toMatch(
      /npm audit --omit=dev: \{"info":0,"low":0,"moderate":0,"high":0,"critical":0\}; threshold high/,
    );
  });

  it.each<[string, Record<string, number>, string[], number]>([
    ['a high one at the default threshold', { high: 1 }, [], 1],
    ['a critical one', { critical: 2 }, ['high'], 1],
    ['a moderate one below the threshold', { moderate: 3 }, ['high'], 0],
    ['a moderate one at threshold moderate', { moderate: 3 }, ['moderate'], 1],
    ['a high one, --warn-if-offline changes nothing', { high: 1 }, ['--warn-if-offline'], 1],
  ])('%s', (_, counts, args, code) => {
    expect(audit(report(counts), ...args).code).toBe(code);
  });

  it('refuses an unknown threshold or option', () => {
    for (const args of [['severe'], ['--warn-if-ofline']]) {
      const r = audit(report({}), ...args);
      expect([r.code, r.argsSeen]).toEqual([2, undefined]);
    }
  });
});
