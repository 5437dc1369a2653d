import type { Patch } from 'immer';

/**
 * The difference between two versions of a document as Immer patches, and their application.
 *
 * Document commands are pure functions that return a new document sharing every untouched object
 * with the old one, so they do not run inside `produce` and Immer cannot record their patches.
 * Comparing the two versions by identity finds what changed at the cost of the changed paths only
 * (plus one pass over a changed array): an unchanged component is the same object in both.
 *
 * The patches are in Immer's format (op, path, value), so `applyPatches` reads them too; the
 * editor applies them with `applyDocumentPatches` instead, which shares the values it inserts
 * rather than cloning them: an undone component is the very object it was before, which keeps
 * every identity-keyed cache (element lookups, the incremental evaluator, React memo) warm.
 */

export interface DocumentDiff {
  /** Turn the older version into the newer one (redo). */
  patches: Patch[];
  /** Turn the newer version back into the older one (undo), in the order they are applied. */
  inverse: Patch[];
}

type Path = (string | number)[];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function diffDocuments(before: unknown, after: unknown): DocumentDiff {
  const patches: Patch[] = [];
  const inverse: Patch[] = [];
  diffValue(before, after, [], patches, inverse);
  // Inverse patches undo the forward ones last-first (array indices depend on the order).
  inverse.reverse();
  return { patches, inverse };
}

function diffValue(a: unknown, b: unknown, path: Path, out: Patch[], inv: Patch[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) return diffArray(a, b, path, out, inv);
  // Plain objects at the top two levels (the document, its meta) are walked so a title edit is
  // one small patch; below that an element that changed is replaced whole (it is small).
  if (isRecord(a) && isRecord(b) && path.length < 2) return diffRecord(a, b, path, out, inv);
  out.push({ op: 'replace', path, value: b });
  inv.push({ op: 'replace', path, value: a });
}

function diffRecord(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  path: Path,
  out: Patch[],
  inv: Patch[],
): void {
  for (const key of Object.keys(a)) {
    if (!Object.hasOwn(b, key)) {
      out.push({ op: 'remove', path: [...path, key] });
      inv.push({ op: 'add', path: [...path, key], value: a[key] });
    } else diffValue(a[key], b[key], [...path, key], out, inv);
  }
  for (const key of Object.keys(b)) {
    if (Object.hasOwn(a, key)) continue;
    out.push({ op: 'add', path: [...path, key], value: b[key] });
    inv.push({ op: 'remove', path: [...path, key] });
  }
}

/**
 * Aligns two arrays by element identity: elements kept by a filter or a map are the same objects,
 * so one pass with two cursors finds the removed, added and replaced ones. Forward patches are
 * positional on the array as it is being transformed (Immer's `add`/`remove` on an index splice).
 * A reordering is still correct, only less compact (a run of replaces).
 */
function diffArray(a: readonly unknown[], b: readonly unknown[], path: Path, out: Patch[], inv: Patch[]) {
  // The common ends first: one edit among 10,000 components then builds sets of one element.
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let endA = a.length;
  let endB = b.length;
  while (endA > i && endB > i && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const inB = new Set(b.slice(i, endB));
  const inA = new Set(a.slice(i, endA));
  let j = i;
  while (i < endA && j < endB) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      i++;
      j++;
    } else if (!inB.has(x) && inA.has(y)) {
      // x left the array; y is further along in a.
      out.push({ op: 'remove', path: [...path, j] });
      inv.push({ op: 'add', path: [...path, j], value: x });
      i++;
    } else if (inB.has(x) && !inA.has(y)) {
      out.push({ op: 'add', path: [...path, j], value: y });
      inv.push({ op: 'remove', path: [...path, j] });
      j++;
    } else {
      // A changed element (neither found in the other array) or a move: replace in place.
      out.push({ op: 'replace', path: [...path, j], value: y });
      inv.push({ op: 'replace', path: [...path, j], value: x });
      i++;
      j++;
    }
  }
  for (; i < endA; i++) {
    out.push({ op: 'remove', path: [...path, j] });
    inv.push({ op: 'add', path: [...path, j], value: a[i] });
  }
  for (; j < endB; j++) {
    out.push({ op: 'add', path: [...path, j], value: b[j] });
    inv.push({ op: 'remove', path: [...path, j] });
  }
}

/**
 * Applies patches to an immutable document by copying only the containers on each patch's path
 * (each at most once per call) and sharing everything else, the inserted values included.
 */
export function applyDocumentPatches<T>(doc: T, patches: readonly Patch[]): T {
  if (patches.length === 0) return doc;
  const copied = new Set<object>();
  const root = { value: doc as unknown };
  const writable = (container: object): Record<string | number, unknown> | unknown[] => {
    if (copied.has(container)) return container as Record<string, unknown>;
    const copy = Array.isArray(container) ? [...(container as unknown[])] : { ...container };
    copied.add(copy);
    return copy as Record<string, unknown>;
  };
  for (const patch of patches) {
    if (patch.path.length === 0) {
      root.value = patch.value;
      continue;
    }
    // Copy the spine down to the patched container, relinking each copy into its parent.
    let parent = writable(root.value as object);
    root.value = parent;
    for (let k = 0; k < patch.path.length - 1; k++) {
      const key = patch.path[k]!;
      const child = writable((parent as Record<string | number, unknown>)[key] as object);
      (parent as Record<string | number, unknown>)[key] = child;
      parent = child;
    }
    const key = patch.path.at(-1)!;
    applyOne(parent, key, patch);
  }
  return root.value as T;
}

function applyOne(
  container: Record<string | number, unknown> | unknown[],
  key: string | number,
  patch: Patch,
) {
  if (Array.isArray(container)) {
    const index = key === '-' ? container.length : Number(key);
    if (patch.op === 'add') container.splice(index, 0, patch.value);
    else if (patch.op === 'remove') container.splice(index, 1);
    else container[index] = patch.value;
    return;
  }
  if (patch.op === 'remove') delete container[key];
  else container[key] = patch.value;
}

/** A rough size of what a list of patches keeps alive of its own: its values as JSON. */
export function patchBytes(patches: readonly Patch[]): number {
  let bytes = 0;
  for (const p of patches)
    bytes +=
      JSON.stringify(p.path).length + 16 + (p.value === undefined ? 0 : JSON.stringify(p.value).length);
  return bytes;
}
