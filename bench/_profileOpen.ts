import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildApp, startHarness } from '../tests/e2e/helpers/browserHarness';
import { manyFlowsModel, unpositionedChain, largeRulePack } from './largeInputs';

const which = process.argv[2] ?? 'flows';
const dist = process.env['BENCH_DIST'] ?? (await buildApp());
console.log('dist', dist);
const harness = await startHarness({ outDir: dist });
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const page = await (await harness.browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
await page.goto(harness.server.url);
await page.getByRole('button', { name: 'Blank model' }).click();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
const text = which === 'flows' ? JSON.stringify(manyFlowsModel()) : which === 'chain' ? JSON.stringify(unpositionedChain()) : JSON.stringify(largeRulePack());
const path = join(dir, which === 'pack' ? 'large.json' : 'm.aitm.json');
writeFileSync(path, text);
await cdp.send('Profiler.start');
if (which === 'pack') {
  await page.getByRole('button', { name: /library/i }).first().click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Add a rule pack…' }).click()]);
  await chooser.setFiles(path);
  await page.getByText(/Loaded Large pack|Could not load large\.json/).waitFor({ timeout: 0 });
} else {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open file…' }).first().click()]);
  await chooser.setFiles(path);
  await page.waitForSelector('.work-progress', { state: 'attached', timeout: 0 }).catch(() => {});
  await page.waitForSelector('.work-progress', { state: 'detached', timeout: 0 });
}
await page.waitForTimeout(2000);
const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }[]; samples: number[]; timeDeltas: number[] } };
// self time per function
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
// total (inclusive) per function
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
});
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`).join('\n');
console.log('SELF\n' + top(self, 25));
console.log('TOTAL\n' + top(total, 40));
await harness.dispose();
