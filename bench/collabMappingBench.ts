import * as Y from 'yjs';
import {
  parseDocument,
  readDocumentFromY,
  shippedLibrary,
  updateComponent,
  writeDocumentToY,
  type ThreatModelDocument,
} from '../src/core/index';
import { syntheticModel } from './syntheticModel';

/**
 * The Yjs mapping at workshop sizes: a first share, a one-field local write, and a one-field
 * remote edit read back (the path every keystroke of every participant takes), at 300 and 1,000
 * components. Target: the remote read well under 5 ms at 1,000 components. `npx tsx bench/collabMappingBench.ts`
 */
const options = { catalogue: shippedLibrary().catalogue };
const ROUNDS = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function ms(start: number): number {
  return performance.now() - start;
}

function read(ydoc: Y.Doc, previous: ThreatModelDocument | null): ThreatModelDocument {
  const result = readDocumentFromY(ydoc, previous, options);
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return result.document;
}

function bench(size: number): void {
  const doc = syntheticModel(size);
  const local = new Y.Doc();
  const remote = new Y.Doc();
  let start = performance.now();
  writeDocumentToY(local, doc, null);
  const firstWrite = ms(start);
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
  start = performance.now();
  let mine = read(local, null);
  const firstRead = ms(start);
  let theirs = read(remote, null);

  const writes: number[] = [];
  const reads: number[] = [];
  const gates: number[] = [];
  const target = doc.components[Math.floor(size / 2)]!.id;
  for (let i = 0; i < ROUNDS; i++) {
    // A remote participant renames a component; the local peer receives and reads it.
    const edited = updateComponent(theirs, target, { label: `Renamed ${i}` });
    start = performance.now();
    const before = Y.encodeStateVector(local);
    writeDocumentToY(remote, edited, theirs, 'remote');
    writes.push(ms(start));
    theirs = edited;
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote, before));
    start = performance.now();
    const next = read(local, mine);
    reads.push(ms(start));
    if (next.components.filter((c, k) => c !== mine.components[k]).length !== 1) {
      throw new Error('structural sharing lost');
    }
    mine = next;
    start = performance.now();
    parseDocument(mine, options);
    gates.push(ms(start));
  }
  console.log(
    `${String(size).padStart(5)} components: first write ${firstWrite.toFixed(1)} ms, first read ${firstRead.toFixed(1)} ms; ` +
      `one-field edit: write ${median(writes).toFixed(2)} ms, remote read ${median(reads).toFixed(2)} ms ` +
      `(a full parseDocument of the model: ${median(gates).toFixed(2)} ms), medians of ${ROUNDS}`,
  );
}

for (const size of [300, 1000]) bench(size);
