/**
 * The largest / smallest of many numbers without `Math.max(...values)`, which passes every value
 * as an argument on the stack and throws past about 100,000 of them (see pushAll.ts).
 * `empty` is returned when there are no values.
 */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let best = -Infinity;
  let seen = false;
  for (const v of values) {
    seen = true;
    if (v > best) best = v;
  }
  return seen ? best : empty;
}

export function minOf(values: Iterable<number>, empty = Infinity): number {
  let best = Infinity;
  let seen = false;
  for (const v of values) {
    seen = true;
    if (v < best) best = v;
  }
  return seen ? best : empty;
}
