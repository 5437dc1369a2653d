import {
  detectFormat,
  formatName,
  formatProblems,
  importDocument,
  mergeImportedThreats,
  parseJsonText,
  type Catalogue,
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
      /** "Threat Dragon v2", for headings. */
      formatLabel: string;
      document: ThreatModelDocument;
      notes: string[];
      warnings: Problem[];
    };

const refused = (fileName: string, format: string, problems: readonly Problem[]) =>
  `Could not open ${fileName}${format === 'unknown' ? '' : ` (${formatName(format as ImportedFormat)})`}. The current model is unchanged.\n${formatProblems(fileName, problems, 20)}`;

/** Parses and converts file text; never touches the store. */
export function readModelFile(fileName: string, text: string, catalogue: Catalogue): ReadOutcome {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, message: refused(fileName, 'unknown', json.problems) };
  const result = importDocument(json.value, { catalogue });
  if (!result.ok) return { ok: false, message: refused(fileName, detectFormat(json.value), result.problems) };
  const { format, document, notes } = result.value;
  return { ok: true, format, formatLabel: formatName(format), document, notes, warnings: result.warnings };
}

/** Adds imported threats to the open model (unplaced until attached), validated by the core. */
export function mergeThreats(
  fileName: string,
  doc: ThreatModelDocument,
  threats: readonly UserThreat[],
  catalogue: Catalogue,
): { ok: true; document: ThreatModelDocument; notes: string[] } | { ok: false; message: string } {
  const result = mergeImportedThreats(doc, threats, { catalogue });
  if (!result.ok)
    return {
      ok: false,
      message: `Could not add the threats of ${fileName}. The current model is unchanged.\n${formatProblems(fileName, result.problems, 20)}`,
    };
  return { ok: true, document: result.value.document, notes: result.value.notes };
}
