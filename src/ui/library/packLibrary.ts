import {
  buildLibrarySteps,
  describeRulePack,
  layerRulePacks,
  type Library,
  type ParseResult,
  type Problem,
  type ValidatedLibraryFile,
} from '../../core';
import type { RejectedPack, RulePack } from '../store/appState';
import { runInSlices } from '../work/timeSlices';
import type { ValidatedFilesText } from '../work/workProtocol';
import type { StoredPack } from './packRecord';

/**
 * The library the editor uses with the user's rule packs: layered on the base by the core
 * (layerRulePacks), or — for packs the background worker has checked — built on the page from
 * what the worker validated, in slices that never block the page for long.
 */

export interface CombinedLibrary {
  library: Library;
  active: RulePack[];
  rejected: RejectedPack[];
}

/**
 * A validated pack with what it adds and the loader's warnings about it, for the Library dialog.
 * Frozen at the top: the store's immer would otherwise walk (and freeze) every object of its
 * content when the pack is put in the store, 30 ms and more for a 900 KB pack. Nothing writes to
 * a pack's content.
 */
export function describePack(pack: StoredPack, warnings: readonly Problem[] = []): RulePack {
  return Object.freeze(describeRulePack(pack, warnings));
}

/**
 * Layers packs on the base library, in order, the same way the CLI's `--pack` does (the layering
 * itself is the core's); a pack that does not load is set aside with its problems.
 */
export function combinePacks(base: Library, packs: readonly StoredPack[]): CombinedLibrary {
  const layered = layerRulePacks(base, packs);
  rememberFiles(layered.accepted, layered.files);
  return {
    library: layered.library,
    active: layered.accepted.map((p) => describePack(p, layered.warnings)),
    rejected: layered.rejected.map((r) => Object.freeze(r)),
  };
}

/** Each accepted pack's validated file, by its content: what removing another pack rebuilds from. */
const validatedFiles = new WeakMap<object, ValidatedLibraryFile>();

function rememberFiles(packs: readonly StoredPack[], files: readonly ValidatedLibraryFile[]): void {
  // One file per pack, in order (layerRulePacks, the worker's checks).
  packs.forEach((p, i) => {
    const file = files[i];
    if (file?.path === p.fileName && p.content !== null && typeof p.content === 'object')
      validatedFiles.set(p.content, file);
  });
}

/**
 * Builds the library of `packs` on the page from their validated files (what the worker checked,
 * or what was remembered), in slices that yield to the page: no schema, no long task. Fails only
 * if the files do not build, which the worker's check rules out.
 */
async function buildOnPage(
  base: Library,
  packs: readonly StoredPack[],
  files: readonly ValidatedLibraryFile[],
  signal?: AbortSignal,
): Promise<ParseResult<CombinedLibrary>> {
  if (packs.length === 0)
    return { ok: true, value: { library: base, active: [], rejected: [] }, warnings: [] };
  const built = await runInSlices(buildLibrarySteps(files, { base }), signal ? { signal } : {});
  if (!built.ok) return built;
  rememberFiles(packs, files);
  return {
    ok: true,
    value: { library: built.value, active: packs.map((p) => describePack(p, built.warnings)), rejected: [] },
    warnings: built.warnings,
  };
}

/**
 * The library of packs the worker has checked (its `files`, the packs validated in this order),
 * built on the page in slices.
 */
export function buildCheckedPacks(
  base: Library,
  packs: readonly StoredPack[],
  files: ValidatedFilesText,
  signal?: AbortSignal,
): Promise<ParseResult<CombinedLibrary>> {
  return buildOnPage(base, packs, JSON.parse(files) as ValidatedLibraryFile[], signal);
}

/**
 * The library of the packs left after one is removed. Their validated files are known (each was
 * checked when it was added or restored), so it is built in slices; if one of them no longer
 * builds without the removed pack, or a file is not known, the packs are layered again here as
 * before (combinePacks), which sets the ones that no longer load aside.
 */
export async function combineRemainingPacks(
  base: Library,
  packs: readonly StoredPack[],
): Promise<CombinedLibrary> {
  const files = packs.map((p) =>
    p.content !== null && typeof p.content === 'object' ? validatedFiles.get(p.content) : undefined,
  );
  if (files.every((f) => f !== undefined)) {
    const built = await buildOnPage(base, packs, files);
    if (built.ok) return built.value;
  }
  return combinePacks(base, packs);
}

export const setAsidePack = (pack: StoredPack, reason: string): RejectedPack =>
  Object.freeze({
    fileName: pack.fileName,
    content: pack.content,
    setAside: reason,
    problems: [{ file: pack.fileName, path: '$', message: reason }],
  });
