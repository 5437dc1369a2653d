// `npm run audit [-- THRESHOLD] [-- --warn-if-offline]`: fails when a dependency that ships to
// users (dev tools excluded) has a known vulnerability at or above THRESHOLD (default high).
//
// Fail-closed: when npm audit gives no report, nothing was audited, and that fails too (exit 1)
// — an audit that cannot run must not look like one that passed. Only with --warn-if-offline,
// and only when the advisory service could not be asked (no network, or a registry mirror that
// refuses the audit request), does it pass, saying loudly that NOTHING WAS AUDITED. Anything else
// (npm missing, no lockfile, output that is not a report) fails with or without the flag.
import { spawnSync } from 'node:child_process';

const LEVELS = ['info', 'low', 'moderate', 'high', 'critical'];
const args = process.argv.slice(2);
const warnIfOffline = args.includes('--warn-if-offline');
const unknown = args.filter((a) => a.startsWith('--') && a !== '--warn-if-offline');
const threshold = args.find((a) => !a.startsWith('--')) ?? 'high';
if (unknown.length > 0 || !LEVELS.includes(threshold)) {
  console.error(`usage: node scripts/audit.mjs [${LEVELS.join('|')}] [--warn-if-offline]`);
  process.exit(2);
}

const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(result.stdout ?? '');
} catch {
  report = undefined;
}

const counts = report?.error ? undefined : report?.metadata?.vulnerabilities;
if (counts && typeof counts === 'object' && report.metadata.dependencies?.total !== 0) {
  const blocking = LEVELS.slice(LEVELS.indexOf(threshold)).reduce(
    (sum, level) => sum + (Number(counts[level]) || 0),
    0,
  );
  console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}; threshold ${threshold}`);
  if (blocking > 0) {
    console.error(
      `${blocking} production dependency vulnerabilities at or above ${threshold}: run npm audit --omit=dev for details.`,
    );
    process.exit(1);
  }
  process.exit(0);
}

// No report: say why, as plainly as npm did.
const stderr = result.stderr ?? '';
const npmErrors = stderr
  .split('\n')
  .filter((l) => l.startsWith('npm error') && !l.includes('complete log'))
  .map((l) => l.replace(/^npm error /, ''));
const reason =
  (result.error && `npm could not be run: ${result.error.message}`) ||
  report?.message ||
  report?.error?.summary ||
  npmErrors[0] ||
  (report ? 'the report lists no dependencies' : `npm audit exited ${result.status} without a report`);
// npm reaches the advisory service and gets no answer, or an HTTP error ("405 Method Not
// Allowed" from a read-only mirror): the network's fault, not the project's.
const offline =
  !result.error &&
  (/audit endpoint returned an error/.test(stderr) ||
    /security\/(advisories|audits)/.test(String(report?.message ?? '')) ||
    /^(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH)$/.test(
      String(report?.error?.code ?? ''),
    ));

if (offline && warnIfOffline) {
  console.warn(
    `WARNING: NOTHING WAS AUDITED. npm audit could not get an answer from the advisory service (${reason}).\n` +
      'Passing only because --warn-if-offline was given: run `npm run audit` where the registry answers audit requests.',
  );
  process.exit(0);
}
console.error(
  `ERROR: NOTHING WAS AUDITED. npm audit gave no report (${reason}).` +
    (offline ? ' Pass --warn-if-offline to let a machine without the advisory service continue.' : ''),
);
process.exit(1);
