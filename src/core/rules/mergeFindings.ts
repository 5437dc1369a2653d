import type { Finding } from './finding';

/**
 * The previous result without the removed findings, with the replaced ones swapped in place and the
 * added ones merged in key order. Positions are found by binary search on the sorted keys, so the
 * cost beyond copying the array is in the number of changed findings only.
 */
export function mergeFindings(
  previous: readonly Finding[],
  removed: ReadonlySet<Finding>,
  replaced: ReadonlyMap<Finding, Finding>,
  added: readonly Finding[],
): Finding[] {
  const out = previous.slice();
  for (const [old, fresh] of replaced) out[positionOf(previous, old.key)] = fresh;
  if (removed.size === 0 && added.length === 0) return out;
  const gone = [...removed].map((f) => positionOf(previous, f.key)).sort((a, b) => a - b);
  // Each added finding goes before the first previous finding with a greater key (a removed one
  // under the same key included: it is skipped, so the order holds).
  const at = added.map((f) => lowerBound(previous, f.key));
  const merged: Finding[] = [];
  let g = 0;
  let a = 0;
  for (let r = 0; r <= out.length; r++) {
    while (a < added.length && at[a] === r) merged.push(added[a++]!);
    if (r === out.length) break;
    if (g < gone.length && gone[g] === r) g++;
    else merged.push(out[r]!);
  }
  return merged;
}

/** The first position whose key is not less than `key`. */
function lowerBound(findings: readonly Finding[], key: string): number {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (findings[mid]!.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the finding with this key in a result sorted by key. */
function positionOf(findings: readonly Finding[], key: string): number {
  const position = lowerBound(findings, key);
  if (findings[position]?.key !== key) throw new Error(`no finding has the key ${key}`);
  return position;
}
