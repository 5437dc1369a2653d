/**
 * Paste and duplicate at scale: copies a 30,000-element model (nested boundaries, components,
 * flows) and pastes it under fresh ids, then duplicates every component. Printed by
 * `npm run bench:ui`; on its own: `npx tsx bench/clipboardBench.ts`.
 */
import { copyElements, duplicateElements, pasteElements, type ThreatModelDocument } from '../src/core/index';
import { syntheticModel } from './syntheticModel';

/** `syntheticModel(10,000)`: 10,000 components, 20,000 flows and 400 nested boundaries. */
export function clipboardLine(): string {
  const doc: ThreatModelDocument = syntheticModel(10_000);
  const all = [...doc.trustBoundaries.map((b) => b.id), ...doc.components.map((c) => c.id)];
  const copyStart = performance.now();
  const fragment = copyElements(doc, all);
  const copyMs = performance.now() - copyStart;
  const size = fragment.trustBoundaries.length + fragment.components.length + fragment.dataFlows.length;
  const fresh = Array.from({ length: size }, (_, i) => `p-${i}`);
  const pasteStart = performance.now();
  const pasted = pasteElements(doc, fragment, fresh, { x: 32, y: 32 });
  const pasteMs = performance.now() - pasteStart;
  const duplicateStart = performance.now();
  duplicateElements(doc, all, fresh);
  const duplicateMs = performance.now() - duplicateStart;
  return `clipboard (Node): copy ${size.toLocaleString('en')} elements ${copyMs.toFixed(0)} ms, paste ${pasteMs.toFixed(0)} ms (${pasted.ids.length.toLocaleString('en')} new ids), duplicate ${duplicateMs.toFixed(0)} ms`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(clipboardLine());
