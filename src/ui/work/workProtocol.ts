import type { Finding, Problem, ThreatModelDocument } from '../../core';
import type { ReadOutcome } from '../interop/importFile';

/**
 * The messages between the editor and its background worker (heavyWork.worker.ts). Everything
 * here is structured-cloneable data: the worker rebuilds the library from the pack sources, since
 * a Library holds compiled functions that cannot cross threads.
 *
 * Big data crosses as JSON text, not as objects: a string is copied in one piece, while a
 * structured clone of a 900 KB pack costs the page 10–50 ms of object building in one task
 * (JSON.parse of the same data: 2–8 ms).
 */

/** A rule pack in use, as JSON text (packText): untrusted, validated again wherever it is used. */
export interface PackSource {
  fileName: string;
  text: string;
}

/**
 * What the page builds its library from once the worker has checked the packs: the loader's
 * validated files (validateLibrarySources), as JSON text. The page then skips the schema, the
 * bulk of the cost, and only cross-references and compiles, in slices (buildLibrarySteps).
 */
export type ValidatedFilesText = string;

/**
 * Above this many elements a model's first analysis is sent to the page with it: evaluating it
 * again there would block the page for longer than a frame budget allows (about 100 ms at a few
 * thousand elements on a slow machine).
 */
export const BIG_MODEL_ELEMENTS = 2_000;
export const elementCount = (doc: ThreatModelDocument): number =>
  doc.components.length + doc.dataFlows.length + doc.trustBoundaries.length;

/**
 * Beyond this many elements the model is not sent with a pack: cloning it to the worker would
 * cost the page about what evaluating it does (a 100,000-flow model: tens of milliseconds).
 */
export const MAX_SENT_MODEL_ELEMENTS = 20_000;

/** Whether a pack's check takes the open model along, to analyse it with the new library. */
export const sendsModelWithPack = (doc: ThreatModelDocument): boolean => {
  const n = elementCount(doc);
  return n > BIG_MODEL_ELEMENTS && n <= MAX_SENT_MODEL_ELEMENTS;
};

/** What each kind of job takes. */
export interface WorkInputs {
  /** Read, validate and (when positions are missing) lay out a file being opened; then analyse it once. */
  openModel: { fileName: string; text: string; packs: PackSource[] };
  /** Auto layout of a whole model. */
  layout: { document: ThreatModelDocument };
  /** Validate a rule pack on top of the packs in use. */
  checkPack: {
    fileName: string;
    text: string;
    packs: PackSource[];
    /**
     * The open model, when it is big enough that evaluating it with the new library would block
     * the page (see sendsModelWithPack): the worker analyses it too, and the findings come back.
     */
    document?: ThreatModelDocument;
  };
  /**
   * Read the stored packs record (its text, as localStorage holds it) and validate the packs
   * not set aside at page load, each on top of those accepted before it.
   */
  checkStoredPacks: { text: string };
}

/** What reading the file gives (importFile's ReadOutcome), plus what the worker did after it. */
export type OpenModelResult =
  | Extract<ReadOutcome, { ok: false }>
  | (Extract<ReadOutcome, { ok: true }> & {
      /** Set when the model was laid out by the fallback, saying why. */
      layoutNote: string | null;
      /** Set when the first analysis threw (a crash in the engine), with the reason. */
      analysisFailure: string | null;
      /**
       * The first analysis's findings (explanations included) for a big model, so the page shows
       * them without evaluating the model again on its own thread; null for a small model, or
       * when there are too many findings to be worth sending (see workJobs.ts).
       */
      findings: Finding[] | null;
    });

export type CheckPackResult =
  | {
      ok: true;
      /** The pack's content as canonical JSON text (what is stored and sent to later jobs). */
      contentText: string;
      /** The packs in use and then this one, validated, to build the library from. */
      files: ValidatedFilesText;
      /** The findings of the model sent with the pack, with the new library (as openModel's). */
      findings: Finding[] | null;
    }
  | { ok: false; problems: Problem[] };

export type CheckStoredPacksResult =
  /** The record itself is damaged: no packs, these problems. */
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      /** Of the packs not set aside, those that load, in order. */
      accepted: string[];
      rejected: { fileName: string; problems: Problem[] }[];
      /** The accepted packs, validated, to build the library from. */
      files: ValidatedFilesText;
    };

/** What each kind of job returns. */
export interface WorkResults {
  openModel: OpenModelResult;
  layout: { document: ThreatModelDocument; layoutNote: string | null };
  checkPack: CheckPackResult;
  checkStoredPacks: CheckStoredPacksResult;
}

export type WorkKind = keyof WorkInputs;
export type WorkRequest<K extends WorkKind = WorkKind> = { [P in K]: { kind: P } & WorkInputs[P] }[K];
export type WorkResult<K extends WorkKind> = WorkResults[K];

/** The steps a job reports, in the words the progress indicator shows. */
export const WORK_STAGES = {
  reading: 'Reading the file',
  checking: 'Checking the model',
  layout: 'Laying out the diagram',
  analysing: 'Analysing threats',
  packs: 'Checking the rule pack',
  preparing: 'Preparing the library',
} as const;
export type WorkStage = keyof typeof WORK_STAGES;

/** Editor → worker: one job per worker (a worker is ended, not reused, when its job stops). */
export interface WorkMessage {
  request: WorkRequest;
}

/** Worker → editor. */
export type WorkReply =
  | { type: 'progress'; stage: WorkStage }
  | { type: 'done'; result: WorkResults[WorkKind] }
  | { type: 'failed'; reason: string };
