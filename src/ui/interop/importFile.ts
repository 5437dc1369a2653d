import {
  detectFormat,
  formatName,
  formatProblems,
  importDocument,
  mergeImportedThreats,
  parseImportText,
  type Catalogue,
  type ImportPlacement,
  type Problem,
  type ThreatModelDocument,
  type UserThreat,
} from '../../core';

/**
 * Reading other tools' files, loaded on demand (not needed to draw). Every format goes through the
 * core's importDocument, which detects it and ends in parseDocument, the single gate.
 */

export type ImportedFormat = 'aitm' | 'threat-dragon-v2' | 'threat-composer' | 'otm' | 'tm-bom';

export type ReadOutcome =
  | { ok: false; message: string }
  | {
      ok: true;
      format: ImportedFormat;
      /** The format recognised, e.g. "Threat Composer workspace (schema 1)", for headings. */
      formatLabel: string;
      document: ThreatModelDocument;
      /** The one list of what could not be mapped. */
      notes: string[];
      warnings: Problem[];
      /** Where threats of our own export were: mergeThreats places them again. */
      placements: ImportPlacement[];
    };

const refused = (fileName: string, format: string, problems: readonly Problem[]) =>
  `Could not open ${fileName}${format === 'unknown' ? '' : ` (${formatName(format as ImportedFormat)})`}. The current model is unchanged.\n${formatProblems(fileName, problems, 20)}`;

/** Parses and converts file text; never touches the store. */
export function readModelFile(fileName: string, text: string, catalogue: Catalogue): ReadOutcome {
  // A leading byte-order mark is tolerated, as every importer does.
  const json = parseImportText(text);
  if (!json.ok) return { ok: false, message: refused(fileName, 'unknown', json.problems) };
  const result = importDocument(json.value, { catalogue });
  if (!result.ok) return { ok: false, message: refused(fileName, detectFormat(json.value), result.problems) };
  const { format, document, notes, recognised, placements } = result.value;
  return {
    ok: true,
    format,
    formatLabel: recognised,
    document,
    notes,
    warnings: result.warnings,
    placements: placements ?? [],
  };
}

/** Adds imported threats to the open model (placed where our own export says, else unplaced), validated by the core. */
export function mergeThreats(
  fileName: string,
  doc: ThreatModelDocument,
  threats: readonly UserThreat[],
  catalogue: Catalogue,
  placements: readonly ImportPlacement[] = [],
): { ok: true; document: ThreatModelDocument; notes: string[] } | { ok: false; message: string } {
  const result = mergeImportedThreats(doc, threats, { catalogue }, placements);
  if (!result.ok)
    return {
      ok: false,
      message: `Could not add the threats of ${fileName}. The current model is unchanged.\n${formatProblems(fileName, result.problems, 20)}`,
    };
  return { ok: true, document: result.value.document, notes: result.value.notes };
}
