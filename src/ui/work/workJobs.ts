import {
  buildLibrarySteps,
  evaluate,
  layerRulePacks,
  parseJsonText,
  runToEnd,
  validateLibrarySources,
  type Finding,
  type Library,
  type ThreatModelDocument,
} from '../../core';
import { autoLayout, layoutIfNeeded } from '../canvas/autoLayout';
import { describeError } from '../errors/reportFailure';
import { readModelFile } from '../interop/importFile';
import { readPackRecord } from '../library/packRecord';
import {
  BIG_MODEL_ELEMENTS,
  elementCount,
  type PackSource,
  type WorkKind,
  type WorkRequest,
  type WorkResult,
  type WorkStage,
} from './workProtocol';

export { BIG_MODEL_ELEMENTS, elementCount } from './workProtocol';

/**
 * The heavy work itself, the same code in the worker and in the in-thread client the jsdom tests
 * use. Pure apart from reporting progress: nothing here sees the store, so a job that is stopped
 * half way has changed nothing.
 */

export interface JobEnvironment {
  /** The library rule packs extend (the shipped library in the app). */
  baseLibrary: Library;
  progress: (stage: WorkStage) => void | Promise<void>;
}

/**
 * The packs in use, read back from their text. The page wrote that text (packText) from content
 * it had parsed strictly, so plain JSON.parse reads the same value; the loader validates it again.
 */
const packInputs = (packs: readonly PackSource[]) =>
  packs.map((p) => ({ fileName: p.fileName, content: JSON.parse(p.text) as unknown }));

/** The library the editor is using: the base plus the packs it has accepted. */
function libraryWith(base: Library, packs: readonly PackSource[]): Library {
  return packs.length === 0 ? base : layerRulePacks(base, packInputs(packs)).library;
}

/**
 * Findings cost the page time to receive too (structured clone, about 25 µs each with their
 * references and explanations): beyond this many, receiving them costs about what evaluating
 * does, so the page evaluates instead.
 */
export const MAX_SENT_FINDINGS = 3_000;

/** The findings worth sending for this model, as plain data (explanations built here, off the page). */
function findingsToSend(doc: ThreatModelDocument, findings: readonly Finding[]): Finding[] | null {
  if (elementCount(doc) <= BIG_MODEL_ELEMENTS || findings.length > MAX_SENT_FINDINGS) return null;
  // A finding's explanation is built on first read, from the evaluation it came from; a plain
  // copy with it read now is what can cross to the page.
  return findings.map((f) => ({ ...f, why: f.why, trace: f.trace }));
}

export async function runJob<K extends WorkKind>(
  request: WorkRequest<K>,
  env: JobEnvironment,
): Promise<WorkResult<K>> {
  const run = jobs[request.kind] as (r: WorkRequest<K>, e: JobEnvironment) => Promise<WorkResult<K>>;
  return run(request, env);
}

const jobs: { [K in WorkKind]: (request: WorkRequest<K>, env: JobEnvironment) => Promise<WorkResult<K>> } = {
  async openModel({ fileName, text, packs }, env) {
    await env.progress('reading');
    const library = libraryWith(env.baseLibrary, packs);
    await env.progress('checking');
    const read = readModelFile(fileName, text, library.catalogue);
    if (!read.ok) return read;
    await env.progress('layout');
    let layoutNote: string | null = null;
    const document = await layoutIfNeeded(read.document, (note) => (layoutNote = note));
    await env.progress('analysing');
    // The first analysis runs here too: a model that crashes the engine is known before it opens,
    // and a big model's findings come back with it (see findingsToSend).
    let analysisFailure: string | null = null;
    let findings: Finding[] | null = null;
    try {
      findings = findingsToSend(document, evaluate(document, library));
    } catch (error) {
      analysisFailure = describeError(error);
    }
    return { ...read, document, layoutNote, analysisFailure, findings };
  },

  async layout({ document }, env) {
    await env.progress('layout');
    let layoutNote: string | null = null;
    const laidOut = await autoLayout(document, (note) => (layoutNote = note));
    return { document: laidOut, layoutNote };
  },

  async checkPack({ fileName, text, packs, document }, env) {
    await env.progress('packs');
    const json = parseJsonText(text);
    if (!json.ok) return { ok: false, problems: [{ ...json.problem, file: fileName }] };
    const all = [
      ...packInputs(packs.filter((p) => p.fileName !== fileName)),
      { fileName, content: json.value },
    ];
    // loadLibrary in its two halves: the validated files are what the page builds its library from.
    const files = validateLibrarySources(all.map((p) => ({ path: p.fileName, content: p.content })));
    if (!files.ok) return { ok: false, problems: files.problems };
    const built = runToEnd(buildLibrarySteps(files.value, { base: env.baseLibrary }));
    if (!built.ok) return { ok: false, problems: built.problems };
    let findings: Finding[] | null = null;
    if (document) {
      await env.progress('analysing');
      try {
        findings = findingsToSend(document, evaluate(document, built.value));
      } catch {
        // The page evaluates it then, and shows the failure as for any edit.
      }
    }
    return {
      ok: true,
      contentText: JSON.stringify(json.value),
      files: JSON.stringify(files.value),
      findings,
    };
  },

  async checkStoredPacks({ text }, env) {
    await env.progress('packs');
    const read = readPackRecord(text);
    if (!read.ok) return { ok: false, problems: read.problems };
    const layered = layerRulePacks(
      env.baseLibrary,
      read.value.filter((p) => !p.setAside),
    );
    return {
      ok: true,
      accepted: layered.accepted.map((p) => p.fileName),
      rejected: layered.rejected.map((p) => ({ fileName: p.fileName, problems: p.problems })),
      files: JSON.stringify(layered.files),
    };
  },
};
