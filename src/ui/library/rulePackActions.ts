import { formatProblems, parseDocument } from '../../core';
import { MAX_FILE_BYTES } from '../documents/fileNames';
import { failureMessage } from '../errors/reportFailure';
import { readFileText } from '../platform/platform';
import type { RejectedPack, RulePack } from '../store/appState';
import { primeFindings } from '../store/analysisCache';
import type { AppServices } from '../store/StoreContext';
import { packSources, tasksOf } from '../work/backgroundTasks';
import { WorkStopped } from '../work/workClient';
import { sendsModelWithPack } from '../work/workProtocol';
import { buildCheckedPacks, combineRemainingPacks } from './packLibrary';
import { rememberPackText, serialisePacks, type StoredPack } from './packRecord';

/**
 * How long a pack may take to load in the background before it is refused. Beyond it, building
 * the library on the page (which the editor must do to use the pack) would freeze it.
 */
export const PACK_TIME_BUDGET_MS = 5000;

/** What the Library dialog shows after an action: an error (nothing changed) or a confirmation. */
export type PackOutcome = { ok: true; message: string; warning?: string } | { ok: false; message: string };

const UNCHANGED = 'The library in use is unchanged.';

export const PACK_NOT_STORED =
  'The browser storage is full or unavailable: the rule packs work in this tab but will not be here after a reload.';

function store(services: AppServices, active: readonly RulePack[], rejected: readonly RejectedPack[]) {
  try {
    services.packStorage?.save(serialisePacks([...active, ...rejected]));
    return undefined;
  } catch {
    return PACK_NOT_STORED;
  }
}

/**
 * Reads a pack file and, if it validates on top of the packs in use, starts using it. It is checked
 * first as a background task with a time budget: a pack that fails, is cancelled or is too slow is
 * neither used nor stored.
 */
export async function addRulePackFile(
  services: AppServices,
  file: File,
  budgetMs = PACK_TIME_BUDGET_MS,
): Promise<PackOutcome> {
  if (file.size > MAX_FILE_BYTES)
    return { ok: false, message: `${file.name} is larger than 64 MB; it was not loaded.` };
  let text: string;
  try {
    text = await readFileText(file);
  } catch (error) {
    return { ok: false, message: failureMessage(`load ${file.name}`, error, UNCHANGED) };
  }
  let checked;
  // A big model is analysed with the new library in the worker too (see sendsModelWithPack).
  const sent = services.store.getState().document;
  try {
    checked = await tasksOf(services).run(
      `Checking the rule pack ${file.name}`,
      {
        kind: 'checkPack',
        fileName: file.name,
        text,
        packs: packSources(services.store),
        ...(sendsModelWithPack(sent) ? { document: sent } : {}),
      },
      { timeoutMs: budgetMs },
    );
  } catch (error) {
    if (error instanceof WorkStopped && error.reason === 'cancelled')
      return { ok: false, message: `Loading ${file.name} was cancelled; the library in use is unchanged.` };
    return { ok: false, message: failureMessage(`load ${file.name}`, error, UNCHANGED) };
  }
  if (!checked.ok)
    return {
      ok: false,
      message: `Could not load ${file.name}; the library in use is unchanged.\n${formatProblems(file.name, checked.problems, 500)}`,
    };
  // The worker checked the pack on top of the packs in use; the page builds the library from
  // what it validated, in slices (progress and Cancel still work). The packs in use may have
  // changed meanwhile (a removal): then the check no longer applies, and nothing changes.
  const before = services.store.getState();
  const content: unknown = JSON.parse(checked.contentText);
  rememberPackText(content, checked.contentText);
  const packs: StoredPack[] = [
    ...before.rulePacks.filter((p) => p.fileName !== file.name),
    { fileName: file.name, content },
  ];
  let result;
  try {
    result = await tasksOf(services).onPage(`Checking the rule pack ${file.name}`, 'preparing', (signal) =>
      buildCheckedPacks(before.baseLibrary, packs, checked.files, signal),
    );
  } catch (error) {
    if (error instanceof WorkStopped && error.reason === 'cancelled')
      return { ok: false, message: `Loading ${file.name} was cancelled; the library in use is unchanged.` };
    return { ok: false, message: failureMessage(`load ${file.name}`, error, UNCHANGED) };
  }
  if (!result.ok)
    return {
      ok: false,
      message: `Could not load ${file.name}; the library in use is unchanged.\n${formatProblems(file.name, result.problems, 500)}`,
    };
  const state = services.store.getState();
  if (state.rulePacks !== before.rulePacks || state.baseLibrary !== before.baseLibrary)
    return {
      ok: false,
      message: `The rule packs changed while ${file.name} was loading; it was not added. Add it again.`,
    };
  // Before the library is in use: the panels then read the worker's findings instead of
  // evaluating the whole model on the page (the next edit is evaluated here as usual).
  if (checked.findings && state.document === sent)
    primeFindings(sent, result.value.library, checked.findings);
  const rejected = state.rejectedPacks.filter((p) => p.fileName !== file.name);
  state.setLibrary(result.value.library, result.value.active, rejected);
  const pack = result.value.active.at(-1)!;
  const warning = store(services, result.value.active, rejected);
  const warned = pack.warnings?.length ?? 0;
  return {
    ok: true,
    message: `Loaded ${pack.name}: ${describeCounts(pack.counts)}.${
      warned > 0
        ? ` ${warned === 1 ? 'One warning' : `${warned} warnings`} for its author, listed with the pack.`
        : ''
    }`,
    ...(warning ? { warning } : {}),
  };
}

/**
 * Stops using a pack. Refused when the open model needs it (components of a type it defines),
 * so removing a pack can never make the model unreadable.
 */
export async function removeRulePack(services: AppServices, fileName: string): Promise<PackOutcome> {
  const before = services.store.getState();
  const remaining = before.rulePacks.filter((p) => p.fileName !== fileName);
  const combined =
    remaining.length === before.rulePacks.length
      ? { library: before.library, active: before.rulePacks, rejected: [] }
      : await combineRemainingPacks(before.baseLibrary, remaining);
  const state = services.store.getState();
  if (state.rulePacks !== before.rulePacks)
    return { ok: false, message: `The rule packs changed while ${fileName} was being removed; try again.` };
  const rejected = state.rejectedPacks.filter((p) => p.fileName !== fileName);
  const check = parseDocument(state.document, { catalogue: combined.library.catalogue });
  if (!check.ok)
    return {
      ok: false,
      message: `${fileName} is still needed by the open model:\n${formatProblems('model', check.problems, 20)}`,
    };
  const allRejected = [...rejected, ...combined.rejected];
  state.setLibrary(combined.library, combined.active, allRejected);
  const warning = store(services, combined.active, allRejected);
  return { ok: true, message: `Removed ${fileName}.`, ...(warning ? { warning } : {}) };
}

export function describeCounts(counts: RulePack['counts']): string {
  const parts = (
    [
      [counts.componentTypes, 'component type', 'component types'],
      [counts.threats, 'threat', 'threats'],
      [counts.mitigations, 'mitigation', 'mitigations'],
      [counts.rules, 'rule', 'rules'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return parts.length > 0 ? `adds ${parts.join(', ')}` : 'adds nothing';
}
