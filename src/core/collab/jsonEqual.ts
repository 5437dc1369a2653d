/**
 * Deep equality of JSON values (objects compared by their own keys, in any order). Bounded in
 * depth: values read from a peer may nest arbitrarily, and past the bound two values are simply
 * called different (the caller then writes or rebuilds, which is always correct, only not minimal).
 */
export function jsonEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 64) return false;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keysA = Object.keys(ra);
  let definedB = 0;
  for (const key of Object.keys(rb)) if (rb[key] !== undefined) definedB++;
  let definedA = 0;
  for (const key of keysA) {
    if (ra[key] === undefined) continue;
    definedA++;
    if (!Object.prototype.hasOwnProperty.call(rb, key) || !jsonEqual(ra[key], rb[key], depth + 1))
      return false;
  }
  return definedA === definedB;
}
