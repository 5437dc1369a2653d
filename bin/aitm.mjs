#!/usr/bin/env node
// The installed `aitm` command. It runs the pre-built CLI, dist-cli/aitm.mjs: plain JavaScript
// with its packages inlined, built by `npm run build:cli` (and by `prepare` on npm install and
// npm ci), so nothing is compiled when it runs. A development checkout whose build is missing or
// older than its sources runs the TypeScript through tsx (a dev dependency) instead, and says so.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BUILT_CLI, CLI_SOURCE, PACKAGE_ROOT, builtCliState } from './builtCli.mjs';

const { state, reason } = builtCliState();
if (state === 'fresh') await import(pathToFileURL(BUILT_CLI).href);
else await runSource(reason);

async function runSource(reason) {
  const fail = (why, remedy) => {
    process.stderr.write(`aitm: ${reason}, and ${why}: ${remedy}\n`);
    process.exitCode = 2;
  };
  if (!existsSync(CLI_SOURCE))
    return fail('this copy has no sources to run instead', 'reinstall it (installing builds it)');
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    return fail('tsx is not installed to run the sources instead', `run npm install in ${PACKAGE_ROOT}`);
  }
  process.stderr.write(
    `aitm: ${reason}; running the sources with tsx (slower). npm run build:cli builds it.\n`,
  );
  tsx.register();
  await import(pathToFileURL(CLI_SOURCE).href);
}
