/**
 * UI benchmark: opens a 1,000-component, 2,000-flow model in headless Chromium and prints the time
 * until the canvas is interactive and the frame times while dragging a component; then opens a
 * 1,000-component model without positions (laid out by ELK in the worker), runs Auto layout on it,
 * and prints their times with the longest main-thread task, and the frame times of a pan and a drag.
 *
 *   npm run bench:ui                    # all parts
 *   npm run bench:ui -- --layout        # only the layout part
 *   npm run bench:ui -- --large-inputs  # only the large inputs of the hardening issue
 *
 * Large inputs: the longest main-thread task (PerformanceObserver 'longtask') while opening a
 * 100,000-flow model, a 3,000-component chain without positions, and adding a 900 KB rule pack,
 * then while reloading the page with that pack stored. BENCH_DIST=<dir> measures another build
 * (an older commit's `vite build`) for a before/after figure; BENCH_TIMEOUT_S bounds each step.
 *
 * The model enters the way a returning user's model does: restored from autosave through
 * parseDocument, evaluated, projected onto the canvas.
 */
import {
  addTrustBoundary,
  createEmptyDocument,
  evaluate,
  serialiseDocument,
  shippedLibrary,
  type ThreatModelDocument,
} from '../src/core/index';
import { AUTOSAVE_KEY } from '../src/ui/platform/localDocumentStorage';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumAvailable, startHarness, type Harness } from '../tests/e2e/helpers/browserHarness';
import { largeRulePack, manyFlowsModel, unpositionedChain } from './largeInputs';
import { unpositionedZonedModel } from './layoutModel';

const COMPONENTS = 1000;
const FLOWS = 2000;
const TYPES = [
  'user',
  'data-source',
  'data-pipeline',
  'vector-store',
  'llm-app',
  'llm',
  'agent',
  'agent-tool',
  'inference-api',
  'data-store',
  'monitoring',
  'guardrail',
];

function bigModel(): ThreatModelDocument {
  let doc = createEmptyDocument('Benchmark: 1,000 components');
  const perRow = 40;
  const boundaries = 10;
  const rowsPerBoundary = Math.ceil(COMPONENTS / perRow / boundaries);
  for (let b = 0; b < boundaries; b++) {
    doc = addTrustBoundary(doc, {
      id: `tb-${b}`,
      label: `Zone ${b}`,
      zone: b === 0 ? 'internet' : 'internal',
      position: { x: -24, y: b * rowsPerBoundary * 120 - 48 },
      size: { width: perRow * 240 + 24, height: rowsPerBoundary * 120 + 16 },
    });
  }
  const components = [];
  for (let i = 0; i < COMPONENTS; i++) {
    const row = Math.floor(i / perRow);
    const component = {
      id: `c-${i}`,
      type: TYPES[i % TYPES.length]!,
      label: `Component ${i}`,
      boundaryId: `tb-${Math.min(boundaries - 1, Math.floor(row / rowsPerBoundary))}`,
      position: { x: (i % perRow) * 240, y: row * 120 },
    };
    components.push(component);
  }
  doc = { ...doc, components };
  // Mostly neighbours, some long links: a realistic mix for routing and reachability.
  const flows = [];
  for (let k = 0; k < FLOWS; k++) {
    const source = k % COMPONENTS;
    const target = k < COMPONENTS ? (source + 1) % COMPONENTS : (source * 7 + 13) % COMPONENTS;
    flows.push({
      id: `f-${k}`,
      sourceId: `c-${source}`,
      targetId: `c-${target === source ? (target + 1) % COMPONENTS : target}`,
      label: k % 10 === 0 ? `flow ${k}` : '',
    });
  }
  return { ...doc, dataFlows: flows };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

interface DragResult {
  frames: number[];
  commitMs: number;
  moved: boolean;
}

/** Drags one component by its label for 150 pointer moves while recording frame intervals. */
async function dragFrames(page: Page, id: string): Promise<DragResult> {
  const handle = page.locator(`.react-flow__node[data-id="${id}"]`);
  const box = (await handle.boundingBox())!;
  // A string, not a function: tsx would wrap named arrows in a helper the page does not have.
  await page.evaluate(`(() => {
    window.frames_ = [];
    window.recording = true;
    let last = 0;
    const tick = (now) => {
      if (last) window.frames_.push(now - last);
      last = now;
      if (window.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 150; i++) await page.mouse.move(start.x + i, start.y + Math.sin(i / 10) * 20);
  const beforeDrop = (await page.evaluate('performance.now()')) as number;
  await page.mouse.up();
  const committed = (await page.evaluate(
    'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))',
  )) as number;
  const frames = (await page.evaluate('window.recording = false, window.frames_')) as number[];
  const after = (await handle.boundingBox())!;
  return { frames, commitMs: committed - beforeDrop, moved: Math.abs(after.x - box.x) > 1 };
}

/** Pans the view by dragging the empty canvas for 150 pointer moves while recording frame intervals. */
async function panFrames(page: Page): Promise<number[]> {
  // A point of the pane itself, not on a node, edge or control: found from the page.
  const spot = (await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow__pane');
    const box = pane.getBoundingClientRect();
    for (let y = box.top + 20; y < box.bottom - 20; y += 13)
      for (let x = box.left + 20; x < box.right - 200; x += 17)
        if (document.elementFromPoint(x, y) === pane) return { x, y };
    return null;
  })()`)) as { x: number; y: number } | null;
  if (!spot) throw new Error('no empty spot of the canvas to pan from');
  await page.evaluate(`(() => {
    window.frames_ = [];
    window.recording = true;
    let last = 0;
    const tick = (now) => {
      if (last) window.frames_.push(now - last);
      last = now;
      if (window.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(spot.x, spot.y);
  await page.mouse.down();
  for (let i = 1; i <= 150; i++) await page.mouse.move(spot.x + i * 2, spot.y + Math.sin(i / 10) * 40);
  await page.mouse.up();
  return (await page.evaluate('window.recording = false, window.frames_')) as number[];
}

const frameLine = (frames: number[]) =>
  `${frames.length} frames, median ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms`;

/**
 * Layout at scale (issue 12): open a 1,000-component model without positions (read, laid out by
 * ELK and analysed in the worker), run Auto layout on it, then pan and drag on the result.
 */
async function layoutBench(harness: Harness): Promise<void> {
  const doc = unpositionedZonedModel(1000, 2000, 10);
  console.log(
    `layout model: ${doc.components.length} components without positions, ${doc.dataFlows.length} flows, ${doc.trustBoundaries.length} boundaries (some nested)`,
  );
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(LONG_TASKS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(harness.server.url);
  await page.getByRole('button', { name: 'Blank model' }).click();
  const openButton = () => page.getByRole('button', { name: 'Open file…' }).first().click();
  const idle = () => page.waitForSelector('.work-progress', { state: 'detached', timeout: 0 });
  const twoFrames = () =>
    page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');

  await measure(
    page,
    'open 1,000 components without positions (to interactive)',
    () => pickFile(page, openButton, 'zoned.aitm.json', JSON.stringify(doc)),
    async () => {
      await page.waitForSelector('.react-flow__node[data-id="c-0"]', { state: 'attached', timeout: 0 });
      await idle();
      await twoFrames();
    },
  );
  const notice = async () =>
    (await page.locator('.notice', { hasText: 'Laid out as a grid' }).count()) > 0
      ? 'the GRID fallback was used'
      : 'laid out by ELK';
  console.log(`  ${await notice()}`);
  await measure(
    page,
    'auto layout of 1,000 components (worker + applying the result)',
    () => page.getByRole('button', { name: 'Auto layout' }).click(),
    async () => {
      await page.waitForSelector('.work-progress', { timeout: 2000 }).catch(() => {});
      await idle();
      await twoFrames();
    },
  );
  console.log(`  ${await notice()}`);
  console.log(`pan (whole model fitted): ${frameLine(await panFrames(page))}`);
  // Whichever component the pan left on screen (only visible nodes are rendered).
  const visibleId = await page.locator('.react-flow__node-component').first().getAttribute('data-id');
  const drag = await dragFrames(page, visibleId!);
  console.log(
    `drag (whole model fitted): moved ${drag.moved ? 'yes' : 'NO'}, ${frameLine(drag.frames)}; drop → next frame ${drag.commitMs.toFixed(0)} ms`,
  );
  const csp = (await page.evaluate('window.cspViolations_')) as string[];
  console.log(`CSP violations: ${csp.length ? csp.join('; ') : 'none'}`);
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
  await context.close();
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) return;
  const only = ['--large-inputs', '--layout'].find((flag) => process.argv.includes(flag));
  const harness = await startHarness(process.env['BENCH_DIST'] ? { outDir: process.env['BENCH_DIST'] } : {});
  try {
    if (!only) await canvasBench(harness);
    if (!only || only === '--layout') await layoutBench(harness);
    if (!only || only === '--large-inputs') await largeInputsBench(harness);
  } finally {
    await harness.dispose();
    rmSync(inputDir, { recursive: true, force: true });
  }
}

const LONG_TASKS = `(() => {
  window.longTasks_ = [];
  window.cspViolations_ = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.cspViolations_.push(e.violatedDirective + ' ' + e.blockedURI),
  );
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longTasks_.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
})()`;

/** Runs `action`, waits for `done`, then reports the longest main-thread task meanwhile. */
async function measure(
  page: Page,
  name: string,
  action: () => Promise<unknown>,
  done: () => Promise<unknown>,
) {
  const timeoutMs = Number(process.env['BENCH_TIMEOUT_S'] ?? 600) * 1000;
  await page.evaluate('window.longTasks_.length = 0');
  const start = Date.now();
  let outcome = 'done';
  try {
    await action();
    await Promise.race([
      done(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
    ]);
  } catch (error) {
    outcome = String(error).includes('timeout') ? `not finished after ${timeoutMs / 1000} s` : String(error);
  }
  const elapsed = Date.now() - start;
  // Trailing work (autosave, the first paint of the findings) counts too.
  await page.waitForTimeout(1500).catch(() => {});
  const tasks = (await page.evaluate('window.longTasks_').catch(() => null)) as number[] | null;
  const longest = tasks && tasks.length ? Math.max(...tasks) : 0;
  console.log(
    `${name}: ${outcome} in ${elapsed} ms; longest main-thread task ${tasks ? `${longest.toFixed(0)} ms` : 'unknown (page unresponsive)'}, ${tasks?.length ?? '?'} tasks over 50 ms`,
  );
}

const inputDir = mkdtempSync(join(tmpdir(), 'aitm-bench-'));

/**
 * Picks a file through the page's chooser. A path, not a buffer: Playwright hands a buffer to the
 * page as base64 and decodes it there, a long task of its own that the app never causes.
 */
async function pickFile(page: Page, button: () => Promise<unknown>, name: string, text: string) {
  const path = join(inputDir, name);
  writeFileSync(path, text);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button()]);
  await chooser.setFiles(path);
}

async function largeInputsBench(harness: Harness): Promise<void> {
  const flows = JSON.stringify(manyFlowsModel());
  const chain = JSON.stringify(unpositionedChain());
  const pack = JSON.stringify(largeRulePack());
  console.log(
    `large inputs: ${(flows.length / 1e6).toFixed(1)} MB model of 100,000 flows, ${(chain.length / 1e3).toFixed(0)} KB chain of 3,000 components, ${(pack.length / 1e3).toFixed(0)} KB rule pack`,
  );
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(LONG_TASKS);
  const page = await context.newPage();
  await page.goto(harness.server.url);
  await page.getByRole('button', { name: 'Blank model' }).click();
  const openButton = () => page.getByRole('button', { name: 'Open file…' }).first().click();
  const idle = () => page.waitForSelector('.work-progress', { state: 'detached', timeout: 0 });

  await measure(
    page,
    'open the 100,000-flow model',
    () => pickFile(page, openButton, 'flows.aitm.json', flows),
    async () => {
      await page.waitForFunction(
        () => document.querySelectorAll('.react-flow__node-component').length === 2,
        null,
        {
          timeout: 0,
        },
      );
      await idle();
    },
  );
  await measure(
    page,
    'open the 3,000-component chain without positions',
    () => pickFile(page, openButton, 'chain.aitm.json', chain),
    async () => {
      await page.waitForFunction(
        () => document.querySelector('.react-flow__node[data-id="c-0"]') !== null,
        null,
        {
          timeout: 0,
        },
      );
      await idle();
    },
  );
  await page
    .getByRole('button', { name: /library/i })
    .first()
    .click();
  await measure(
    page,
    'add the 900 KB rule pack',
    () =>
      pickFile(
        page,
        () => page.getByRole('button', { name: 'Add a rule pack…' }).click(),
        'large.json',
        pack,
      ),
    () => page.getByText(/Loaded Large pack|Could not load large\.json/).waitFor({ timeout: 0 }),
  );
  await measure(
    page,
    'reload the page with the pack stored',
    () => page.reload({ waitUntil: 'commit' }),
    () => page.waitForSelector('.toolbar, .app', { timeout: 0 }),
  );
  await context.close();
}

async function canvasBench(harness: Harness): Promise<void> {
  const doc = bigModel();
  const text = serialiseDocument(doc);
  const library = shippedLibrary();
  const t = performance.now();
  const findings = evaluate(doc, library);
  console.log(
    `model: ${doc.components.length} components, ${doc.dataFlows.length} flows, ${(text.length / 1024).toFixed(0)} KiB; engine (Node): ${(performance.now() - t).toFixed(0)} ms, ${findings.length} findings`,
  );

  {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      AUTOSAVE_KEY,
      text,
    ] as const);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(harness.server.url);
    await page.waitForSelector('.react-flow__node-component', { timeout: 120_000 });
    // Interactive: nodes are on screen and the main thread has produced two frames since.
    const interactive = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
        ),
    );
    const rendered = await page.locator('.react-flow__node').count();

    const fitAll = await dragFrames(page, 'c-0');
    // Zoom in on one corner like a user editing part of the model: only visible nodes render.
    const corner = (await page.locator('.react-flow__node[data-id="c-0"]').boundingBox())!;
    await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
    for (
      let i = 0;
      i < 40 && ((await page.locator('.react-flow__node[data-id="c-0"]').boundingBox())?.width ?? 0) < 150;
      i++
    ) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(300);
    const visible = await page.locator('.react-flow__node').count();
    const zoomed = await dragFrames(page, 'c-0');

    console.log(
      `canvas interactive after ${interactive.toFixed(0)} ms (from navigation start; ${rendered} nodes rendered of ${COMPONENTS + 10} when fitted)`,
    );
    const line = (name: string, r: DragResult) =>
      console.log(
        `drag (${name}): moved ${r.moved ? 'yes' : 'NO'}, ${r.frames.length} frames, median ${percentile(r.frames, 50).toFixed(1)} ms, p95 ${percentile(r.frames, 95).toFixed(1)} ms, max ${Math.max(...r.frames).toFixed(1)} ms; drop → document change → findings → next frame ${r.commitMs.toFixed(0)} ms`,
      );
    line('whole model fitted, all nodes rendered', fitAll);
    line(`zoomed in, ${visible} nodes rendered`, zoomed);
    if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
    await context.close();
  }
}

await main();
