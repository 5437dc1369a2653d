/**
 * Edit latency in Chromium (issue 15: "one property edit at 10,000 components … badge updated in
 * the next frame"). Opens a synthetic model of 1,000 and one of 10,000 components through the Open
 * file… button, selects an inference API from the outline (which zooms the canvas onto it, so its
 * badge and label are drawn in full), then 15 times each:
 *
 * - property → badge: clicks its Authenticated checkbox in the inspector and times, in the page,
 *   from the click to the first animation frame in which the node's open-findings badge shows the
 *   new count;
 * - keystroke → label: presses a key in the inspector's Label field (a character, then Backspace,
 *   alternately, so the label stays short) and times from the keydown to the first frame in which
 *   the canvas node's label shows it;
 *
 * with the longest main-thread task (PerformanceObserver 'longtask') during each, and after it
 * (the second that follows: deferred work such as autosave). Then BENCH_PROFILE_RUNS (6) more
 * edits of each kind at the largest size run under the CDP Profiler and the functions with the
 * most self time per edit are printed with their source files (from the build's source maps).
 *
 *   npm run bench:edit                      # builds the app once (with hidden source maps)
 *   BENCH_DIST=<dir> npm run bench:edit     # measures an existing build (e.g. an older commit's)
 *   BENCH_SIZES=1000 BENCH_RUNS=5 npm run bench:edit
 *
 * Timed from the click / keydown, not from the `input` event: React handles a checkbox's change
 * on `click`, before the browser fires `input`, so `input` would start the clock after the work.
 * A benchmark, not a test: it asserts nothing.
 */
import {
  evaluate,
  serialiseDocument,
  shippedLibrary,
  updateComponent,
  type ThreatModelDocument,
} from '../src/core/index';
import { outlineRows } from '../src/ui/outline/outlineRows';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { chromiumAvailable, startHarness, type Harness } from '../tests/e2e/helpers/browserHarness';
import { openFile } from '../tests/e2e/helpers/appDriver';
import { syntheticModel } from './syntheticModel';

const FRAME_MS = 1000 / 60;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 15);
const SIZES = (process.env['BENCH_SIZES'] ?? '1000,10000').split(',').map(Number);
/** Between two edits: the trailing work of one (autosave, the findings panel) is not the next one's. */
const SETTLE_MS = 1000;
/** An edit whose screen never changes within this long is reported as not shown. */
const SHOWN_TIMEOUT_MS = 20_000;
/** Edits of each kind profiled at the largest size (their self times are averaged). */
const PROFILE_RUNS = Number(process.env['BENCH_PROFILE_RUNS'] ?? 6);

/** The production build, with hidden source maps so a profile can name the original functions. */
async function buildWithSourceMaps(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'aitm-editbench-'));
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      root: resolve(import.meta.dirname, '..'),
      mode: 'production',
      logLevel: 'warn',
      // 'hidden': the maps are written but the bundles do not point at them, so the page is unchanged.
      build: { outDir, emptyOutDir: true, sourcemap: 'hidden' },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  return outDir;
}

/**
 * In every page: long tasks with their start, and the probe that times one edit. A string, not a
 * function: tsx would wrap named arrows in a helper the page does not have.
 */
const PAGE_SCRIPT = `(() => {
  window.longTasks_ = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longTasks_.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });

  // Resolves with the time from the first startEvent to the first animation frame in which the text
  // of textSelector inside nodeSelector differs from what it was when armed.
  window.armProbe_ = (nodeSelector, textSelector, startEvent, timeoutMs) => {
    const node = document.querySelector(nodeSelector);
    if (!node) return Promise.resolve({ error: 'node not rendered: ' + nodeSelector });
    // The node found again only once it has left the page: a query of the whole document on every
    // mutation cost the page 5 ms per edit at 10,000 components, inside the window measured.
    let current = node;
    const read = () => {
      if (!current || !current.isConnected) current = document.querySelector(nodeSelector);
      const el = current && current.querySelector(textSelector);
      return el ? el.textContent : '';
    };
    const before = read();
    return new Promise((resolve) => {
      let t0 = null;
      let frames = 0;
      let changed = null;
      let done = false;
      const finish = (result) => {
        if (done) return;
        done = true;
        observer.disconnect();
        window.removeEventListener(startEvent, onStart, true);
        resolve({ before, after: read(), ...result });
      };
      const tick = () => {
        if (done) return;
        frames++;
        if (changed !== null) finish({ t0, changedAt: changed, shownAt: performance.now(), frames });
        else requestAnimationFrame(tick);
      };
      const onStart = () => {
        if (t0 !== null) return;
        t0 = performance.now();
        requestAnimationFrame(tick);
        setTimeout(() => finish({ t0, error: 'not shown within ' + timeoutMs + ' ms' }), timeoutMs);
      };
      // Capture on window: before React's own listener on its root.
      window.addEventListener(startEvent, onStart, true);
      const observer = new MutationObserver(() => {
        if (changed === null && t0 !== null && read() !== before) changed = performance.now();
      });
      // The whole renderer: a badge that appears, disappears or is replaced is seen too.
      observer.observe(node.closest('.react-flow__renderer') || document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
  };
})()`;

interface ProbeResult {
  before: string;
  after: string;
  t0?: number;
  changedAt?: number;
  shownAt?: number;
  frames?: number;
  error?: string;
}

interface Sample {
  ms: number;
  frames: number;
  /** Longest main-thread task overlapping the edit (event → frame shown). */
  duringMs: number;
  /** Longest main-thread task starting in the SETTLE_MS after the frame shown. */
  afterMs: number;
  /**
   * Script time in the renderer (CDP ScriptDuration) from before the event to the frame shown,
   * and in the settle time after it: the page's own work, which a busy machine inflates less
   * than the wall-clock figures (these are what to compare between builds on a shared machine).
   */
  scriptMs: number;
  afterScriptMs: number;
  before: string;
  after: string;
}

interface LongTask {
  start: number;
  duration: number;
}

/** Arms the probe in the page, performs `act`, and resolves when the edit is on screen. */
async function runEdit(
  page: Page,
  nodeSelector: string,
  textSelector: string,
  startEvent: 'click' | 'keydown',
  act: () => Promise<unknown>,
  armed: () => Promise<unknown> = () => Promise.resolve(),
): Promise<ProbeResult> {
  const result = page.evaluate(
    `window.armProbe_(${JSON.stringify(nodeSelector)}, ${JSON.stringify(textSelector)}, '${startEvent}', ${SHOWN_TIMEOUT_MS})`,
  ) as Promise<ProbeResult>;
  // The probe is armed once evaluate has run its synchronous part; a round trip makes sure of it.
  await page.evaluate('0');
  // Clocks and profilers start here: arming queries the whole page for the node, which is the
  // bench's own work, not the edit's.
  await armed();
  await act();
  return result;
}

/** One timed edit: event → frame, then the settle time, then the long tasks of both. */
/** The renderer's cumulative script time in ms (CDP Performance metrics). */
type ScriptClock = () => Promise<number>;

async function scriptClock(page: Page): Promise<ScriptClock> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[];
    };
    return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
  };
}

async function timeEdit(
  page: Page,
  clock: ScriptClock,
  nodeSelector: string,
  textSelector: string,
  startEvent: 'click' | 'keydown',
  act: () => Promise<unknown>,
): Promise<Sample | string> {
  let script0 = 0;
  const r = await runEdit(page, nodeSelector, textSelector, startEvent, act, async () => {
    script0 = await clock();
  });
  const script1 = await clock();
  await page.waitForTimeout(SETTLE_MS);
  const script2 = await clock();
  if (r.error || r.shownAt === undefined || r.t0 === undefined) return r.error ?? 'no result';
  const tasks = (await page.evaluate('window.longTasks_.splice(0)')) as LongTask[];
  const t0 = r.t0;
  const shown = r.shownAt;
  const during = tasks.filter((t) => t.start < shown && t.start + t.duration > t0);
  const after = tasks.filter((t) => t.start >= shown && t.start < shown + SETTLE_MS);
  const longest = (list: LongTask[]) => Math.max(0, ...list.map((t) => t.duration));
  return {
    ms: shown - t0,
    frames: r.frames ?? 0,
    duringMs: longest(during),
    afterMs: longest(after),
    scriptMs: script1 - script0,
    afterScriptMs: script2 - script1,
    before: r.before,
    after: r.after,
  };
}

/** Open findings per element, as the badges count them. */
function openCount(doc: ThreatModelDocument, id: string): number {
  return evaluate(doc, shippedLibrary()).filter(
    (f) => f.targetId === id && f.status === 'open' && f.outOfScope !== true,
  ).length;
}

/** The first inference API whose open-findings count changes when Authenticated is toggled. */
function pickComponent(doc: ThreatModelDocument): { id: string; counts: [number, number] } {
  for (const c of doc.components) {
    if (c.type !== 'inference-api' || c.props?.['authenticated'] === true) continue;
    const before = openCount(doc, c.id);
    const after = openCount(updateComponent(doc, c.id, { props: { authenticated: true } }), c.id);
    if (before !== after && after > 0) return { id: c.id, counts: [before, after] };
  }
  throw new Error('no inference API whose badge changes with Authenticated');
}

/** Selects an element from the outline, which also zooms the canvas onto it. */
async function selectFromOutline(page: Page, doc: ThreatModelDocument, id: string): Promise<void> {
  await page.getByRole('tab', { name: 'Outline' }).click();
  const index = outlineRows(doc).findIndex((row) => row.key === `c:${id}`);
  const item = page.locator(`[data-outline-id="${id}"]`);
  // A virtual list: scroll until its row is drawn (rows are about 30 px; measured ones may differ).
  for (let i = 0; i < 30 && (await item.count()) === 0; i++) {
    await page.evaluate(
      `(() => {
        const nav = document.querySelector('nav.outline');
        const rows = [...nav.querySelectorAll('[data-index]')].map((r) => Number(r.dataset.index));
        const middle = rows.length ? rows[Math.floor(rows.length / 2)] : 0;
        nav.scrollTop += (${index} - middle) * 30;
      })()`,
    );
    await page.waitForTimeout(100);
  }
  await item.click();
  await page.waitForTimeout(400); // the focus animation (250 ms) starts a frame later
  await viewportSettled(page);
}

/**
 * Waits until the canvas stops moving (as appDriver's viewportSettled, which tsx cannot hand to the
 * page: it names an arrow, and tsx wraps that in a helper the page lacks).
 */
async function viewportSettled(page: Page): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const still = await page.evaluate(`new Promise((resolve) => {
      const style = () => document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '';
      const before = style();
      setTimeout(() => resolve(before === style()), 120);
    })`);
    if (still) return;
  }
  throw new Error('the canvas kept moving for 6 s');
}

interface SizeFigures {
  size: number;
  openMs: number;
  id: string;
  counts: [number, number];
  zoom: number;
  property: (Sample | string)[];
  keystroke: (Sample | string)[];
}

async function openModel(harness: Harness, doc: ThreatModelDocument) {
  const context = await harness.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(PAGE_SCRIPT);
  const page = await context.newPage();
  await page.goto(harness.server.url);
  await page.getByRole('button', { name: 'Blank model' }).click();
  const start = Date.now();
  await openFile(page, `synthetic-${doc.components.length}.aitm.json`, serialiseDocument(doc));
  await page.waitForSelector('.react-flow__node-component', { timeout: 0 });
  await page.waitForSelector('.finding-list li', { timeout: 0 });
  await page.waitForSelector('.work-progress', { state: 'detached', timeout: 0 });
  await page.waitForSelector('.react-flow__node-component .badge', { timeout: 0 });
  const openMs = Date.now() - start;
  await viewportSettled(page);
  return { context, page, openMs };
}

async function measureSize(harness: Harness, size: number): Promise<{ figures: SizeFigures; page: Page }> {
  const doc = syntheticModel(size);
  const { id, counts } = pickComponent(doc);
  const { page, openMs } = await openModel(harness, doc);
  await selectFromOutline(page, doc, id);
  const node = `.react-flow__node[data-id="${id}"]`;
  const zoom = (await page.evaluate(
    `new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a`,
  )) as number;
  if ((await page.locator(`${node} .badge`).count()) === 0)
    throw new Error(`the badge of ${id} is not drawn after selecting it (zoom ${zoom.toFixed(2)})`);

  const inspector = page.locator('.right-panel');
  const checkbox = inspector.getByRole('checkbox', { name: 'Authenticated', exact: true });
  const clock = await scriptClock(page);
  const property: (Sample | string)[] = [];
  for (let run = 0; run < RUNS; run++)
    property.push(await timeEdit(page, clock, node, '.badge', 'click', () => checkbox.click()));

  const label = inspector.getByRole('textbox', { name: 'Label', exact: true });
  await label.click();
  await page.keyboard.press('End');
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate('window.longTasks_.length = 0');
  const keystroke: (Sample | string)[] = [];
  for (let run = 0; run < RUNS; run++)
    keystroke.push(
      await timeEdit(page, clock, node, '.component-label', 'keydown', () =>
        page.keyboard.press(run % 2 === 0 ? 'x' : 'Backspace'),
      ),
    );
  return { figures: { size, openMs, id, counts, zoom, property, keystroke }, page };
}

// ------------------------------------------------------------------------------------- profiling

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Source maps of the build's scripts, by file name, when the build has them. */
function sourceMaps(dist: string): Map<string, SourceMap> {
  const maps = new Map<string, SourceMap>();
  const assets = join(dist, 'assets');
  if (!existsSync(assets)) return maps;
  for (const file of readdirSync(assets))
    if (file.endsWith('.js.map'))
      maps.set(
        file.slice(0, -'.map'.length),
        new SourceMap(JSON.parse(readFileSync(join(assets, file), 'utf8'))),
      );
  return maps;
}

/** `name (file:line)` of a profiled function: from the source map when there is one. */
function describe(frame: ProfileNode['callFrame'], maps: Map<string, SourceMap>): string {
  // V8's own entries — (program), (garbage collector), (idle) — and native functions have no URL.
  if (!frame.url) return frame.functionName || '(native)';
  const file = basename(new URL(frame.url).pathname);
  const entry = maps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry && 'originalSource' in entry && entry.originalSource) {
    const source = entry.originalSource.replace(/^.*?(node_modules\/|src\/)/, '$1');
    // The name the map gives the function's first token: its original name, where minified.
    const original = (entry as { name?: string }).name;
    return `${original || frame.functionName || '(anonymous)'} (${source}:${entry.originalLine + 1})`;
  }
  return `${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1})`;
}

/** Self time per function over a profile, largest first. */
function selfTimes(profile: CpuProfile, maps: Map<string, SourceMap>): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((sample, i) => {
    const frame = byId.get(sample)!.callFrame;
    const key = describe(frame, maps);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/**
 * Profiles PROFILE_RUNS edits with the CDP Profiler, each from the event to the frame shown and
 * then the settle time after it, and prints the self time per function averaged over them: one
 * edit is about a hundred samples, too few to rank functions of a millisecond or two.
 */
async function profileEdit(
  page: Page,
  maps: Map<string, SourceMap>,
  name: string,
  edit: (run: number, armed: () => Promise<unknown>) => Promise<ProbeResult>,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const add = (into: Map<string, number>, profile: CpuProfile) => {
    for (const [key, ms] of selfTimes(profile, maps)) into.set(key, (into.get(key) ?? 0) + ms);
  };
  const print = (title: string, totals: Map<string, number>) => {
    const rows = [...totals]
      .filter(([key]) => key !== '(idle)')
      .map(([key, ms]): [string, number] => [key, ms / PROFILE_RUNS])
      .sort((a, b) => b[1] - a[1]);
    const busy = rows.reduce((sum, [, ms]) => sum + ms, 0);
    console.log(`\nprofile of ${title} (${busy.toFixed(0)} ms sampled busy; self time per edit):`);
    for (const [key, ms] of rows.slice(0, 14)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
    // The same by where the code lives: a package, or a folder of src/ (two levels).
    const byPlace = new Map<string, number>();
    for (const [key, ms] of rows) {
      const source = /\((node_modules\/(?:@[^/]+\/)?[^/]+|src\/[^/]+\/[^/:]+)/.exec(key)?.[1] ?? '(other)';
      if (key !== '(program)') byPlace.set(source, (byPlace.get(source) ?? 0) + ms);
    }
    const places = [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`  by place: ${places.map(([place, ms]) => `${place} ${ms.toFixed(1)}`).join(', ')}`);
  };
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[];
    };
    return new Map(list.map((m) => [m.name, m.value]));
  };
  const KINDS = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'];
  const spent = new Map<string, number>();
  const during = new Map<string, number>();
  const after = new Map<string, number>();
  const shown: string[] = [];
  for (let run = 0; run < PROFILE_RUNS; run++) {
    let before = new Map<string, number>();
    const r = await edit(run, async () => {
      before = await metrics();
      await cdp.send('Profiler.start');
    });
    add(during, ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
    const afterEdit = await metrics();
    for (const key of KINDS)
      spent.set(key, (spent.get(key) ?? 0) + ((afterEdit.get(key) ?? 0) - (before.get(key) ?? 0)) * 1000);
    await cdp.send('Profiler.start');
    await page.waitForTimeout(SETTLE_MS);
    add(after, ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
    shown.push(
      r.shownAt !== undefined && r.t0 !== undefined ? (r.shownAt - r.t0).toFixed(0) : (r.error ?? '?'),
    );
  }
  await cdp.detach();
  print(
    `${name} (${PROFILE_RUNS} edits), event → frame shown (${shown.join(', ')} ms under the profiler)`,
    during,
  );
  // Where "(program)" goes: the renderer's own time split by kind (cumulative seconds in CDP).
  console.log(
    `  renderer over the same windows, per edit: ${KINDS.map((key) => `${key.replace('Duration', '')} ${((spent.get(key) ?? 0) / PROFILE_RUNS).toFixed(1)} ms`).join(', ')}`,
  );
  print(`the ${SETTLE_MS} ms after each`, after);
}

// --------------------------------------------------------------------------------------- report

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function row(size: number, edit: string, samples: (Sample | string)[]): string {
  const ok = samples.filter((s): s is Sample => typeof s !== 'string');
  const failed = samples.length - ok.length;
  const cell = (values: number[], digits = 1) =>
    `${median(values).toFixed(digits).padStart(7)} ${Math.max(...values)
      .toFixed(digits)
      .padStart(7)}`;
  // Long tasks are those over 50 ms: none is "<50", not 0.
  const taskCell = (values: number[]) =>
    [median(values), Math.max(...values)].map((v) => (v === 0 ? '<50' : v.toFixed(0)).padStart(7)).join(' ');
  if (ok.length === 0) return `  ${String(size).padStart(6)}  ${edit.padEnd(18)} no edit shown`;
  const ms = ok.map((s) => s.ms);
  return [
    `  ${String(size).padStart(6)}  ${edit.padEnd(18)}`,
    cell(ms),
    `${(median(ms) / FRAME_MS).toFixed(1).padStart(6)} ${(Math.max(...ms) / FRAME_MS).toFixed(1).padStart(5)}`,
    cell(
      ok.map((s) => s.frames),
      0,
    ),
    taskCell(ok.map((s) => s.duringMs)),
    taskCell(ok.map((s) => s.afterMs)),
    cell(ok.map((s) => s.scriptMs)),
    cell(ok.map((s) => s.afterScriptMs)),
    failed ? `  (${failed} of ${samples.length} not shown)` : '',
  ].join('  ');
}

function printTable(all: SizeFigures[]): void {
  console.log(
    `\nedit latency, ${RUNS} edits each (median / max); ms: event → first frame showing it; frames: ms / ${FRAME_MS.toFixed(1)}; rAF: animation frames run from the event to the one showing it (1 = the first frame the page produced after it, however late); task / after: longest main-thread task (over 50 ms) during the edit / in the ${SETTLE_MS} ms after; script / after sc: the page's script time (ms) from the event to the frame shown / in the ${SETTLE_MS} ms after`,
  );
  console.log(
    `  ${'size'.padStart(6)}  ${'edit'.padEnd(18)}  ${'ms med'.padStart(7)} ${'max'.padStart(7)}  ${'fr med'.padStart(6)} ${'max'.padStart(5)}  ${'rAF med'.padStart(7)} ${'max'.padStart(7)}  ${'task med'.padStart(7)} ${'max'.padStart(7)}  ${'after med'.padStart(7)} ${'max'.padStart(7)}  ${'script'.padStart(7)} ${'max'.padStart(7)}  ${'after sc'.padStart(7)} ${'max'.padStart(7)}`,
  );
  for (const f of all) {
    console.log(row(f.size, 'property → badge', f.property));
    console.log(row(f.size, 'keystroke → label', f.keystroke));
  }
  for (const f of all)
    for (const [edit, samples] of [
      ['property', f.property],
      ['keystroke', f.keystroke],
    ] as const) {
      const failures = samples.filter((s): s is string => typeof s === 'string');
      if (failures.length) console.log(`  ${f.size} ${edit}: ${failures.join('; ')}`);
    }
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) return;
  const given = process.env['BENCH_DIST'];
  const dist = given ?? (await buildWithSourceMaps());
  const maps = sourceMaps(dist);
  const harness = await startHarness({ outDir: dist });
  const all: SizeFigures[] = [];
  try {
    for (const [i, size] of SIZES.entries()) {
      const { figures, page } = await measureSize(harness, size);
      all.push(figures);
      const ok = (s: Sample | string) => (typeof s === 'string' ? s : `${s.before}→${s.after}`);
      console.log(
        `${size} components: opened (to canvas, findings and badges) in ${figures.openMs} ms; ${figures.id} at zoom ${figures.zoom.toFixed(2)}, badge ${figures.counts[0]} ↔ ${figures.counts[1]} (engine in Node); first edits: ${ok(figures.property[0]!)}, label ${JSON.stringify(ok(figures.keystroke[0]!))}`,
      );
      if (i === SIZES.length - 1) {
        const node = `.react-flow__node[data-id="${figures.id}"]`;
        const inspector = page.locator('.right-panel');
        // Clicked by position: a locator's click would run Playwright's own queries inside the profile.
        const checkbox = inspector.getByRole('checkbox', { name: 'Authenticated', exact: true });
        await checkbox.scrollIntoViewIfNeeded();
        const box = await checkbox.boundingBox();
        const hit = box
          ? await page.evaluate(
              `document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2})?.type === 'checkbox'`,
            )
          : false;
        if (!box || !hit) throw new Error('the Authenticated checkbox is not on screen');
        await profileEdit(
          page,
          maps,
          `property edits at ${size.toLocaleString('en')} components`,
          (_, armed) =>
            runEdit(
              page,
              node,
              '.badge',
              'click',
              () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
              armed,
            ),
        );
        await inspector.getByRole('textbox', { name: 'Label', exact: true }).click();
        await page.waitForTimeout(SETTLE_MS);
        await profileEdit(page, maps, `keystrokes at ${size.toLocaleString('en')} components`, (run, armed) =>
          runEdit(
            page,
            node,
            '.component-label',
            'keydown',
            () => page.keyboard.press(run % 2 === 0 ? 'x' : 'Backspace'),
            armed,
          ),
        );
      }
      await page.context().close();
    }
  } finally {
    await harness.dispose();
    if (!given) rmSync(dist, { recursive: true, force: true });
  }
  printTable(all);
  for (const f of all)
    for (const [edit, samples] of [
      ['property → badge', f.property],
      ['keystroke → label', f.keystroke],
    ] as const)
      console.log(
        `  ${f.size} ${edit}, each run (ms): ${samples.map((s) => (typeof s === 'string' ? 'not shown' : s.ms.toFixed(0))).join(' ')}`,
      );
  if (!maps.size) console.log('(no source maps in the build: profile positions are of the minified bundles)');
  console.log('Measured on a shared 2-core machine under load: figures vary between runs.');
}

await main();
