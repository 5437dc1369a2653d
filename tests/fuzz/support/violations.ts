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

export const KNOWN_ISSUES: readonly KnownIssue[] = [
  {
    id: 'KI-1 misleading union messages',
    where: 'src/core/model/zodProblems.ts',
    summary:
      'a value that fails a union at its own level is described by one branch ("expected boolean, got object" for an enum property) or, where no branch fits, by zod\'s bare "Invalid input"; "(missing)" for present values was fixed with reportInput',
    matches: (v) => v.kind === 'vague-message' && /\(missing\)|Invalid input/.test(v.detail),
  },
  {
    id: 'KI-2 raw input echoed into problems',
    where:
      'src/core/model/problems.ts (formatProblems), src/core/document/checkProperties.ts, src/core/model/untrustedJson.ts, src/core/rules/conditions.ts, src/core/rules/compileRules.ts, src/core/interop/threatDragonImport.ts (notes)',
    summary:
      'control characters and newlines from the input reach problem paths and messages, so stderr lines can be forged (::error:: in CI logs, ANSI escapes)',
    matches: (v) =>
      v.kind === 'control-char' || (v.kind === 'cli-message' && /forged|control/.test(v.detail)),
  },
  {
    id: 'KI-3 props path not a JSON path',
    where: 'src/core/document/checkProperties.ts',
    summary:
      'the path of a property problem is built by concatenation (`$.components[0].props.a b`) instead of formatPath',
    matches: (v) => v.kind === 'bad-path' && /\.props\./.test(v.detail),
  },
  {
    id: 'KI-4 JSON syntax error without location',
    where: 'src/core/model/untrustedJson.ts',
    summary:
      'on Node 20 most JSON.parse messages have no "position N", so the problem gives no line and column',
    matches: (v) => v.kind === 'json-no-location',
  },
  {
    id: 'KI-5 autolinks survive mdInline',
    where: 'src/core/report/escapeMarkdown.ts',
    summary:
      'a URL glued to a letter/digit/underscore (`1http://evil`, `_www.evil`) and e-mail addresses are not put in code spans; GFM links them',
    matches: (v) => v.kind === 'md-autolink',
  },
  {
    id: 'KI-6 mdCell extra column after \\\\|',
    where: 'src/core/report/escapeMarkdown.ts',
    summary:
      'a pipe preceded by an escaped backslash inside a URL code span (`http://a\\\\|b`) is not escaped and splits the table cell',
    matches: (v) => v.kind === 'md-table-column' && /\\\\\|/.test(v.detail),
  },
  {
    id: 'KI-7 Mermaid directive in a label',
    where: 'src/core/report/escapeMarkdown.ts',
    summary:
      "mermaidText leaves `%%{init: {'theme':'dark'}}%%` intact; Mermaid scans directives anywhere in the text",
    matches: (v) => v.kind === 'mermaid-directive',
  },
  {
    id: 'KI-10 visible backslash before a number',
    where: 'src/core/report/escapeMarkdown.ts',
    summary:
      'escapePlain writes `\\1.` for text starting "1." (a version "0.1.0", a label "3. Ingest"); CommonMark shows the backslash, since 1 is not punctuation ("1\\." is the escape)',
    matches: (v) => v.kind === 'md-fidelity',
  },
];

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
