import type { Library, Problem } from '../../core';
import { describeError } from '../errors/reportFailure';
import type { RejectedPack } from '../store/appState';
import type { DocumentStorage } from '../store/persistence';
import type { BackgroundTasks } from '../work/backgroundTasks';
import { buildCheckedPacks, setAsidePack, type CombinedLibrary } from './packLibrary';
import { packRecordFrom, readPackRecord, serialisePacks, type StoredPack } from './packRecord';

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
export async function restoreStoredPacks(
  text: string,
  storage: DocumentStorage | null,
  base: Library,
  tasks: BackgroundTasks,
  budgetMs: number,
): Promise<CombinedLibrary & { problems: Problem[] }> {
  const none = (problems: Problem[]) => ({ library: base, active: [], rejected: [], problems });
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
