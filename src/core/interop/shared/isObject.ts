/** A JSON object (not null, not an array): what foreign files must be at most of their levels. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
