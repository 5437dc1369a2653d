import { parseJsonText } from '../../model/untrustedJson';

/** The UTF-8 byte-order mark as it appears at the start of decoded text. */
export const BOM = '\uFEFF';

/**
 * Parses the text of a file from any tool, as parseJsonText does, after removing one leading
 * byte-order mark: Windows editors and some exporters write one, and JSON.parse refuses it
 * ("not valid JSON") although the file is fine. Every importer's file reader goes through here.
 */
export function parseImportText(text: string): ReturnType<typeof parseJsonText> {
  return parseJsonText(withoutBom(text));
}

/** `text` without one leading byte-order mark, for readers that parse the text themselves. */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}
