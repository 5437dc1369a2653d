import { dirname, isAbsolute, relative, sep } from 'node:path';
import {
  documentJsonSchema,
  libraryFileJsonSchema,
  evaluate,
  formatProblems,
  neutraliseControls,
  quote,
  loadLibrary,
  parseJsonText,
  SEVERITIES,
  buildReport,
  jsonReportChunks,
  compactJsonReportChunks,
  markdownReportChunks,
  inScope,
  type Severity,
  buildSarif,
  renderSarif,
} from '../core';
import { oneOf, parseArgs } from './args';
import { CliError, EXIT_FINDINGS, EXIT_OK, type CliIo } from './io';
import { loadLibraryFrom, loadModel, loadModelSource, readInput } from './loadInputs';
import { layerPacksFrom } from './loadPacks';
import { emitOutput } from './output';
import { sarifOptionsFor } from './sarifOutput';
import { oneLine, terminalSafe } from './terminalText';

/** `analyze <model> [--format json|json-compact|md|sarif] [--out FILE] [--fail-on SEVERITY] [--library DIR] [--pack FILE]… [--diagram IMAGE]` */
export function runAnalyze(argv: readonly string[], io: CliIo): number {
  const { positional, options, repeated } = parseArgs(
    argv,
    ['format', 'out', 'fail-on', 'library', 'diagram'],
    ['pack'],
  );
  if (positional.length !== 1)
    throw new CliError('analyze needs exactly one model file: analyze <model.aitm.json>');
  const format = oneOf(
    'format',
    options.get('format'),
    ['json', 'json-compact', 'md', 'sarif'] as const,
    'json',
  );
  const diagram = options.get('diagram');
  if (diagram !== undefined && format !== 'md')
    throw new CliError('--diagram is for --format md: it shows the diagram image in the Markdown report');
  const failOn = options.has('fail-on')
    ? oneOf<Severity>('fail-on', options.get('fail-on'), SEVERITIES, 'high')
    : undefined;
  const library = layerPacksFrom(io, loadLibraryFrom(io, options.get('library')), repeated.get('pack') ?? []);
  const path = positional[0]!;
  const { doc, text } = loadModelSource(io, path, library);
  const findings = evaluate(doc, library);
  const report = buildReport(doc, library, findings);
  // Written chunk by chunk: a large report is never held as one string.
  emitOutput(io, options.get('out'), 'report', (write) => {
    if (format === 'sarif')
      return write(renderSarif(buildSarif(doc, library, findings, sarifOptionsFor(path, text))));
    const chunks =
      format === 'json'
        ? jsonReportChunks(report)
        : format === 'json-compact'
          ? compactJsonReportChunks(report)
          : markdownReportChunks(report, doc, library, diagramOption(diagram, options.get('out')));
    for (const chunk of chunks) write(chunk);
  });
  if (failOn === undefined) return EXIT_OK;
  const threshold = SEVERITIES.indexOf(failOn);
  // Out-of-scope findings never trip the gate nor warn: the model says nobody considers them.
  const atOrAbove = (f: (typeof findings)[number]) =>
    inScope(f) && SEVERITIES.indexOf(f.severity) <= threshold;
  warnUnjustifiedAcceptances(
    io,
    path,
    failOn,
    findings.filter((f) => atOrAbove(f) && f.status === 'accepted' && !f.note?.trim()),
  );
  const blocking = findings.filter((f) => f.status === 'open' && atOrAbove(f));
  if (blocking.length === 0) return EXIT_OK;
  io.stderr(
    `${oneLine(path)}: ${blocking.length} open finding${blocking.length === 1 ? '' : 's'} at or above ${failOn}:\n`,
  );
  for (const f of blocking.slice(0, 20))
    io.stderr(
      `${neutraliseControls(`  ${f.severity.padEnd(8)} ${f.key}  ${f.title} on ${f.targetLabel}`)}\n`,
    );
  if (blocking.length > 20) io.stderr(`  … and ${blocking.length - 20} more\n`);
  return EXIT_FINDINGS;
}

/**
 * The diagram image as the report links it: relative to the folder the report is written to
 * (the working directory for stdout), with forward slashes, so the link works where both files are.
 */
function diagramOption(diagram: string | undefined, out: string | undefined): { diagramImage?: string } {
  if (diagram === undefined) return {};
  const from = out === undefined ? '.' : dirname(out);
  const link = isAbsolute(diagram) ? diagram : relative(from, diagram) || diagram;
  return { diagramImage: link.split(sep).join('/') };
}

/**
 * An accepted risk passes the gate, but one nobody justified is what an auditor asks about first:
 * the gate says so (a warning, not a failure, so existing pipelines keep their meaning).
 */
function warnUnjustifiedAcceptances(
  io: CliIo,
  path: string,
  failOn: Severity,
  unjustified: readonly { severity: Severity; key: string; title: string; targetLabel: string }[],
): void {
  if (unjustified.length === 0) return;
  const n = unjustified.length;
  io.stderr(
    `${oneLine(path)}: warning: ${n} finding${n === 1 ? '' : 's'} at or above ${failOn} ${n === 1 ? 'is' : 'are'} accepted without a note saying why:\n`,
  );
  for (const f of unjustified.slice(0, 20))
    io.stderr(
      `${neutraliseControls(`  ${f.severity.padEnd(8)} ${f.key}  ${f.title} on ${f.targetLabel}`)}\n`,
    );
  if (n > 20) io.stderr(`  … and ${n - 20} more\n`);
}

/** `validate <file> [--library DIR]`: a model, or (with `--kind library` or a directory) a library. */
export function runValidate(argv: readonly string[], io: CliIo): number {
  const { positional, options } = parseArgs(argv, ['library', 'kind']);
  if (positional.length !== 1)
    throw new CliError(
      'validate needs exactly one file or directory: validate <model.aitm.json | library-dir>',
    );
  const target = positional[0]!;
  const kind = oneOf('kind', options.get('kind'), ['auto', 'model', 'library'] as const, 'auto');
  const isDirectory = (() => {
    try {
      io.listJsonFiles(target);
      return true;
    } catch {
      return false;
    }
  })();
  if (kind === 'library' || (kind === 'auto' && isDirectory)) {
    if (isDirectory) {
      const library = loadLibraryFrom(io, target);
      io.stdout(
        terminalSafe(
          `${oneLine(target)}: valid library "${oneLine(library.name)}" ${oneLine(library.version)}: ${library.threats.size} threats, ${library.mitigations.size} mitigations, ${library.rules.length} rules, ${library.componentTypes.length} component types\n`,
        ),
      );
      return EXIT_OK;
    }
    const json = parseJsonText(readInput(io, target));
    if (!json.ok) throw new CliError(formatProblems(target, json.problems));
    const result = loadLibrary([{ path: target, content: json.value }], {
      base: loadLibraryFrom(io, options.get('library')),
    });
    if (!result.ok) throw new CliError(formatProblems(target, result.problems));
    io.stdout(terminalSafe(`${oneLine(target)}: valid rule pack\n`));
    return EXIT_OK;
  }
  const library = loadLibraryFrom(io, options.get('library'));
  const doc = loadModel(io, target, library);
  io.stdout(
    terminalSafe(
      `${oneLine(target)}: valid model ${quote(doc.meta.title, 200)}: ${doc.components.length} components, ${doc.dataFlows.length} data flows, ${doc.trustBoundaries.length} trust boundaries\n`,
    ),
  );
  return EXIT_OK;
}

/** `schema [model|library]`: prints the JSON Schema, generated from the same schemas that validate. */
export function runSchema(argv: readonly string[], io: CliIo): number {
  const { positional } = parseArgs(argv, []);
  if (positional.length > 1) throw new CliError('schema takes at most one argument: model or library');
  const which = oneOf('schema', positional[0], ['model', 'library'] as const, 'model');
  io.stdout(`${JSON.stringify(jsonSchemaOf(which), null, 2)}\n`);
  return EXIT_OK;
}

function jsonSchemaOf(which: 'model' | 'library'): unknown {
  return which === 'model' ? documentJsonSchema() : libraryFileJsonSchema();
}
