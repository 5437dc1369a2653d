import type { Component, ThreatModelDocument, TrustBoundary } from '../../core';

/**
 * The outline as one flat list of rows — headings, boundaries and components indented by their
 * nesting, flows, notes — so a virtual list can render only the rows on screen.
 *
 * Rows hold element ids, not elements: each drawn row looks its element up (OutlineItem.tsx), so
 * a property or label edit leaves the rows as they are, and with them the virtual list's
 * measurements; only a change of structure (see outlineStructure.ts) builds them again.
 */
export type OutlineRow =
  | { kind: 'heading'; key: string; text: string }
  | { kind: 'note'; key: string; text: string }
  | { kind: 'boundary'; key: string; id: string; depth: number }
  | { kind: 'component'; key: string; id: string; depth: number }
  | { kind: 'flow'; key: string; id: string };

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
      rows.push({ kind: 'boundary', key: `b:${b.id}`, id: b.id, depth });
      visit(tree.get(b.id), depth + 1);
    }
    for (const c of branch.components) rows.push({ kind: 'component', key: `c:${c.id}`, id: c.id, depth });
  };
  visit(tree.get(null), 0);

  rows.push({ kind: 'heading', key: 'h:flows', text: 'Data flows' });
  if (doc.dataFlows.length === 0) rows.push({ kind: 'note', key: 'n:no-flows', text: 'No data flows yet.' });
  for (const f of doc.dataFlows) rows.push({ kind: 'flow', key: `f:${f.id}`, id: f.id });
  return rows;
}
