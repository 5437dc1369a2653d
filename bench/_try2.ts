import ELK from 'elkjs/lib/elk.bundled.js';
import { toElkGraph, readElkLayout, applyLayout, layoutDefects, type ThreatModelDocument } from '../src/core/index';
import { unpositionedChain } from './largeInputs';
export function big(n: number, flows: number, boundaries: number): ThreatModelDocument {
  const doc = unpositionedChain(n);
  doc.dataFlows = [];
  for (let b = 0; b < boundaries; b++) doc.trustBoundaries.push({ id: `tb-${b}`, label: `Z${b}`, zone: 'internal', ...(b >= boundaries/2 && b % 2 ? { parentId: `tb-${b - 1}` } : {}) } as any);
  doc.components.forEach((c, i) => { c.boundaryId = `tb-${Math.floor(i / (n / boundaries))}`; });
  for (let k = 0; k < flows; k++) {
    const s = k % n; let t = k < n ? (s + 1) % n : (s * 7 + 13) % n; if (t === s) t = (t + 1) % n;
    doc.dataFlows.push({ id: `f-${k}`, sourceId: `c-${s}`, targetId: `c-${t}`, label: '', props: {} } as any);
  }
  return doc;
}
const elk = new ELK();
const n = Number(process.argv[2] ?? 200);
const variants: Record<string, Record<string, string>> = JSON.parse(process.argv[3] ?? '{"base":{}}');
for (const [name, opts] of Object.entries(variants)) {
  const doc = big(n, n * 2, Math.max(1, n / 40));
  const g = toElkGraph(doc);
  Object.assign(g.layoutOptions!, opts);
  const t = performance.now();
  const r = await elk.layout(g as any);
  const ms = performance.now() - t;
  const laid = applyLayout(doc, readElkLayout(doc, r as any));
  console.log(name, n, ms.toFixed(0), 'ms', r.width, r.height, layoutDefects(laid).length);
}
