// `npm run bench:scale`: what `aitm analyze` costs on large models, as CI pays it. For synthetic
// models of 10,000, 30,000 and 50,000 components (bench/syntheticModel.ts, written pretty-printed
// as an editor saves them), the wall time and peak resident memory of the installed command
// (bin/aitm.mjs → the bundle) for each report format, and the report's size. Then, in process, the
// Markdown report of the 10,000-component model (build + render; the issue's target is ≤ 500 ms),
// and the parse of each model. A benchmark, not a test: it prints figures and asserts only that
// the runs succeed. AITM_SCALE_SIZES=10000,30000 picks the sizes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_CLI, PACKAGE_ROOT, builtCliState } from '../bin/builtCli.mjs';
import {
  buildReport,
  evaluate,
  markdownReportChunks,
  parseDocumentText,
  shippedLibrary,
} from '../src/core/index';
import { syntheticModel } from './syntheticModel';

const SIZES = (process.env['AITM_SCALE_SIZES'] ?? '10000,30000,50000').split(',').map(Number);
const FORMATS = ['json', 'json-compact', 'md'] as const;

const state = builtCliState();
if (state.state !== 'fresh') {
  console.log(`building the CLI first (${state.reason})`);
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: PACKAGE_ROOT, stdio: 'inherit' });
}

const dir = mkdtempSync(join(tmpdir(), 'aitm-scale-'));
// Preloaded into the CLI's process: its peak resident memory and CPU time, reported as it exits
// (CPU time is the steadier figure on a shared machine, where wall time includes waiting).
const preload = join(dir, 'peak-rss.mjs');
writeFileSync(
  preload,
  "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`peak-rss-kb ${u.maxRSS} cpu-us ${u.userCPUTime + u.systemCPUTime}\\n`); });\n",
);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pad = (text: string, width: number) => text.padStart(width);

try {
  console.log(`aitm analyze on synthetic models (bundle ${BUILT_CLI.slice(PACKAGE_ROOT.length)})`);
  console.log('components  model      format         wall       CPU     peak RSS    report');
  const models = new Map<number, string>();
  for (const size of SIZES) {
    const model = join(dir, `synthetic-${size}.aitm.json`);
    const text = `${JSON.stringify(syntheticModel(size), null, 2)}\n`;
    writeFileSync(model, text);
    models.set(size, text);
    for (const format of FORMATS) {
      const out = join(dir, `report-${size}.${format}`);
      const start = performance.now();
      const run = spawnSync(
        process.execPath,
        ['--import', preload, 'bin/aitm.mjs', 'analyze', model, '--format', format, '--out', out],
        { cwd: PACKAGE_ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
      );
      const wall = performance.now() - start;
      if (run.status !== 0)
        throw new Error(`analyze ${size} --format ${format} exited ${run.status}: ${run.stderr}`);
      const peak = Number(/peak-rss-kb (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN) * 1024;
      const cpuMs = Number(/cpu-us (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN) / 1000;
      console.log(
        `${pad(size.toLocaleString('en'), 10)}${pad(mb(text.length), 9)}   ${format.padEnd(12)}${pad(`${(wall / 1000).toFixed(2)} s`, 8)}${pad(`${(cpuMs / 1000).toFixed(2)} s`, 10)}${pad(mb(peak), 12)}${pad(mb(statSync(out).size), 11)}`,
      );
      rmSync(out);
    }
  }

  // In process: where the time of one analysis goes, for the figures the issue sets.
  const library = shippedLibrary();
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  console.log('\nin process (CPU time; median of 5 where repeated)');
  for (const [size, text] of models) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = cpu();
      const parsed = parseDocumentText(text, { catalogue: library.catalogue });
      times.push(cpu() - start);
      if (!parsed.ok) throw new Error(`the ${size}-component model does not parse`);
    }
    console.log(`parse ${size.toLocaleString('en')} components: ${median(times).toFixed(0)} ms`);
  }
  const ten = models.get(10_000);
  if (ten !== undefined) {
    const parsed = parseDocumentText(ten, { catalogue: library.catalogue });
    if (!parsed.ok) throw new Error('the 10,000-component model does not parse');
    const doc = parsed.value;
    const findings = evaluate(doc, library);
    const markdown = () => {
      const start = cpu();
      const report = buildReport(doc, library, findings);
      let characters = 0;
      for (const chunk of markdownReportChunks(report, doc, library)) characters += chunk.length;
      return { ms: cpu() - start, characters };
    };
    // The first report also builds every finding's explanation, which evaluation leaves lazy.
    const first = markdown();
    const again = median(Array.from({ length: 5 }, () => markdown().ms));
    console.log(
      `Markdown report of 10,000 components (${mb(first.characters)}): ${first.ms.toFixed(0)} ms the first time (explanations built), ${again.toFixed(0)} ms after (target ≤ 500 ms)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}
