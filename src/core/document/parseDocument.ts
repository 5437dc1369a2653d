import { DOCUMENT_FORMAT, type ThreatModelDocument } from '../model/document';
import { formatPath, quote, type ParseResult, type Problem } from '../model/problems';
import { checkUntrustedJson, parseJsonText } from '../model/untrustedJson';
import { zodIssuesToProblems } from '../model/zodProblems';
import { parseDocumentStructure } from '../model/parseStructure';
import type { Catalogue } from '../library/catalogue';
import { migrateDocument, MIGRATIONS, type Migration } from './migrations';
import { checkReferences } from './checkReferences';
import { checkProperties } from './checkProperties';
import { checkValidParts } from './checkValidParts';

export interface ParseDocumentOptions {
  /** Component types and their declared properties; the shipped catalogue unless a custom library is in use. */
  catalogue: Catalogue;
  migrations?: Readonly<Record<number, Migration>>;
}

/**
 * The single gate through which every document enters: file import, browser storage, CLI.
 * Detects the format and version, migrates, validates structure, cross-references and property
 * types against the catalogue, and returns every problem with its JSON path — or a document the
 * rest of the core can trust.
 */
export function parseDocument(
  input: unknown,
  options: ParseDocumentOptions,
): ParseResult<ThreatModelDocument> {
  const unsafe = checkUntrustedJson(input);
  if (unsafe.length > 0) return { ok: false, problems: unsafe };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: [{ path: '$', message: 'a model document must be a JSON object' }] };
  }
  const raw = input as Record<string, unknown>;
  if (raw['format'] !== DOCUMENT_FORMAT) {
    const got = raw['format'] === undefined ? 'it is missing' : `got ${quote(raw['format'])}`;
    return {
      ok: false,
      problems: [
        {
          path: '$.format',
          message: `unknown format: expected "${DOCUMENT_FORMAT}", ${got}. Threat Dragon and Threat Composer files can be imported with "convert".`,
        },
      ],
    };
  }
  const migrated = migrateDocument(raw, options.migrations ?? MIGRATIONS);
  if (!migrated.ok) return { ok: false, problems: [migrated.problem] };

  // zod's result, checked faster for large files (the same messages: parseStructure.ts).
  const parsed = parseDocumentStructure(migrated.value);
  if ('tooManyProblems' in parsed) return { ok: false, problems: [parsed.tooManyProblems] };
  if (!parsed.success) {
    return {
      ok: false,
      problems: [
        ...zodIssuesToProblems(parsed.error.issues),
        ...checkValidParts(migrated.value, options.catalogue),
      ],
    };
  }
  const document = parsed.data;

  const problems: Problem[] = [...checkReferences(document), ...checkProperties(document, options.catalogue)];
  if (problems.length > 0) return { ok: false, problems };

  const warnings: Problem[] = [];
  if (migrated.migratedFrom !== undefined) {
    warnings.push({
      path: '$.schemaVersion',
      message: `migrated from version ${migrated.migratedFrom}; saving writes the current version`,
    });
  }
  return { ok: true, value: document, warnings };
}

/** parseDocument for text: a JSON syntax error becomes a problem with line and column. */
export function parseDocumentText(
  text: string,
  options: ParseDocumentOptions,
): ParseResult<ThreatModelDocument> {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: json.problems };
  return parseDocument(json.value, options);
}

export { formatPath };
