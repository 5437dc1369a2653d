// `npm run bench:cli`: how long one `aitm` run takes from process start to exit, as CI pays it
// for every model checked. Median wall time of sequential runs of a small analysis (the example
// chatbot, Markdown report) for the installed command (bin/aitm.mjs → the bundle), the same CLI
// compiled from TypeScript by tsx at each run (how bin/aitm.mjs ran before the bundle), and
// Node doing nothing (the floor). Uses hyperfine when it is installed, else timed spawns.
// A benchmark, not a test: it prints figures and asserts only that the runs succeed.
import { execFileSync, spawnSync } from 'node:child_process';
import { BUILT_CLI, CLI_SOURCE, PACKAGE_ROOT, builtCliState } from '../bin/builtCli.mjs';

const RUNS = Number(process.env['AITM_BENCH_RUNS'] ?? 21);
const ARGS = ['analyze', 'examples/public-rag-chatbot.aitm.json', '--format', 'md'];

const state = builtCliState();
if (state.state !== 'fresh') {
  console.log(`building the CLI first (${state.reason})`);
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: PACKAGE_ROOT, stdio: 'inherit' });
}

const commands: { name: string; argv: string[] }[] = [
  { name: 'bin/aitm.mjs (bundle)', argv: [process.execPath, 'bin/aitm.mjs', ...ARGS] },
  { name: 'tsx src/cli/bin.ts', argv: [process.execPath, '--import', 'tsx', CLI_SOURCE, ...ARGS] },
  { name: 'node -e "" (floor)', argv: [process.execPath, '-e', ''] },
];

// The bundle and the sources must print the same report, or the comparison means nothing.
const outputs = commands.slice(0, 2).map(({ argv }) => {
  const run = spawnSync(argv[0]!, argv.slice(1), { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
});
if (outputs[0] !== outputs[1]) throw new Error('the bundle and the sources print different reports');
console.log(`bundle: ${BUILT_CLI.slice(PACKAGE_ROOT.length)}; command: aitm ${ARGS.join(' ')}`);

const quote = (arg: string) => (/^[\w./=-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);
const hyperfine = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' }).status === 0;

if (hyperfine) {
  execFileSync(
    'hyperfine',
    [
      '--warmup',
      '3',
      '--runs',
      String(RUNS),
      '--style',
      'basic',
      ...commands.flatMap(({ name, argv }) => ['--command-name', name, argv.map(quote).join(' ')]),
    ],
    { cwd: PACKAGE_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
} else {
  const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  const results = commands.map(({ name, argv }) => {
    const samples: number[] = [];
    for (let i = -2; i < RUNS; i++) {
      const start = performance.now();
      const run = spawnSync(argv[0]!, argv.slice(1), { cwd: PACKAGE_ROOT, stdio: 'ignore' });
      const elapsed = performance.now() - start;
      if (run.status !== 0) throw new Error(`${name} exited ${run.status}`);
      if (i >= 0) samples.push(elapsed); // the first two warm the file cache and tsx's cache
    }
    return { name, median: median(samples), min: Math.min(...samples) };
  });
  console.log(`${RUNS} runs each (hyperfine not installed: timed spawns)`);
  console.log('command                      median       min');
  for (const r of results)
    console.log(
      `${r.name.padEnd(26)}${`${r.median.toFixed(0)} ms`.padStart(9)}${`${r.min.toFixed(0)} ms`.padStart(10)}`,
    );
  const [bundle, source, floor] = results as [(typeof results)[0], (typeof results)[0], (typeof results)[0]];
  console.log(
    `the bundle starts ${(source.median / bundle.median).toFixed(1)}× faster than tsx; ${(bundle.median - floor.median).toFixed(0)} ms above bare Node`,
  );
}
