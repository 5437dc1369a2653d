import { parseJsonText, serialiseDocument, type Problem, type ThreatModelDocument } from '../../core';

/**
 * What autosave writes: the document plus a stamp saying which tab wrote it and which revision it
 * is. Two tabs share one storage slot; the stamp lets each tab notice that the slot holds work it
 * has not seen, instead of silently overwriting it. Read back like any untrusted file.
 */
export const AUTOSAVE_FORMAT = 'aitm-autosave';

export interface AutosaveStamp {
  /** The tab that wrote the record (random per page load); '' for a record of an older build. */
  owner: string;
  /** Incremented by every write, whichever tab makes it. */
  revision: number;
  /** When it was written (ms since 1970); 0 when unknown. */
  savedAt: number;
}

/**
 * `serialise` must give serialiseDocument's text: autosave passes documentText.ts's, which keeps
 * the text of unchanged parts between saves, once that module has loaded.
 */
export function encodeAutosave(
  doc: ThreatModelDocument,
  stamp: AutosaveStamp,
  serialise: (doc: ThreatModelDocument) => string = serialiseDocument,
): string {
  // The canonical text, spliced in rather than parsed and re-stringified.
  return `{"format":"${AUTOSAVE_FORMAT}","owner":${JSON.stringify(stamp.owner)},"revision":${stamp.revision},"savedAt":${stamp.savedAt},"document":${serialise(doc)}}`;
}

export type DecodedAutosave =
  { ok: true; stamp: AutosaveStamp; document: unknown } | { ok: false; problems: Problem[] };

/** Splits stored text into stamp and (still unvalidated) document; parseDocument does the rest. */
export function decodeAutosave(text: string): DecodedAutosave {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: json.problems };
  const value = json.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, problems: [{ path: '$', message: 'expected an object' }] };
  const record = value as Record<string, unknown>;
  // Builds before the stamp stored the bare document.
  if (record['format'] === 'ai-threat-model')
    return { ok: true, stamp: { owner: '', revision: 0, savedAt: 0 }, document: value };
  if (record['format'] !== AUTOSAVE_FORMAT)
    return { ok: false, problems: [{ path: '$.format', message: 'not an autosave record' }] };
  const { owner, revision, savedAt } = record;
  if (typeof owner !== 'string' || owner.length > 100)
    return { ok: false, problems: [{ path: '$.owner', message: 'expected a string' }] };
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0)
    return { ok: false, problems: [{ path: '$.revision', message: 'expected a whole number' }] };
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt))
    return { ok: false, problems: [{ path: '$.savedAt', message: 'expected a number' }] };
  return { ok: true, stamp: { owner, revision, savedAt }, document: record['document'] };
}

/** A random id for this tab (not secret: it only tells tabs apart). */
export function newTabId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
