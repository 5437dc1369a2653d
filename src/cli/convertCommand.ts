import {
  evaluate,
  exportFindingsCsv,
  exportOtmJson,
  exportTmBomJson,
  exportThreatComposerJson,
  exportThreatDragonJson,
  formatName,
  formatProblems,
  importDocument,
  parseImportText,
  serialiseDocument,
  shippedLibrary,
} from '../core';
import { oneOf, parseArgs } from './args';
import { CliError, EXIT_INVALID, EXIT_OK, type CliIo } from './io';
import { readInput } from './loadInputs';
import { emitOutput } from './output';
import { oneLine } from './terminalText';

export const CONVERT_TARGETS = ['aitm', 'threat-dragon', 'threat-composer', 'csv', 'otm', 'tm-bom'] as const;
export type ConvertTarget = (typeof CONVERT_TARGETS)[number];

export const CONVERT_USAGE = `Usage: aitm convert <in> --to aitm|threat-dragon|threat-composer|csv|otm|tm-bom [--out FILE]

Reads an AI threat model, a Threat Dragon v2 model, a Threat Composer file, an Open Threat Model
(OTM) or a TM-BOM file (the format is detected) and writes it as:
  aitm             our model document (*.aitm.json)
  threat-dragon    a Threat Dragon v2 model, findings as threats
  threat-composer  a Threat Composer file (*.tc.json), findings as threat statements
  csv              one row per finding
  otm              an Open Threat Model (OTM 0.2.0) file, findings as threats with mitigations
  tm-bom           a TM-BOM file (OWASP Threat Model Library), findings as threats and controls
Remarks on what could not be converted are printed on stderr.
`;

const TARGET_NAMES: Record<ConvertTarget, string> = {
  aitm: 'AI threat model',
  'threat-dragon': 'Threat Dragon v2',
  'threat-composer': 'Threat Composer',
  csv: 'CSV',
  otm: 'Open Threat Model (OTM)',
  'tm-bom': 'TM-BOM',
};

/**
 * `convert <in> --to aitm|threat-dragon|threat-composer|csv|otm|tm-bom [--out FILE]`. The input goes
 * through importDocument (so through parseDocument); targets that carry threats are evaluated
 * with the shipped library. Output goes to --out or stdout; notes and messages to stderr.
 * Exit 0 on success, 2 on a usage error or an input that cannot be read (each problem with the
 * file and its JSON path).
 */
export function runConvert(args: string[], io: CliIo): number {
  try {
    return convert(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      if (!error.quiet) io.stderr(`${error.message}\n`);
      return EXIT_INVALID;
    }
    throw error;
  }
}

function convert(args: readonly string[], io: CliIo): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(CONVERT_USAGE);
    return EXIT_OK;
  }
  const { positional, options } = parseArgs(args, ['to', 'out']);
  if (positional.length !== 1) {
    throw new CliError(
      `convert needs exactly one input file${positional.length > 1 ? ` (got ${positional.length}: ${positional.map(oneLine).join(', ')})` : ''}\n\n${CONVERT_USAGE}`,
    );
  }
  if (!options.has('to'))
    throw new CliError(`convert needs --to ${CONVERT_TARGETS.join('|')}\n\n${CONVERT_USAGE}`);
  const target = oneOf('to', options.get('to'), CONVERT_TARGETS, 'aitm');
  const path = positional[0]!;
  const out = options.get('out');

  const json = parseImportText(readInput(io, path));
  if (!json.ok) throw new CliError(formatProblems(path, json.problems));
  const library = shippedLibrary();
  const imported = importDocument(json.value, { catalogue: library.catalogue });
  if (!imported.ok) throw new CliError(formatProblems(path, imported.problems));
  const name = oneLine(path);
  for (const w of imported.warnings) io.stderr(`${name}: ${oneLine(`${w.path}: warning: ${w.message}`)}\n`);
  // The importer's one list of what it could not map.
  for (const note of imported.value.notes) io.stderr(`${name}: note: ${oneLine(note)}\n`);

  const doc = imported.value.document;
  let text: string;
  if (target === 'aitm') text = serialiseDocument(doc);
  else {
    const findings = evaluate(doc, library);
    text =
      target === 'threat-dragon'
        ? exportThreatDragonJson(doc, findings)
        : target === 'threat-composer'
          ? exportThreatComposerJson(doc, findings)
          : target === 'otm'
            ? exportOtmJson(doc, findings)
            : target === 'tm-bom'
              ? exportTmBomJson(doc, findings)
              : exportFindingsCsv(findings);
  }

  emitOutput(io, out, 'file', (write) => write(text));
  // The format recognised, with its version ("Threat Composer workspace (schema 1)").
  io.stderr(`${name}: read as ${oneLine(imported.value.recognised)}\n`);
  if (out === undefined) return EXIT_OK;
  io.stderr(`${name} (${formatName(imported.value.format)}) → ${oneLine(out)} (${TARGET_NAMES[target]})\n`);
  return EXIT_OK;
}
