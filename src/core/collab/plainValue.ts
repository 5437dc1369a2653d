import { LIMITS } from '../limits';
import type { Problem } from '../model/problems';

/** More entries than any array a model holds (the largest count limit); beyond is garbage. */
const MAX_ARRAY = 200_000;

/**
 * A copy of an atomic value read from the Y document, as plain JSON: objects with the ordinary
 * prototype and own keys only, arrays, strings, finite or not numbers (the schema judges those),
 * booleans and null. Anything else a peer could encode (binary data, undefined, an object whose
 * prototype was set through a `__proto__` key, nesting past LIMITS.jsonDepth, huge arrays) is a
 * problem at `path`. Copying also means no object shared with Yjs's internals leaves the reader.
 */
export function plainValue(
  value: unknown,
  path: string,
  problems: Problem[],
  depth = 0,
): { ok: true; value: unknown } | { ok: false } {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'number'
  ) {
    return { ok: true, value };
  }
  if (typeof value !== 'object') return refuse(problems, path, `a ${typeof value} is not a JSON value`);
  if (depth >= LIMITS.jsonDepth.value) {
    return refuse(problems, path, `nested more than ${LIMITS.jsonDepth.value} levels deep`);
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY)
      return refuse(problems, path, `more than ${MAX_ARRAY} entries in one array`);
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = plainValue(value[i], `${path}[${i}]`, problems, depth + 1);
      if (!item.ok) return item;
      out.push(item.value);
    }
    return { ok: true, value: out };
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    return refuse(problems, path, 'is not a plain JSON object');
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_ARRAY) return refuse(problems, path, `more than ${MAX_ARRAY} keys in one object`);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const item = plainValue((value as Record<string, unknown>)[key], `${path}.${key}`, problems, depth + 1);
    if (!item.ok) return item;
    defineField(out, key, item.value);
  }
  return { ok: true, value: out };
}

/**
 * Sets an own, enumerable key even when it is `__proto__`, so that such a key stays visible to the
 * validating gate (which refuses it) instead of silently replacing the object's prototype.
 */
export function defineField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function refuse(problems: Problem[], path: string, message: string): { ok: false } {
  problems.push({ path, message });
  return { ok: false };
}
