// `npm run bench:store`: what one edit costs in the editor's store at 10,000 components, from the
// change to the findings the panels read (the incremental evaluator plus the selectors around it).
// Prints medians of 60 edits of each kind; asserts nothing.
import { addDataFlow, shippedLibrary, updateComponent, type ThreatModelDocument } from '../src/core/index';
import { createAppStore } from '../src/ui/store/createAppStore';
import { selectFindings } from '../src/ui/store/selectors';
import { syntheticModel } from './syntheticModel';

const SIZE = 10_000;
const RUNS = 60;
const library = shippedLibrary();
const model = syntheticModel(SIZE);
const store = createAppStore({ library, document: model });
selectFindings(store.getState());
const ids = model.components.map((c) => c.id);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function measure(
  name: string,
  edit: (i: number, id: string) => (d: ThreatModelDocument) => ThreatModelDocument,
) {
  const change: number[] = [];
  const findings: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const id = ids[(i * 7919) % ids.length]!;
    const t0 = performance.now();
    store.getState().change(edit(i, id));
    const t1 = performance.now();
    selectFindings(store.getState());
    const t2 = performance.now();
    change.push(t1 - t0);
    findings.push(t2 - t1);
  }
  const c = median(change);
  const f = median(findings);
  console.log(
    `${name.padEnd(16)} change ${c.toFixed(2).padStart(6)} ms   findings ${f.toFixed(2).padStart(6)} ms   total ${(c + f).toFixed(2).padStart(6)} ms`,
  );
}

console.log(`store edits at ${SIZE} components (${model.dataFlows.length} flows), medians of ${RUNS}`);
measure('property', (i, id) => (d) => updateComponent(d, id, { props: { authenticated: i % 2 === 0 } }));
measure('label', (i, id) => (d) => updateComponent(d, id, { label: `Renamed ${i}` }));
measure(
  'new flow',
  (i, id) => (d) =>
    addDataFlow(d, {
      id: `f-store-bench-${i}`,
      sourceId: id,
      targetId: ids[(i + 1) % ids.length]!,
      label: '',
    }),
);
