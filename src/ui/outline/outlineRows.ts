import type { Component, DataFlow, ThreatModelDocument, TrustBoundary } from '../../core';

/**
 * The outline as one flat list of rows — headings, boundaries and components indented by their
 * nesting, flows, notes — so a virtual list can render only the rows on screen. Flow rows carry
 * the flow, not its name: names are worked out for the rows drawn, not for a hundred thousand.
 */
export type OutlineRow =
  | { kind: 'heading'; key: string; text: string }
  | { kind: 'note'; key: string; text: string }
  | { kind: 'boundary'; key: string; boundary: TrustBoundary; depth: number }
  | { kind: 'component'; key: string; component: Component; depth: number }
  | { kind: 'flow'; key: string; flow: DataFlow };

export type OutlineItemRow = Extract<OutlineRow, { kind: 'boundary' | 'component' | 'flow' }>;

export const isItemRow = (row: OutlineRow): row is OutlineItemRow =>
  row.kind === 'boundary' || row.kind === 'component' || row.kind === 'flow';

interface Branch {
  boundaries: TrustBoundary[];
  components: Component[];
}

export function outlineRows(doc: ThreatModelDocument): OutlineRow[] {
  const tree = new Map<string | null, Branch>();
  const at = (id: string | null) => tree.get(id) ?? tree.set(id, { boundaries: [], components: [] }).get(id)!;
  for (const b of doc.trustBoundaries) at(b.parentId ?? null).boundaries.push(b);
  for (const c of doc.components) at(c.boundaryId ?? null).components.push(c);

  const rows: OutlineRow[] = [{ kind: 'heading', key: 'h:elements', text: 'Components and boundaries' }];
  if (doc.components.length === 0 && doc.trustBoundaries.length === 0)
    rows.push({ kind: 'note', key: 'n:empty', text: 'The model is empty.' });
  // Each boundary is listed once, under its parent: a parent cycle (hand-edited file) lists nothing twice.
  const listed = new Set<string>();
  const visit = (branch: Branch | undefined, depth: number) => {
    if (!branch) return;
    for (const b of branch.boundaries) {
      if (listed.has(b.id)) continue;
      listed.add(b.id);
      rows.push({ kind: 'boundary', key: `b:${b.id}`, boundary: b, depth });
      visit(tree.get(b.id), depth + 1);
    }
    for (const c of branch.components)
      rows.push({ kind: 'component', key: `c:${c.id}`, component: c, depth });
  };
  visit(tree.get(null), 0);

  rows.push({ kind: 'heading', key: 'h:flows', text: 'Data flows' });
  if (doc.dataFlows.length === 0) rows.push({ kind: 'note', key: 'n:no-flows', text: 'No data flows yet.' });
  for (const f of doc.dataFlows) rows.push({ kind: 'flow', key: `f:${f.id}`, flow: f });
  return rows;
}
