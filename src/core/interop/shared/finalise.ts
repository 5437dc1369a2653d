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
  /**
   * The one list of what could not be mapped (and what was approximated or guessed), in
   * human-readable remarks: the editor's import notes panel and `aitm convert` show it as it is.
   */
  notes: string[];
  /** The format recognised, with its version, e.g. "Threat Composer workspace (schema 1)". */
  recognised?: string;
  /**
   * Where imported threats belonged in the model they were exported from (our own export read
   * back): mergeImportedThreats uses it to place them again and to merge instead of duplicating.
   */
  placements?: ImportPlacement[];
}

/** The element an imported threat was on when it was exported, and the finding it was. */
export interface ImportPlacement {
  /** Id of the imported user threat. */
  threatId: string;
  /** The element id, or "model". */
  targetId: string;
  /** The finding key of a rule finding (`ruleId@targetId`): merged as triage, not as a threat. */
  findingKey?: string;
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
  extra: Pick<ImportResult, 'recognised' | 'placements'> = {},
): ParseResult<ImportResult> {
  const parsed = parseDocument(raw, { catalogue: options.catalogue });
  if (!parsed.ok) {
    return {
      ok: false,
      problems: parsed.problems.map((p) => ({ ...p, message: `in the converted document: ${p.message}` })),
    };
  }
  return {
    ok: true,
    value: { document: parsed.value, notes: [...notes], ...extra },
    warnings: parsed.warnings,
  };
}

/** The checks every importer runs first: prototype-polluting keys and excessive nesting. */
export function checkForeignJson(input: unknown): Problem[] {
  return checkUntrustedJson(input);
}
