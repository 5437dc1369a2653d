import { documentIds, type ThreatModelDocument } from '../../core';

/**
 * New ids for the core commands (which take ids as arguments): `prefix-N`, the smallest numbers
 * not yet used anywhere in the document, so ids stay short and readable in files and reports.
 */
export function freshIds(doc: ThreatModelDocument, prefixes: readonly string[]): string[] {
  const used = documentIds(doc);
  const next = new Map<string, number>();
  return prefixes.map((prefix) => {
    let n = next.get(prefix) ?? 1;
    while (used.has(`${prefix}-${n}`)) n++;
    const id = `${prefix}-${n}`;
    used.add(id);
    next.set(prefix, n + 1);
    return id;
  });
}

export const freshId = (doc: ThreatModelDocument, prefix: string): string => freshIds(doc, [prefix])[0]!;
