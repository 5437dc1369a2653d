import type { Problem } from '../model/problems';
import type { RootCause, Rule } from './librarySchema';

interface Located<T> {
  item: T;
  file: string;
  at: string;
}

/**
 * Cross-checks root causes against the rules that name them. A root cause links findings of
 * several rules on one element, so each one must be declared, named by at least two rules, and
 * all its rules must target the same kind of element. Rules and causes of the base library are
 * counted but never reported: a rule pack is told only about its own mistakes.
 */
export function checkRootCauses(
  causes: readonly Located<RootCause>[],
  causesById: ReadonlyMap<string, RootCause>,
  rules: readonly Located<Rule>[],
  problems: Problem[],
): void {
  const rulesOf = new Map<string, Located<Rule>[]>();
  for (const entry of rules) {
    const id = entry.item.rootCause?.id;
    if (id === undefined) continue;
    if (!causesById.has(id)) {
      if (entry.file !== 'base')
        problems.push({
          file: entry.file,
          path: `${entry.at}.rootCause.id`,
          message: `no root cause has the id "${id}": declare it under "rootCauses" in a library file (id, title, description)`,
        });
      continue;
    }
    rulesOf.set(id, [...(rulesOf.get(id) ?? []), entry]);
  }
  for (const { item, file, at } of causes) {
    if (file === 'base') continue;
    const named = rulesOf.get(item.id) ?? [];
    if (named.length < 2)
      problems.push({
        file,
        path: `${at}.id`,
        message:
          named.length === 0
            ? `root cause "${item.id}" is named by no rule: add "rootCause": { "id": "${item.id}" } to the rules whose findings it links, or remove it`
            : `root cause "${item.id}" is named only by ${named[0]!.item.id}: a root cause links the findings of several rules on one element, so name it in at least two rules`,
      });
  }
  for (const [id, named] of rulesOf) {
    const first = named[0]!.item;
    for (const { item, file, at } of named) {
      if (item.target === first.target || file === 'base') continue;
      problems.push({
        file,
        path: `${at}.rootCause.id`,
        message: `${item.id} targets ${item.target}, but root cause "${id}" links ${first.target} findings (${first.id}): findings are linked only on one element, so every rule of a root cause must have the same target`,
      });
    }
  }
}
