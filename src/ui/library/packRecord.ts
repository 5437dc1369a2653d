import { parseJsonText, type ParseResult, type Problem } from '../../core';
import { packText } from './packText';

export { packText, rememberPackText } from './packText';

/**
 * The stored form of the user's rule packs (one localStorage record) and the JSON text of each
 * pack. Shared by the page and the background worker, which reads big records off the page.
 */

export const RULE_PACKS_FORMAT = 'aitm-rule-packs';

export interface StoredPack {
  fileName: string;
  content: unknown;
  /**
   * Why the pack is no longer loaded at start-up (it ran out of time, or its check crashed):
   * it is kept, listed and removable, but not run again on every page load.
   */
  setAside?: string;
}

/**
 * The record, as JSON.stringify would write it — the same bytes — but from each pack's
 * remembered text, so storing after a change does not stringify every pack again.
 */
export function serialisePacks(packs: readonly StoredPack[]): string {
  const entries = packs.map(
    (p) =>
      `{"fileName":${JSON.stringify(p.fileName)}${p.content === undefined ? '' : `,"content":${packText(p.content)}`}${
        p.setAside ? `,"setAside":${JSON.stringify(p.setAside)}` : ''
      }}`,
  );
  return `{"format":${JSON.stringify(RULE_PACKS_FORMAT)},"packs":[${entries.join(',')}]}`;
}

/** Reads a stored record strictly (parseJsonText) and checks its shape; each bad entry is a problem. */
export function readPackRecord(text: string): ParseResult<StoredPack[]> {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: json.problems };
  return packRecordFrom(json.value);
}

/**
 * The packs of a parsed record. The page uses it directly on a record the worker has already
 * read strictly (readPackRecord) from the same text: plain JSON.parse then gives the same value.
 */
export function packRecordFrom(value: unknown): ParseResult<StoredPack[]> {
  const record = value as { format?: unknown; packs?: unknown } | null;
  if (
    !record ||
    typeof record !== 'object' ||
    record.format !== RULE_PACKS_FORMAT ||
    !Array.isArray(record.packs)
  )
    return { ok: false, problems: [{ path: '$', message: 'not a list of rule packs' }] };
  const packs: StoredPack[] = [];
  const problems: Problem[] = [];
  record.packs.forEach((p: unknown, i) => {
    const entry = p as { fileName?: unknown; content?: unknown; setAside?: unknown } | null;
    if (
      entry &&
      typeof entry === 'object' &&
      typeof entry.fileName === 'string' &&
      entry.fileName.length <= 500
    )
      packs.push({
        fileName: entry.fileName,
        content: entry.content,
        ...(typeof entry.setAside === 'string' ? { setAside: entry.setAside.slice(0, 1000) } : {}),
      });
    else problems.push({ path: `$.packs[${i}]`, message: 'expected { fileName, content }' });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: packs, warnings: [] };
}
