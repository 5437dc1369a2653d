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

/**
 * `schema.safeParse`, except that a file with so many problems that zod itself overflows the stack
 * (zod spreads each nested list of issues into `push`, which fails past about 100,000) is refused
 * with one problem instead of crashing the caller. Nothing is lost: the file was far from valid,
 * and the structural checks that run first have already bounded its depth.
 */
export function safeParseBounded<T extends z.ZodType>(
  schema: T,
  input: unknown,
): ReturnType<T['safeParse']> | { success: false; tooManyProblems: Problem } {
  try {
    return schema.safeParse(input, { reportInput: true }) as ReturnType<T['safeParse']>;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return {
      success: false,
      tooManyProblems: {
        path: '$',
        message:
          'the file has more problems than can be listed (over 100,000): it is not a file of this kind, or it is badly damaged',
      },
    };
  }
}
