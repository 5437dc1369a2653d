/**
 * Appends items one by one. `target.push(...items)` passes every item as an argument on the stack
 * and throws "Maximum call stack size exceeded" past about 100,000 of them: a file with that many
 * threats, rules or problems would crash the tool instead of being processed or refused.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
