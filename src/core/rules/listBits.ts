/** The bit of a value outside the vocabulary: no rule's mask has it (rule values are checked). */
export const OUTSIDE_VOCABULARY = 1 << 31;

/**
 * Reads a list over a closed vocabulary of at most 31 values as bits (bit n: `values[n]`), for
 * `FactDefinition.bits`. The last list read and its bits are kept: the rules of one flow ask its
 * data categories several times in a row, and documents never change a list in place (a change
 * is a new list), so the same list has the same bits.
 */
export function listBitsReader(values: readonly string[]): (list: readonly string[] | undefined) => number {
  if (values.length > 31) throw new Error('a bit set holds at most 31 values');
  const bitOf = new Map(values.map((v, n) => [v, 1 << n]));
  let last: readonly string[] | undefined;
  let lastBits = 0;
  return (list) => {
    if (list === undefined || list.length === 0) return 0;
    if (list === last) return lastBits;
    let bits = 0;
    for (let n = 0; n < list.length; n++) bits |= bitOf.get(list[n]!) ?? OUTSIDE_VOCABULARY;
    last = list;
    lastBits = bits;
    return bits;
  };
}

/** A mask of `wanted`, or undefined when one of them is outside `values` (then lists are compared). */
export function maskOf(values: readonly string[], wanted: readonly string[]): number | undefined {
  let mask = 0;
  for (const w of wanted) {
    const n = values.indexOf(w);
    if (n < 0 || n > 30) return undefined;
    mask |= 1 << n;
  }
  return mask;
}
