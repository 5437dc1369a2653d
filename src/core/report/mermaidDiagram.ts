import type { ThreatModelDocument } from '../model/document';
import { mermaidText } from './escapeMarkdown';

/**
 * A Mermaid flowchart of the system: trust boundaries as nested subgraphs, components as nodes,
 * flows as labelled arrows. Node ids are generated (c1, b1…) so that no id from the file reaches
 * Mermaid syntax; every label is quoted and entity-encoded.
 */
export function mermaidDiagram(doc: ThreatModelDocument): string {
  const componentId = new Map(doc.components.map((c, i) => [c.id, `c${i + 1}`]));
  const boundaryId = new Map(doc.trustBoundaries.map((b, i) => [b.id, `b${i + 1}`]));
  const childBoundaries = new Map<string | null, string[]>();
  const childComponents = new Map<string | null, string[]>();
  const known = (id: string | null | undefined) => (id != null && boundaryId.has(id) ? id : null);
  const add = (map: Map<string | null, string[]>, key: string | null, id: string) => {
    const list = map.get(key);
    if (list) list.push(id);
    else map.set(key, [id]);
  };
  for (const b of doc.trustBoundaries) add(childBoundaries, known(b.parentId), b.id);
  for (const c of doc.components) add(childComponents, known(c.boundaryId), c.id);
  const boundaryById = new Map(doc.trustBoundaries.map((b) => [b.id, b]));
  const componentById = new Map(doc.components.map((c) => [c.id, c]));

  const lines = ['flowchart LR'];
  // Iterative depth-first walk so that deeply nested boundaries cannot exhaust the stack.
  const stack: { kind: 'open' | 'close'; id: string | null; depth: number }[] = [
    { kind: 'open', id: null, depth: 0 },
  ];
  const visited = new Set<string | null>();
  while (stack.length > 0) {
    const { kind, id, depth } = stack.pop()!;
    const indent = '  '.repeat(depth + 1);
    if (kind === 'close') {
      lines.push(`${'  '.repeat(depth)}end`);
      continue;
    }
    if (visited.has(id)) continue;
    visited.add(id);
    if (id !== null) {
      const b = boundaryById.get(id)!;
      lines.push(
        `${'  '.repeat(depth)}subgraph ${boundaryId.get(id)}["${mermaidText(`${b.label} (${b.zone})`)}"]`,
      );
      stack.push({ kind: 'close', id, depth });
    }
    for (const cid of childComponents.get(id) ?? []) {
      const c = componentById.get(cid)!;
      lines.push(
        `${indent}${componentId.get(cid)}["${mermaidText(c.label || c.id)}<br/>#lt;${mermaidText(c.type)}#gt;"]`,
      );
    }
    for (const child of [...(childBoundaries.get(id) ?? [])].reverse())
      stack.push({ kind: 'open', id: child, depth: depth + 1 });
  }
  for (const f of doc.dataFlows) {
    const label = f.label ? `|"${mermaidText(f.label)}"|` : '';
    lines.push(`  ${componentId.get(f.sourceId)} -->${label} ${componentId.get(f.targetId)}`);
  }
  return lines.join('\n');
}
