import {
  formatProblems,
  parseDocument,
  parseJsonText,
  type Problem,
  type ThreatModelDocument,
} from '../../core';
import { layoutIfNeeded } from '../canvas/autoLayout';
import { findImporter } from '../platform/importers';
import type { AppStore } from '../store/createAppStore';

export type OpenResult =
  { ok: true; document: ThreatModelDocument; warnings: readonly Problem[] } | { ok: false; message: string };

/**
 * Turns file text into a document through the single gate (parseDocument), or through a registered
 * importer when the file is another tool's format. Never touches the store.
 */
export function parseFileText(fileName: string, text: string, store: AppStore): OpenResult {
  const { catalogue } = store.getState().library;
  const json = parseJsonText(text);
  const fail = (problems: readonly Problem[]): OpenResult => ({
    ok: false,
    message: `Could not open ${fileName}. The current model is unchanged.\n${formatProblems(fileName, problems, 20)}`,
  });
  if (!json.ok) return fail([json.problem]);
  const value = json.value as { format?: unknown } | null;
  const importer =
    value && typeof value === 'object' && value.format !== 'ai-threat-model'
      ? findImporter(value)
      : undefined;
  const result = importer ? importer.convert(value, catalogue) : parseDocument(value, { catalogue });
  return result.ok ? { ok: true, document: result.value, warnings: result.warnings } : fail(result.problems);
}

/**
 * Opens file text: on success the document replaces the current one (laid out if it has no
 * positions); on failure a notice names the file and each problem's JSON path, and the open
 * document is left exactly as it was.
 */
export async function openDocumentText(store: AppStore, fileName: string, text: string): Promise<boolean> {
  const result = parseFileText(fileName, text, store);
  if (!result.ok) {
    store.getState().update({ notice: { kind: 'error', message: result.message } });
    return false;
  }
  const document = await layoutIfNeeded(result.document);
  store.getState().replaceDocument(document, fileName);
  const { warnings } = result;
  store.getState().update({
    notice: warnings.length
      ? { kind: 'info', message: `Opened ${fileName}:\n${formatProblems(fileName, warnings, 10)}` }
      : null,
  });
  return true;
}

/** File name for Save: the opened file's name, or one made from the title. */
export function saveFileName(title: string, fileName: string | null): string {
  if (fileName && /\.aitm\.json$/i.test(fileName)) return fileName;
  const base = (fileName ?? title)
    .replace(/\.json$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${base || 'threat-model'}.aitm.json`;
}
