import { parseDocument } from '../../document/parseDocument';
import type { Catalogue } from '../../library/catalogue';
import type { ThreatModelDocument } from '../../model/document';
import type { ParseResult, Problem } from '../../model/problems';
import { checkUntrustedJson } from '../../model/untrustedJson';

/** What every importer needs: the catalogue that documents are validated against. */
export interface InteropOptions {
  catalogue: Catalogue;
}

/** A converted document and what could not be carried over. */
export interface ImportResult {
  document: ThreatModelDocument;
  /** Human-readable remarks: what was approximated, guessed or left out. */
  notes: string[];
}

/**
 * Passes a converted document through the single gate, parseDocument, so that an import is
 * validated exactly like a file opened directly. A failure here is a bug of the converter or an
 * input we could not repair; its problems are located in the converted document.
 */
export function finaliseImport(
  raw: unknown,
  notes: readonly string[],
  options: InteropOptions,
): ParseResult<ImportResult> {
  const parsed = parseDocument(raw, { catalogue: options.catalogue });
  if (!parsed.ok) {
    return {
      ok: false,
      problems: parsed.problems.map((p) => ({ ...p, message: `in the converted document: ${p.message}` })),
    };
  }
  return { ok: true, value: { document: parsed.value, notes: [...notes] }, warnings: parsed.warnings };
}

/** The checks every importer runs first: prototype-polluting keys and excessive nesting. */
export function checkForeignJson(input: unknown): Problem[] {
  return checkUntrustedJson(input);
}
