// `npm run bench:history`: memory of the editor's undo history on a 10,000-component model.
// Runs 1,000 edits of every kind through the app store (labels typed key by key, properties,
// moves, new flows, removals) with the findings of every version computed as the panels would
// (FINDINGS_EVERY=n for every n-th), through the incremental evaluator, and prints the heap retained per undo step and after 1,000 edits against 200 (the
// history limit: more edits must not keep more). Needs `node --expose-gc`; prints, asserts nothing.
import {
  addDataFlow,
  moveElements,
  removeElements,
  serialiseDocument,
  shippedLibrary,
  updateComponent,
  type ThreatModelDocument,
} from '../src/core/index';
import { createAppStore } from '../src/ui/store/createAppStore';
import { patchBytes } from '../src/ui/store/documentPatches';
import { HISTORY_LIMIT } from '../src/ui/store/middleware';
import { selectFindings } from '../src/ui/store/selectors';
import { syntheticModel } from './syntheticModel';

const SIZE = 10_000;
const EDITS = 1_000;
const FINDINGS_EVERY = Number(process.env['FINDINGS_EVERY'] ?? 1);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:history does)');

function heapMb(): number {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const library = shippedLibrary();
const model = syntheticModel(SIZE);
let clock = 0;
const store = createAppStore({ library, document: model, now: () => clock });
const ids = model.components.map((c) => c.id);
console.log(
  `model: ${model.components.length} components, ${model.dataFlows.length} flows, ${(serialiseDocument(model).length / 2 ** 20).toFixed(1)} MB as JSON`,
);

/** Edit number `i`: a mix of the changes a workshop makes, deterministic. */
function edit(i: number): void {
  const id = ids[(i * 7919) % ids.length]!;
  const change = store.getState().change;
  switch (i % 5) {
    case 0: // a label typed key by key: one coalesced step
      for (const text of ['N', 'Ne', 'New', `New ${i}`]) {
        clock += 100;
        change((d) => updateComponent(d, id, { label: text }), { coalesce: `label:${id}` });
      }
      clock += 5000;
      return;
    case 1:
      return change((d) => updateComponent(d, id, { props: { authenticated: i % 2 === 0 } }));
    case 2:
      return change((d) => moveElements(d, [{ id, position: { x: i, y: i } }]));
    case 3:
      return change((d: ThreatModelDocument) =>
        addDataFlow(d, { id: `f-bench-${i}`, sourceId: id, targetId: ids[(i + 1) % ids.length]!, label: '' }),
      );
    default:
      return change((d) => removeElements(d, [`f-bench-${i - 1}`]));
  }
}

const analyse = () => selectFindings(store.getState()).length;
let findings = analyse();
const start = heapMb();
const marks: { edits: number; heap: number; steps: number; patchKb: number }[] = [];
const t0 = performance.now();
for (let i = 1; i <= EDITS; i++) {
  edit(i);
  if (i % FINDINGS_EVERY === 0) findings = analyse();
  if (i === HISTORY_LIMIT || i === EDITS / 2 || i === EDITS) {
    const { past } = store.getState().history;
    const patchKb = past.reduce((n, s) => n + patchBytes(s.patches) + patchBytes(s.inverse), 0) / 1024;
    marks.push({ edits: i, heap: heapMb(), steps: past.length, patchKb });
  }
}
const elapsed = performance.now() - t0;

console.log(
  `${EDITS} edits in ${(elapsed / 1000).toFixed(1)} s (findings of every ${FINDINGS_EVERY === 1 ? '' : `${FINDINGS_EVERY}th `}version: ${findings} now)`,
);
console.log(`heap after opening and analysing: ${start.toFixed(1)} MB`);
for (const m of marks)
  console.log(
    `after ${m.edits} edits: heap ${m.heap.toFixed(1)} MB (+${(m.heap - start).toFixed(1)} MB since opening, ` +
      `${(((m.heap - start) * 1024) / m.steps).toFixed(1)} KB per undo step at most), ${m.steps} undo steps, ` +
      `patches ${(m.patchKb / m.steps).toFixed(2)} KB per step as JSON`,
  );
const first = marks[0]!;
const last = marks.at(-1)!;
console.log(
  `growth from ${first.edits} to ${last.edits} edits with a full history: ${(last.heap - first.heap).toFixed(1)} MB (a leak would grow with the edits)`,
);
// What the history itself holds: the heap with it, then without it (same document, same findings).
const withHistory = heapMb();
const kept = store.getState().history;
store.setState({ history: { past: [], future: [], coalesceKey: null, coalesceAt: 0 } });
const withoutHistory = heapMb();
store.setState({ history: kept });
console.log(
  `the ${kept.past.length} undo steps themselves hold ${((withHistory - withoutHistory) * 1024).toFixed(0)} KB: ${(((withHistory - withoutHistory) * 1024) / kept.past.length).toFixed(2)} KB per step`,
);
// Undo all the way back: the history must still lead to a valid document.
let undone = 0;
while (store.getState().history.past.length > 0) {
  store.getState().undo();
  undone++;
}
console.log(`undid ${undone} steps; ${store.getState().document.components.length} components`);
