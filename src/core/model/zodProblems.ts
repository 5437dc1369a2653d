import type { z } from 'zod';
import { formatPath, type Problem } from './problems';
import { pushAll } from './pushAll';

/** Turns zod issues into Problems with JSON paths and messages a user can act on. */
export function zodIssuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[] = [],
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        problems.push({ path: formatPath([...path, key]), message: 'unknown field' });
      continue;
    }
    if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors)) {
      // Report the branch the input most resembles instead of the unhelpful "invalid input":
      // the one whose shape fits (no unknown or missing fields), then the one with fewest issues.
      const branches = issue.errors as z.core.$ZodIssue[][];
      const best = branches.reduce<z.core.$ZodIssue[] | undefined>(
        (acc, b) =>
          acc === undefined ||
          misfit(b) < misfit(acc) ||
          (misfit(b) === misfit(acc) && deepest(b) > deepest(acc))
            ? b
            : acc,
        undefined,
      );
      if (best && best.length > 0 && (deepest(best) > 0 || misfit(best) < 100)) {
        pushAll(problems, zodIssuesToProblems(best, path));
        continue;
      }
    }
    problems.push({ path: formatPath(path), message: describe(issue) });
  }
  return problems;
}

function misfit(issues: readonly z.core.$ZodIssue[]): number {
  let score = 0;
  for (const i of issues) {
    if (i.code === 'unrecognized_keys' && i.path.length === 0) score += 100;
    else if (i.code === 'invalid_type' && i.path.length === 1 && i.message.includes('undefined'))
      score += 100;
    else score += 1;
  }
  return score;
}

function deepest(issues: readonly z.core.$ZodIssue[]): number {
  return issues.reduce((max, i) => Math.max(max, i.path.length), 0);
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}${issue.input === undefined ? ' (missing)' : `, got ${typeName(issue.input)}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
