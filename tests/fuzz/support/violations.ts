/**
 * What the oracles report, and the registry of bugs already found and reported to their owners.
 *
 * Every oracle returns violations instead of throwing, so one place decides what fails: a
 * violation that matches a known issue is counted (the fuzz script prints the counts) and every
 * other violation fails the property. Each known issue has a reproducer in
 * tests/security/knownIssues.test.ts written with `it.fails`: when the owner fixes the bug, that
 * test starts failing, and the entry here and the `.fails` must go.
 */

export type ViolationKind =
  | 'throw'
  | 'slow'
  | 'bad-result'
  | 'bad-path'
  | 'vague-message'
  | 'control-char'
  | 'json-no-location'
  | 'not-rejected'
  | 'round-trip'
  | 'importer-output'
  | 'cli-exit-code'
  | 'cli-stack-trace'
  | 'cli-unexpected-error'
  | 'cli-message'
  | 'md-html'
  | 'md-link'
  | 'md-autolink'
  | 'md-unescaped'
  | 'md-entity'
  | 'md-table-column'
  | 'md-fence'
  | 'md-indented-code'
  | 'md-fidelity'
  | 'md-block-start'
  | 'mermaid-line'
  | 'mermaid-label'
  | 'mermaid-directive'
  | 'csv-formula'
  | 'csv-shape';

export interface Violation {
  kind: ViolationKind;
  detail: string;
}

export interface KnownIssue {
  id: string;
  /** The file that holds the bug (owned by someone else). */
  where: string;
  summary: string;
  matches(v: Violation): boolean;
}

export const KNOWN_ISSUES: readonly KnownIssue[] = [];

/** Hits of known issues since the last reset, by issue id (printed by `npm run fuzz`). */
export const knownIssueHits = new Map<string, number>();

/** Fails on any violation that is not a known issue; counts the known ones. */
export function enforce(violations: readonly Violation[], context: () => string = () => ''): void {
  const unknown: Violation[] = [];
  for (const v of violations) {
    const issue = KNOWN_ISSUES.find((k) => k.matches(v));
    if (issue) knownIssueHits.set(issue.id, (knownIssueHits.get(issue.id) ?? 0) + 1);
    else unknown.push(v);
  }
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((v) => `${v.kind}: ${v.detail}`);
    throw new Error(
      `${shown.join('\n')}${unknown.length > 5 ? `\n… and ${unknown.length - 5} more` : ''}\n${context()}`.trimEnd(),
    );
  }
}
