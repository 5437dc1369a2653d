import { build } from 'vite';
import { PACKAGE_ROOT, builtCliState } from '../../bin/builtCli.mjs';

/**
 * Vitest global setup: the tests that spawn bin/aitm.mjs must run the built CLI, as CI and users
 * do, and it must be built from the sources under test. So the bundle is (re)built once per run
 * when it is missing or older than its sources; when it is current this costs a few stat calls.
 */
export default async function setup() {
  const { state } = builtCliState();
  if (state === 'fresh') return;
  await build({ root: PACKAGE_ROOT, configFile: `${PACKAGE_ROOT}/vite.cli.config.ts`, mode: 'production' });
  const after = builtCliState();
  if (after.state !== 'fresh') throw new Error(`building the CLI did not make it current: ${after.reason}`);
}
