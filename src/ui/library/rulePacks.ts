import {
  buildLibrarySteps,
  describeRulePack,
  layerRulePacks,
  type Library,
  type ParseResult,
  type Problem,
  type ValidatedLibraryFile,
} from '../../core';
import { describeError } from '../errors/reportFailure';
import type { RejectedPack, RulePack } from '../store/appState';
import type { DocumentStorage } from '../store/persistence';
import type { BackgroundTasks } from '../work/backgroundTasks';
import { runInSlices } from '../work/timeSlices';
import type { ValidatedFilesText } from '../work/workProtocol';
import { packRecordFrom, readPackRecord, serialisePacks, type StoredPack } from './packRecord';

export { RULE_PACKS_FORMAT, serialisePacks, type StoredPack } from './packRecord';

/**
 * Storage of user rule packs: library files (threats, mitigations, rules, component types) layered
 * on the base library by the core (layerRulePacks). A pack is JSON data validated by loadLibrary —
 * conditions over a closed set of facts and operators — and is never executed. Packs are kept in
 * localStorage and validated again on every load, like any other untrusted input.
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

/** Reads the stored packs back and validates them against the base library. */
export function restorePacks(
  storage: DocumentStorage | null,
  base: Library,
): CombinedLibrary & { problems: Problem[] } {
  const stored = loadStored(storage);
  if (!stored.ok) return { library: base, active: [], rejected: [], problems: stored.problems };
  const combined = combinePacks(base, stored.value);
  return { ...combined, problems: combined.rejected.flatMap((r) => r.problems) };
}

/** How long the stored packs may take to load at start-up, in the background, before they are set aside. */
export const STARTUP_PACK_BUDGET_MS = 5000;

const setAsidePack = (pack: StoredPack, reason: string): RejectedPack =>
  Object.freeze({
    fileName: pack.fileName,
    content: pack.content,
    setAside: reason,
    problems: [{ file: pack.fileName, path: '$', message: reason }],
  });

/** Records up to this size are read on the page first, to skip the worker when no pack needs checking. */
const READ_ON_PAGE_CHARS = 64 * 1024;

/**
 * The page-load counterpart of restorePacks: the stored packs are checked as a background task
 * with a time budget before the page builds a library from them. The worker reads the record
 * itself (parsing a big record strictly is a long task too), and sends back the accepted packs
 * validated, which the page builds in slices. Packs that fail are kept aside with their
 * problems, as before; packs whose check runs out of time or crashes are marked set aside in
 * storage, so later page loads neither freeze on them nor check them again. Packs set aside stay
 * listed in the Library dialog, where they can be removed or added again.
 */
export async function restorePacksInBackground(
  storage: DocumentStorage | null,
  base: Library,
  tasks: BackgroundTasks,
  budgetMs = STARTUP_PACK_BUDGET_MS,
): Promise<CombinedLibrary & { problems: Problem[] }> {
  const none = (problems: Problem[]) => ({ library: base, active: [], rejected: [], problems });
  const text = loadStoredText(storage);
  if (!text) return none([]);
  if (text.length <= READ_ON_PAGE_CHARS) {
    const small = readPackRecord(text);
    if (!small.ok) return none(small.problems);
    if (small.value.every((p) => p.setAside)) return withAside(none([]), small.value);
  }
  let checked;
  try {
    checked = await tasks.run(
      'Checking your stored rule packs',
      { kind: 'checkStoredPacks', text },
      {
        timeoutMs: budgetMs,
      },
    );
  } catch (error) {
    // Out of time or crashed: read here (the rare path) to set the packs aside in storage.
    const stored = readPackRecord(text);
    if (!stored.ok) return none(stored.problems);
    const reason = `set aside at start-up: checking the stored rule packs failed (${describeError(error)}); remove it, or add the file again to retry`;
    const aside = stored.value.filter((p) => p.setAside);
    const rejected = stored.value.filter((p) => !p.setAside).map((p) => setAsidePack(p, reason));
    try {
      storage?.save(serialisePacks([...aside, ...rejected]));
    } catch {
      // Storage full or gone: the packs are still set aside for this visit.
    }
    return withAside({ ...none([]), rejected }, aside);
  }
  if (!checked.ok) return none(checked.problems);
  // The worker read this same text strictly: plain JSON.parse gives the same record, for less.
  const stored = packRecordFrom(JSON.parse(text));
  if (!stored.ok) return none(stored.problems);
  const candidates = stored.value.filter((p) => !p.setAside);
  const problemsOf = new Map(checked.rejected.map((r) => [r.fileName, r.problems]));
  const accepted = candidates.filter((p) => checked.accepted.includes(p.fileName));
  const rejected: RejectedPack[] = candidates.flatMap((p) => {
    const problems = problemsOf.get(p.fileName);
    return problems ? [Object.freeze({ fileName: p.fileName, content: p.content, problems })] : [];
  });
  const built = await tasks.onPage('Loading your stored rule packs', 'preparing', (signal) =>
    buildCheckedPacks(base, accepted, checked.files, signal),
  );
  if (!built.ok) return withAside(none(built.problems), stored.value);
  return withAside({ ...built.value, rejected, problems: [] }, stored.value);
}

/** Adds the packs set aside in an earlier visit to what is restored, with their problems. */
function withAside(
  restored: CombinedLibrary & { problems: Problem[] },
  stored: readonly StoredPack[],
): CombinedLibrary & { problems: Problem[] } {
  const aside = stored.filter((p) => p.setAside).map((p) => setAsidePack(p, p.setAside!));
  const rejected = [...restored.rejected, ...aside];
  return { ...restored, rejected, problems: [...restored.problems, ...rejected.flatMap((r) => r.problems)] };
}

/** The stored record's text; none when storage cannot be read or holds nothing (a first visit, a private window). */
function loadStoredText(storage: DocumentStorage | null): string | null {
  try {
    return storage?.load() ?? null;
  } catch {
    return null;
  }
}

/**
 * The stored packs, or why there are none to use: storage that cannot be read or holds nothing
 * gives no packs and no problems; a damaged record gives its problems.
 */
function loadStored(storage: DocumentStorage | null): ParseResult<StoredPack[]> {
  const text = loadStoredText(storage);
  if (!text) return { ok: false, problems: [] };
  return readPackRecord(text);
}
