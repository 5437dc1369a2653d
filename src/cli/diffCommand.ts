import {
  diffModels,
  evaluate,
  neutraliseControls,
  newlyBlocking,
  renderDiffJson,
  renderDiffMarkdown,
  SEVERITIES,
  type Severity,
} from '../core';
import { oneOf, parseArgs } from './args';
import { CliError, EXIT_FINDINGS, EXIT_OK, type CliIo } from './io';
import { loadLibraryFrom, loadModel } from './loadInputs';
import { layerPacksFrom } from './loadPacks';
import { emitOutput } from './output';
import { oneLine } from './terminalText';

/**
 * `diff <old> <new> [--format md|json] [--out FILE] [--fail-on-new SEVERITY] [--library DIR] [--pack FILE]…`:
 * both models evaluated with the same library, the diff written as Markdown or JSON. Exit 1 when
 * the new model brings an open finding to --fail-on-new, 0 otherwise, 2 on bad input.
 */
export function runDiff(argv: readonly string[], io: CliIo): number {
  const { positional, options, repeated } = parseArgs(
    argv,
    ['format', 'out', 'fail-on-new', 'library'],
    ['pack'],
  );
  if (positional.length !== 2)
    throw new CliError(
      `diff needs two model files, the old version and the new: diff <old.aitm.json> <new.aitm.json>${positional.length > 0 ? ` (got ${positional.length})` : ''}`,
    );
  const format = oneOf('format', options.get('format'), ['md', 'json'] as const, 'md');
  const failOnNew = options.has('fail-on-new')
    ? oneOf<Severity>('fail-on-new', options.get('fail-on-new'), SEVERITIES, 'high')
    : undefined;
  const [oldPath, newPath] = positional as [string, string];
  const library = layerPacksFrom(io, loadLibraryFrom(io, options.get('library')), repeated.get('pack') ?? []);
  const before = loadModel(io, oldPath, library);
  const after = loadModel(io, newPath, library);
  const oldFindings = evaluate(before, library);
  const newFindings = evaluate(after, library);
  const diff = diffModels(
    { doc: before, findings: oldFindings },
    { doc: after, findings: newFindings },
    library,
    failOnNew ? { failOnNew } : {},
  );
  emitOutput(io, options.get('out'), 'diff', (write) =>
    write(format === 'json' ? renderDiffJson(diff) : renderDiffMarkdown(diff)),
  );
  if (failOnNew === undefined) return EXIT_OK;
  const blocking = newlyBlocking(oldFindings, newFindings, failOnNew);
  if (blocking.length === 0) return EXIT_OK;
  io.stderr(
    `${oneLine(newPath)}: ${blocking.length} new open finding${blocking.length === 1 ? '' : 's'} at or above ${failOnNew}:\n`,
  );
  for (const f of blocking.slice(0, 20))
    io.stderr(
      `${neutraliseControls(`  ${f.severity.padEnd(8)} ${f.key}  ${f.title} on ${f.targetLabel}`)}\n`,
    );
  if (blocking.length > 20) io.stderr(`  … and ${blocking.length - 20} more\n`);
  return EXIT_FINDINGS;
}
