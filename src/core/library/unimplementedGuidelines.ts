import { quote, type Problem } from '../model/problems';
import type { Mitigation, Rule, Threat } from './librarySchema';

/** A library item with the file and JSON path it came from; `file` is 'base' for the library a pack extends. */
export interface LocatedItem<T> {
  item: T;
  file: string;
  at: string;
}

/**
 * Guidelines a threat cites that no mitigation its findings suggest implements. A finding lists the
 * threat's guidelines next to its mitigations, so a cited guideline nobody implements tells the
 * reader to do something the report never explains how to do.
 *
 * Checked for each threat against its own mitigations, and for each rule whose findings suggest a
 * different set — because it overrides the list, or because it is raised on an element, where
 * organisational mitigations are left out. These are warnings, not errors: a rule pack may cite a
 * guideline on purpose, and the shipped library's test holds it to none.
 */
export function unimplementedGuidelines(
  threats: readonly LocatedItem<Threat>[],
  rules: readonly LocatedItem<Rule>[],
  threatsById: ReadonlyMap<string, Threat>,
  mitigationsById: ReadonlyMap<string, Mitigation>,
): Problem[] {
  const warnings: Problem[] = [];
  const implemented = (ids: readonly string[]) =>
    new Set(ids.flatMap((id) => mitigationsById.get(id)?.guidelines ?? []));

  for (const { item: threat, file, at } of threats) {
    if (file === 'base') continue;
    const covered = implemented(threat.mitigations);
    threat.references.guidelines.forEach((g, i) => {
      if (!covered.has(g))
        warnings.push({
          file,
          path: `${at}.references.guidelines[${i}]`,
          message: `guideline ${quote(g)} is cited, but none of the threat's mitigations implements it`,
        });
    });
  }

  for (const { item: rule, file, at } of rules) {
    if (file === 'base') continue;
    const threat = threatsById.get(rule.threat);
    if (!threat) continue;
    const suggested = (rule.mitigations ?? threat.mitigations).filter(
      (id) => rule.target === 'model' || mitigationsById.get(id)?.organisational !== true,
    );
    const sameAsThreat =
      suggested.length === threat.mitigations.length &&
      suggested.every((id, i) => id === threat.mitigations[i]);
    if (sameAsThreat) continue;
    const covered = implemented(suggested);
    for (const g of threat.references.guidelines)
      if (!covered.has(g))
        warnings.push({
          file,
          path: `${at}.${rule.mitigations ? 'mitigations' : 'threat'}`,
          message: `${quote(rule.threat)} cites guideline ${quote(g)}, but none of the mitigations this rule suggests implements it`,
        });
  }
  return warnings;
}
