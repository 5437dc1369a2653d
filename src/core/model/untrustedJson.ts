import { formatPath, type Problem } from './problems';

/** Deeper than any real document; deep enough to stop stack-exhaustion attempts. */
export const MAX_JSON_DEPTH = 64;
/** Keys that could reach an object's prototype if the data were ever merged into a plain object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Walks untrusted JSON without recursion and reports keys that could pollute prototypes and
 * nesting beyond MAX_JSON_DEPTH. Runs before schema validation so that neither the validator nor
 * later code ever sees such structures.
 */
export function checkUntrustedJson(root: unknown, maxProblems = 100): Problem[] {
  const problems: Problem[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0 && problems.length < maxProblems) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) {
      problems.push({ path: formatPath(path), message: `nested more than ${MAX_JSON_DEPTH} levels deep` });
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ path: formatPath([...path, key]), message: `the key "${key}" is not allowed` });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return problems;
}

/**
 * Parses JSON text into a value, turning a syntax error into a Problem with line and column
 * instead of an exception.
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position?.[1] !== undefined) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    }
    return {
      ok: false,
      problem: { path: '$', message: `not valid JSON${where}: ${message.replace(/^JSON\.parse: /, '')}` },
    };
  }
}
