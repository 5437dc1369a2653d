/**
 * CPU profile of the canvas benchmark's steps (bench/uiBench.ts): the load of the 1,000-component
 * model from autosave to interactive, and a drag zoomed in. Prints the functions with the most
 * self time and the long frames of the drag. For finding where the time goes, not a benchmark.
 *
 *   BENCH_DIST=<dir of a `vite build --minify false`> npx tsx bench/canvasProfile.ts [load|drag]
 */
import { addTrustBoundary, createEmptyDocument, serialiseDocument } from '../src/core/index';
import { AUTOSAVE_KEY } from '../src/ui/platform/localDocumentStorage';
import type { CDPSession, Page } from 'playwright-core';
import { serveDirectory, startHarness } from '../tests/e2e/helpers/browserHarness';
import { buildBareReactFlow } from './bareReactFlow/buildBare';
import { emptyPaneSpot } from './emptyPaneSpot';
import { canvasModel } from './canvasModel';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function summarise(profile: Profile, top = 40): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const key = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at)!);
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + ms);
    }
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  console.log(`profile: ${total.toFixed(0)} ms`);
  const print = (title: string, map: Map<string, number>) => {
    console.log(title);
    for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
  };
  print('self time:', selfBy);
  print('total time:', totalBy);
  timeline(profile, byId, parent, key);
  const focus = process.env['FOCUS'];
  if (focus) {
    // Where the time under the focused function goes: total time of each function called from it, at any depth.
    const under = new Map<string, number>();
    for (const [id, ms] of self) {
      const chain: string[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
        chain.push(key(byId.get(at)!));
      const i = chain.findIndex((k) => k.startsWith(`${focus} `));
      if (i < 0) continue;
      for (const k of new Set(chain.slice(0, i))) under.set(k, (under.get(k) ?? 0) + ms);
      under.set('(self)', (under.get('(self)') ?? 0) + (i === 0 ? ms : 0));
    }
    print(`under ${focus}:`, under);
  }
}

/**
 * The profile in order: consecutive samples under the same top frame (a task's entry point, idle
 * and the VM's own time joining the run they fall in), each with what ran most in it.
 */
function timeline(
  profile: Profile,
  byId: Map<number, ProfileNode>,
  parent: Map<number, number>,
  key: (n: ProfileNode) => string,
): void {
  console.log('timeline (ms from profile start):');
  let t = 0;
  let run: { top: string; start: number; end: number; busy: number; names: Map<string, number> } | null =
    null;
  const flush = () => {
    if (!run || run.busy < 3) return;
    const names = [...run.names].sort((a, b) => b[1] - a[1]).slice(0, 4);
    console.log(
      `  ${run.start.toFixed(0).padStart(6)} +${(run.end - run.start).toFixed(0).padStart(4)} busy ${run.busy.toFixed(0).padStart(4)}  ${run.top}: ${names.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' | ')}`,
    );
  };
  const PLUMBING =
    /^(\(anon\)|performWork|workLoop|flush|processRoot|commitRoot|renderRoot|performSync|performUnit|beginWork|runWith|callback|completeRoot|recursively|commit|updateFunction|renderWithHooks|mountIndeterminate|completeUnit)/;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    t += dt;
    const chain: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      chain.push(key(byId.get(at)!));
    chain.reverse();
    const top = chain[1] ?? '?';
    if (/^\((idle|program|garbage)/.test(top)) {
      if (run && !top.startsWith('(idle')) run.busy += dt;
      if (run && top.startsWith('(idle') && t - run.end > 5) {
        flush();
        run = null;
      }
      return;
    }
    if (run && run.top !== top) {
      flush();
      run = null;
    }
    run ??= { top, start: t, end: t, busy: 0, names: new Map() };
    run.end = t;
    run.busy += dt;
    const named = chain.slice(2).find((k) => !PLUMBING.test(k)) ?? top;
    run.names.set(named, (run.names.get(named) ?? 0) + dt);
  });
  flush();
}

async function profiled<T>(cdp: CDPSession, run: () => Promise<T>): Promise<T> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await run();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  summarise(profile, Number(process.env['TOP'] ?? 30));
  return result;
}

const FRAMES = `(() => {
  window.frames_ = []; window.recording = true; let last = 0;
  const tick = (now) => { if (last) window.frames_.push([now, now - last]); last = now; if (window.recording) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

/** As the benchmark drags (`towardCentre`: towards the middle of the pane, so the view does not auto-pan). */
async function drag(page: Page, id: string, towardCentre = false) {
  const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const direction = towardCentre && box.x + box.width / 2 > pane.x + pane.width / 2 ? -1 : 1;
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.evaluate(FRAMES);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 150; i++)
    await page.mouse.move(start.x + direction * i, start.y + Math.sin(i / 10) * 20);
  await page.mouse.up();
  await page.waitForTimeout(200);
  const frames = (await page.evaluate('window.recording = false, window.frames_')) as [number, number][];
  const long = frames.filter(([, d]) => d > 20);
  console.log(
    `${frames.length} frames, ${long.length} over 20 ms: ${long.map(([t, d]) => `${d.toFixed(0)}@${(t - frames[0]![0]).toFixed(0)}`).join(' ')}`,
  );
}

/** As the benchmark pans: drags the empty pane for 150 pointer moves. */
async function pan(page: Page) {
  const spot = await emptyPaneSpot(page);
  await page.mouse.move(spot.x, spot.y);
  await page.mouse.down();
  for (let i = 1; i <= 150; i++) await page.mouse.move(spot.x + i * 2, spot.y + Math.sin(i / 10) * 40);
  await page.mouse.up();
}

const PHASES = `(() => {
  window.tasks_ = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.tasks_.push([Math.round(e.startTime), Math.round(e.duration)]);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, observer) => {
    if (document.querySelector('.react-flow__node')) {
      window.firstNode_ = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
})()`;

/** Unprofiled: when the first node appeared, when the page was interactive, and the long tasks until then. */
async function phases(harness: Awaited<ReturnType<typeof startHarness>>, text: string) {
  const bareDir = await buildBareReactFlow();
  const bare = await serveDirectory(bareDir);
  const other = process.env['BENCH_DIST2'] ? await serveDirectory(process.env['BENCH_DIST2']) : null;
  const sides = other ? (['ours', 'new', 'bare'] as const) : (['ours', 'bare'] as const);
  const figures = new Map<string, number[][]>();
  for (let run = 0; run < Number(process.env['RUNS'] ?? 3); run++)
    for (const side of sides) {
      const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
      if (side !== 'bare')
        await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
          AUTOSAVE_KEY,
          text,
        ] as const);
      await context.addInitScript(PHASES);
      const page = await context.newPage();
      await page.goto(
        side === 'ours'
          ? harness.server.url
          : side === 'new'
            ? other!.url
            : `${bare.url}?x=40&y=40&zoom=0.75`,
      );
      await page.waitForSelector(
        side !== 'bare' ? '.react-flow__node-component' : '.react-flow__node-default',
      );
      const interactive = (await page.evaluate(
        'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))',
      )) as number;
      await page.waitForTimeout(1500);
      const info = (await page.evaluate(`({
        first: window.firstNode_,
        tasks: window.tasks_,
        scripts: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).map((r) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round(r.responseEnd), r.encodedBodySize]),
        dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      })`)) as {
        first: number;
        tasks: [number, number][];
        scripts: [string, number, number, number][];
        dcl: number;
      };
      console.log(
        `${side}: first node ${info.first.toFixed(0)}, interactive ${interactive.toFixed(0)}, DCL ${info.dcl.toFixed(0)}; long tasks ${info.tasks.map(([s, d]) => `${s}+${d}`).join(' ')}`,
      );
      figures.set(side, [...(figures.get(side) ?? []), [info.first, interactive]]);
      if (run === 0 && process.env['SCRIPTS'])
        console.log(
          `  scripts: ${info.scripts.map(([n, s, e, b]) => `${n} ${s}-${e} (${(b / 1024).toFixed(0)}K)`).join(', ')}`,
        );
      await context.close();
    }
  for (const [side, list] of figures)
    console.log(
      `${side}: mean first node ${(list.reduce((a, [f]) => a + f!, 0) / list.length).toFixed(0)}, interactive ${(list.reduce((a, [, i]) => a + i!, 0) / list.length).toFixed(0)}`,
    );
  await bare.close();
  await other?.close();
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; stackTrace?: { url: string }[] } };
}

/** A Performance trace of the load: the main thread's tasks in order, each with its biggest parts. */
async function traced(page: Page, cdp: CDPSession, run: () => Promise<number | void>, minTask = 4000) {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    categories:
      process.env['CATEGORIES'] ??
      'devtools.timeline,v8.execute,disabled-by-default-devtools.timeline,loading,blink.user_timing,IndexedDB,v8',
    transferMode: 'ReportEvents',
  });
  const interactive = await run();
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const count = (m: TraceEvent) => events.filter((e) => e.pid === m.pid && e.tid === m.tid).length;
  const main = mains.sort((a, b) => count(b) - count(a))[0];
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'TracingStartedInBrowser');
  const mine = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const t0 = Math.min(...mine.map((e) => e.ts));
  const tasks = mine.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > minTask);
  console.log(`result ${interactive?.toFixed(0)} ms (page clock); trace from ${nav?.name}; t0 ${t0}`);
  const window_ = process.env['WINDOW']?.split('-').map(Number);
  if (window_) {
    // Everything in the window on any thread of the page's process: what the main thread waits on.
    const threads = new Map(
      events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]),
    );
    for (const e of events.filter((e) => main && e.pid === main.pid && e.ph !== 'M'))
      if (
        (e.ts - t0) / 1000 >= window_[0]! &&
        (e.ts - t0) / 1000 <= window_[1]! &&
        (e.dur === undefined || e.dur > 300)
      )
        console.log(
          `    ${((e.ts - t0) / 1000).toFixed(1)} ${e.ph} ${threads.get(`${e.pid}:${e.tid}`)} ${e.name} ${e.dur ? (e.dur / 1000).toFixed(1) : ''} ${JSON.stringify(e.args?.data ?? {}).slice(0, 120)}`,
        );
  }
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside = mine.filter(
      (e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) > 2000,
    );
    const label = (e: TraceEvent) => {
      const url = e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? '';
      return `${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''}${url ? ` ${url.split('/').pop()}` : ''}`;
    };
    for (const e of inside)
      if (e.name === 'Layout' || e.name === 'UpdateLayoutTree')
        console.log(
          `    ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ${JSON.stringify(e.args).slice(0, 300)}`,
        );
    const parts = inside
      .filter((e) => !['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name))
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 6)
      .map((e) => `${label(e)} ${((e.dur ?? 0) / 1000).toFixed(0)}`);
    console.log(
      `  ${((task.ts - t0) / 1000).toFixed(0).padStart(6)} +${((task.dur ?? 0) / 1000).toFixed(0).padStart(4)} cpu ${((task.tdur ?? 0) / 1000).toFixed(0).padStart(4)}  ${parts.join(' | ')}`,
    );
  }
  if (process.env['THREADS']) {
    // CPU per thread of the page's process (raster and compositor work is not on the main thread).
    const names = new Map(
      events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]),
    );
    const cpu = new Map<string, number>();
    for (const e of events)
      if (
        e.ph === 'X' &&
        e.tdur &&
        ['RunTask', 'ThreadControllerImpl::RunTask', 'TaskGraphRunner::RunTask'].includes(e.name)
      ) {
        const k = `${e.pid === main?.pid ? 'page' : `pid ${e.pid}`} ${names.get(`${e.pid}:${e.tid}`) ?? e.tid}`;
        cpu.set(k, (cpu.get(k) ?? 0) + e.tdur / 1000);
      }
    for (const [k, v] of [...cpu].sort((a, b) => b[1] - a[1]).slice(0, 12))
      console.log(`  thread ${k}: ${v.toFixed(0)} ms CPU`);
  }
  const all = mine.filter((e) => e.name === 'RunTask');
  const cpu = all.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000;
  const longest = Math.max(...all.map((e) => (e.tdur ?? 0) / 1000));
  console.log(
    `main thread: ${cpu.toFixed(0)} ms of CPU in tasks; longest task ${longest.toFixed(0)} ms of CPU`,
  );
}

/**
 * Self time of each trace event (its duration less its children's on the same thread), summed by
 * thread and name: where a gesture's frames go, script, style, layout, paint and raster alike.
 */
function selfTimes(events: TraceEvent[], pid: number, from: number, to: number) {
  const names = new Map(
    events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '?']),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events)
    if (e.pid === pid && e.ph === 'X' && e.dur !== undefined && e.ts >= from && e.ts <= to) {
      const k = `${e.pid}:${e.tid}`;
      byThread.set(k, [...(byThread.get(k) ?? []), e]);
    }
  const out = new Map<string, Map<string, number>>();
  for (const [k, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; end: number; children: number }[] = [];
    const close = (frame: { e: TraceEvent; end: number; children: number }) =>
      self.set(frame.e.name, (self.get(frame.e.name) ?? 0) + (frame.e.dur! - frame.children) / 1000);
    for (const e of list) {
      while (stack.length && stack[stack.length - 1]!.end <= e.ts) close(stack.pop()!);
      const top = stack[stack.length - 1];
      if (top) top.children += e.dur!;
      stack.push({ e, end: e.ts + e.dur!, children: 0 });
    }
    while (stack.length) close(stack.pop()!);
    const thread = names.get(k) ?? k;
    const merged = out.get(thread) ?? new Map<string, number>();
    for (const [n, ms] of self) merged.set(n, (merged.get(n) ?? 0) + ms);
    out.set(thread, merged);
  }
  return out;
}

/**
 * The zoomed-in drag of the benchmark traced on our page and on the bare page, one after the
 * other: per thread, the self time of each kind of work per frame drawn, and the long frames
 * (between two animation frames over 20 ms) with the main thread's biggest parts.
 */
async function frameTrace(harness: Awaited<ReturnType<typeof startHarness>>, text: string) {
  const bareDir = process.env['BARE_DIST'] ?? (await buildBareReactFlow());
  const bare = await serveDirectory(bareDir);
  let viewport = { x: 40, y: 40, zoom: 0.75 };
  for (let run = 0; run < Number(process.env['RUNS'] ?? 1); run++)
    for (const side of ['ours', 'bare'] as const) {
      const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
      if (side === 'ours')
        await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
          AUTOSAVE_KEY,
          text,
        ] as const);
      const page = await context.newPage();
      await page.goto(
        side === 'ours'
          ? harness.server.url
          : `${bare.url}?x=${viewport.x}&y=${viewport.y}&zoom=${viewport.zoom}`,
      );
      await page.waitForSelector(
        side === 'ours' ? '.react-flow__node-component' : '.react-flow__node-default',
      );
      const transform = `(() => { const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform); return { x: m.e, y: m.f, zoom: m.a }; })()`;
      if (side === 'ours') viewport = (await page.evaluate(transform)) as typeof viewport;
      await page.waitForTimeout(1500);
      // As the benchmark: a drag with the model as opened, a pan, then zoomed in onto c-0.
      await drag(page, 'c-0');
      const gesture = process.env['GESTURE'] ?? 'drag';
      if (gesture === 'drag') await pan(page);
      const node = page.locator('.react-flow__node[data-id="c-0"]');
      for (let i = 0; i < 40 && gesture === 'drag'; i++) {
        const box = await node.boundingBox();
        const { zoom } = (await page.evaluate(transform)) as typeof viewport;
        if (!box || zoom >= 1.25) break;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, -200);
        await page.waitForTimeout(50);
      }
      await page.waitForTimeout(500);
      console.log(`${side}: ${await page.locator('.react-flow__node').count()} nodes rendered`);
      const cdp = await context.newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
      await cdp.send('Tracing.start', {
        categories:
          'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,v8.execute,cc,benchmark',
        transferMode: 'ReportEvents',
      });
      if (gesture === 'drag') await drag(page, 'c-0', true);
      else await pan(page);
      const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.end');
      await done;
      const main = events
        .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .sort(
          (a, b) =>
            events.filter((e) => e.tid === b.tid).length - events.filter((e) => e.tid === a.tid).length,
        )[0]!;
      const fired = events
        .filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'ProxyMain::BeginMainFrame')
        .map((e) => e.ts)
        .sort((a, b) => a - b);
      const from = fired[0]!;
      const to = fired[fired.length - 1]!;
      const frames = fired.length - 1;
      console.log(`${side}: ${frames} frames over ${((to - from) / 1000).toFixed(0)} ms`);
      const self = selfTimes(events, main.pid, from, to);
      for (const [thread, map] of [...self].sort(
        (a, b) =>
          [...b[1].values()].reduce((x, y) => x + y, 0) - [...a[1].values()].reduce((x, y) => x + y, 0),
      )) {
        const total = [...map.values()].reduce((x, y) => x + y, 0);
        if (total / frames < 0.2) continue;
        const top = [...map]
          .filter(([n]) => !['RunTask', 'ThreadControllerImpl::RunTask'].includes(n))
          .sort((a, b) => b[1] - a[1])
          .slice(0, Number(process.env['TOP'] ?? 10));
        console.log(
          `  ${thread}: ${(total / frames).toFixed(2)} ms/frame: ${top.map(([n, ms]) => `${n} ${(ms / frames).toFixed(2)}`).join(', ')}`,
        );
      }
      const mainEvents = events.filter(
        (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && (e.dur ?? 0) > 1000,
      );
      for (let i = 1; i < fired.length; i++) {
        const gap = (fired[i]! - fired[i - 1]!) / 1000;
        if (gap <= 20) continue;
        const inside = mainEvents
          .filter((e) => e.ts >= fired[i - 1]! && e.ts < fired[i]! && !e.name.includes('RunTask'))
          .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
          .slice(0, 6)
          .map(
            (e) =>
              `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`,
          );
        console.log(
          `    long frame ${gap.toFixed(0)} ms at ${((fired[i - 1]! - from) / 1000).toFixed(0)}: ${inside.join(' | ')}`,
        );
      }
      await context.close();
    }
  await bare.close();
}

async function main() {
  const what = process.argv[2] ?? 'load';
  const model = canvasModel();
  let doc = createEmptyDocument('Benchmark: 1,000 components');
  for (const b of model.boundaries) doc = addTrustBoundary(doc, b);
  const text = serialiseDocument({ ...doc, components: model.components, dataFlows: model.flows });
  const harness = await startHarness({ outDir: process.env['BENCH_DIST']! });
  try {
    if (what === 'phases') return await phases(harness, text);
    if (what === 'frames') return await frameTrace(harness, text);
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      AUTOSAVE_KEY,
      text,
    ] as const);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const load = async () => {
      await page.goto(harness.server.url);
      await page.waitForSelector('.react-flow__node-component', { timeout: 120_000 });
      return (await page.evaluate(
        'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))',
      )) as number;
    };
    if (what === 'trace') await traced(page, cdp, load);
    else if (what === 'load') console.log(`interactive at ${(await profiled(cdp, load)).toFixed(0)} ms`);
    else {
      console.log(`interactive at ${(await load()).toFixed(0)} ms`);
      await page.waitForTimeout(2000);
      // As the benchmark does before its zoomed drag: a drag with the model as opened (a drop, an edit).
      if (process.env['AFTER_DROP']) await drag(page, 'c-0');
      const node = page.locator('.react-flow__node[data-id="c-0"]');
      // FITTED: at the zoom the model opened at, as the benchmark's first drag and drop.
      for (let i = 0; i < 40 && !process.env['FITTED']; i++) {
        const box = await node.boundingBox();
        const zoom = (await page.evaluate(
          `new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a`,
        )) as number;
        if (!box || zoom >= 1.25) break;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, -200);
        await page.waitForTimeout(50);
      }
      await page.waitForTimeout(500);
      if (what === 'drag') await profiled(cdp, () => drag(page, 'c-0'));
      else if (what === 'drop' || what === 'droptrace') {
        // Only the drop: from the pointer's release to the second frame after it, as the benchmark counts it.
        const box = (await node.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        for (let i = 1; i <= 40; i++)
          await page.mouse.move(box.x + box.width / 2 - i, box.y + box.height / 2);
        await page.waitForTimeout(300);
        const measure =
          what === 'drop'
            ? profiled
            : (c: CDPSession, run: () => Promise<void>) => traced(page, c, run, 1000);
        await measure(cdp, async () => {
          const before = (await page.evaluate('performance.now()')) as number;
          await page.mouse.up();
          const after = (await page.evaluate(
            'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))',
          )) as number;
          console.log(`drop → next frame ${(after - before).toFixed(0)} ms`);
        });
      } else if (what === 'select')
        await profiled(cdp, async () => {
          const box = (await node.boundingBox())!;
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          await page.mouse.down();
          await page.waitForTimeout(400);
          await page.mouse.up();
        });
      else if (what === 'selecttrace')
        await traced(
          page,
          cdp,
          async () => {
            const count = () =>
              page.evaluate(
                `[...document.querySelectorAll('aside, main, .toolbar')].map((e) => (e.id || e.className) + ' ' + e.querySelectorAll('*').length).join(', ') + '; all ' + document.querySelectorAll('*').length`,
              );
            console.log(`DOM before: ${await count()}`);
            const box = (await node.boundingBox())!;
            await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
            await page.mouse.down();
            await page.waitForTimeout(400);
            await page.mouse.up();
            console.log(`DOM after: ${await count()}`);
          },
          2000,
        );
      else if (what === 'dragtrace') await traced(page, cdp, () => drag(page, 'c-0'), 8000);
      else await drag(page, 'c-0');
    }
    await context.close();
  } finally {
    await harness.dispose();
  }
}

await main();
