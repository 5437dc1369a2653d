import * as jsonc from 'jsonc-parser';
import { LIMITS } from '../limits';
import { findDuplicateKeys } from './duplicateKeys';
import { formatPath, type Problem } from './problems';

/** Deeper than any real document; deep enough to stop stack-exhaustion attempts (LIMITS.jsonDepth). */
export const MAX_JSON_DEPTH = LIMITS.jsonDepth.value;
/** Keys that could reach an object's prototype if the data were ever merged into a plain object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Walks untrusted JSON without recursion and reports keys that could pollute prototypes and
 * nesting beyond MAX_JSON_DEPTH. Runs before schema validation so that neither the validator nor
 * later code ever sees such structures.
 */
export function checkUntrustedJson(
  root: unknown,
  maxProblems: number = LIMITS.reportedProblems.value,
): Problem[] {
  const problems: Problem[] = [];
  // Each entry names its parent instead of carrying a copy of its path: a path is built only for
  // a problem, so the walk allocates one small record per object or array, not a path per value.
  if (root === null || typeof root !== 'object') return problems;
  const stack: Visit[] = [{ value: root, depth: 0, parent: null, key: '' }];
  while (stack.length > 0 && problems.length < maxProblems) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (depth >= MAX_JSON_DEPTH) {
      problems.push({
        path: formatPath(pathOf(visit)),
        message: `nested more than ${MAX_JSON_DEPTH} levels deep`,
      });
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object')
          stack.push({ value: item, depth: depth + 1, parent: visit, key: i });
      }
      continue;
    }
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({
          path: formatPath([...pathOf(visit), key]),
          message: `the key "${key}" is not allowed`,
        });
        continue;
      }
      const item = object[key];
      if (item !== null && typeof item === 'object')
        stack.push({ value: item, depth: depth + 1, parent: visit, key });
    }
  }
  return problems;
}

/** An object or array met by checkUntrustedJson: its depth, and where it sits in its parent. */
interface Visit {
  value: object;
  depth: number;
  parent: Visit | null;
  key: string | number;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let v: Visit | null = visit; v?.parent; v = v.parent) path.push(v.key);
  return path.reverse();
}

const SYNTAX_ERRORS: Record<number, string> = {
  1: 'invalid symbol',
  2: 'invalid number format',
  3: 'a property name was expected',
  4: 'a value was expected',
  5: 'a colon was expected',
  6: 'a comma was expected',
  7: 'a closing brace was expected',
  8: 'a closing bracket was expected',
  9: 'the end of the file was expected',
  10: 'invalid comment token',
  11: 'unexpected end of comment',
  12: 'unexpected end of string',
  13: 'unexpected end of number',
  14: 'invalid unicode escape',
  15: 'invalid escape character',
  16: 'invalid character',
};

/**
 * Parses JSON text into a value, turning a syntax error into a Problem with line and column
 * instead of an exception. V8 often gives no position, so a second, tolerant scanner
 * (jsonc-parser, the one VS Code uses) locates the first error. Nothing of the file's own bytes is
 * echoed: a message may end up in a CI log, where a forged line could pass for a command.
 *
 * JSON is strict: a key twice in one object is refused (findDuplicateKeys). Every JSON entry point
 * — models, rule packs, imported files, stored documents, in the CLI and the editor — reads text
 * through here. `problem` is the first problem; `problems` lists all of them.
 */
export function parseJsonText(
  input: string,
): { ok: true; value: unknown } | { ok: false; problem: Problem; problems: Problem[] } {
  // A UTF-8 byte-order mark (Windows editors write one) is not part of the JSON.
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    const problem = locateSyntaxError(text);
    return { ok: false, problem, problems: [problem] };
  }
  const duplicates = findDuplicateKeys(text);
  if (duplicates.length > 0) return { ok: false, problem: duplicates[0]!, problems: duplicates };
  return { ok: true, value };
}

function locateSyntaxError(text: string): Problem {
  const errors: jsonc.ParseError[] = [];
  jsonc.parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (!first) return { path: '$', message: 'not valid JSON' };
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  const what = text.trim() === '' ? 'the file is empty' : (SYNTAX_ERRORS[first.error] ?? 'syntax error');
  return { path: '$', message: `not valid JSON at line ${line}, column ${column}: ${what}` };
}
