import type { OutOfScope, ThreatModelDocument } from './document';

/**
 * Out-of-scope marking (docs/model-format.md, "Out of scope"): components and data flows can be
 * marked; trust boundaries cannot (Threat Dragon, where the marking comes from, has none on them
 * either). The editor reads these; evaluate flags the findings of marked elements.
 */

/** The out-of-scope marking of the element with this id, if it has one. */
export function outOfScopeOf(doc: ThreatModelDocument, id: string): OutOfScope | undefined {
  return (
    doc.components.find((c) => c.id === id)?.outOfScope ?? doc.dataFlows.find((f) => f.id === id)?.outOfScope
  );
}

export function isOutOfScope(doc: ThreatModelDocument, id: string): boolean {
  return outOfScopeOf(doc, id) !== undefined;
}

/** Ids of every out-of-scope element, for marking many findings at once. */
export function outOfScopeIds(doc: ThreatModelDocument): Set<string> {
  const ids = new Set<string>();
  for (const c of doc.components) if (c.outOfScope !== undefined) ids.add(c.id);
  for (const f of doc.dataFlows) if (f.outOfScope !== undefined) ids.add(f.id);
  return ids;
}
