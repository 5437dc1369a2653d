import { LIMITS } from '../../core';

/**
 * Names and sizes of the files the editor reads and writes. Kept apart from openDocument.ts so the
 * toolbar and the crash screen can name a file without loading the whole open/import path at start.
 */

/** Files larger than this are refused before reading, like the CLI does (the core's limits table). */
export const MAX_FILE_BYTES = LIMITS.inputBytes.value;

/** File name for Save: the opened file's name, or one made from the title. */
export function saveFileName(title: string, fileName: string | null): string {
  if (fileName && /\.aitm\.json$/i.test(fileName)) return fileName;
  return `${fileBaseName(fileName?.replace(/\.json$/i, '') ?? title)}.aitm.json`;
}

/** A safe file name made from a title: exports are named after the model. */
export function fileBaseName(title: string): string {
  const base = title
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .toLowerCase();
  return base || 'threat-model';
}
