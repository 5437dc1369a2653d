import { documentIds, type ThreatModelDocument } from '../../core';

/**
 * New ids for the core commands (which take ids as arguments): `prefix-N`, the smallest numbers
 * not yet used anywhere in the document, so ids stay short and readable in files and reports.
 *
 * In a live workshop (`tag`, one per participant's session) ids are `prefix-TAG-N`: two people
 * adding a component at the same moment would otherwise both pick `c-7`, and in the shared Yjs
 * document one id is one element — one of the two components would silently vanish.
 */
export function freshIds(
  doc: ThreatModelDocument,
  prefixes: readonly string[],
  tag: string | null = null,
): string[] {
  const used = documentIds(doc);
  const next = new Map<string, number>();
  return prefixes.map((prefix) => {
    const stem = tag ? `${prefix}-${tag}` : prefix;
    let n = next.get(prefix) ?? 1;
    while (used.has(`${stem}-${n}`)) n++;
    const id = `${stem}-${n}`;
    used.add(id);
    next.set(prefix, n + 1);
    return id;
  });
}

export const freshId = (doc: ThreatModelDocument, prefix: string, tag: string | null = null): string =>
  freshIds(doc, [prefix], tag)[0]!;
