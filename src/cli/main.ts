import { runAnalyze, runSchema, runValidate } from './commands';
import { runConvert } from './convertCommand';
import { runRender } from './renderCommand';
import { runDiff } from './diffCommand';
import { asksForHelp, COMMAND_USAGE } from './usage';
import { CliError, EXIT_INVALID, type CliIo } from './io';
import { CLI_LIMITS, megabytes } from './limits';
import { guardedIo } from './guardedIo';
import { oneLine } from './terminalText';

const USAGE = `Usage: aitm <command> [options]

Commands:
  analyze <model> [--format json|json-compact|md|sarif] [--out FILE] [--fail-on critical|high|medium|low]
          [--library DIR] [--pack FILE]... [--diagram IMAGE]
      Evaluate a model and print its threat report. Exit 1 when an open finding is at or above --fail-on.
      --pack layers a rule pack on the library (repeatable, in order); a pack that does not load exits 2.
      --diagram (with --format md) shows IMAGE, e.g. written by render, under the report's title.
  validate <model | library-dir | rule-pack.json> [--kind model|library] [--library DIR]
      Check a model or a library and list every problem with its JSON path.
  convert <in> --to aitm|threat-dragon|threat-composer|csv [--out FILE]
      Convert between our models and Threat Dragon, Threat Composer and CSV; the input format is detected.
  render <model> [--format svg|png] [--out FILE] [--theme light|dark] [--font FILE]...
      Draw the data-flow diagram with its open-findings badges as SVG or PNG (PNG needs --out).
  diff <old-model> <new-model> [--format md|json] [--out FILE] [--fail-on-new SEVERITY] [--library DIR]
       [--pack FILE]...
      What changed between two versions of a model: findings added, resolved and changed, elements
      added, removed and renamed. Exit 1 when a new open finding is at or above --fail-on-new.
  schema [model|library]
      Print the JSON Schema of model documents or library files.
  help [command]
      Print this, or the usage of one command (as does "aitm <command> --help").

Inputs are regular files of up to ${megabytes(CLI_LIMITS.maxInputBytes)}; "-" reads standard input. Reports and converted
files are at most ${megabytes(CLI_LIMITS.maxOutputBytes)}; --out replaces its file whole and never writes through a
symbolic link or over an input.

Exit codes: 0 success, 1 findings at or above --fail-on (or new ones at --fail-on-new), 2 invalid input
or usage.
`;

// Own properties only: `aitm help constructor` must not find Object.prototype members.
const usageOf = (command: string | undefined) =>
  command !== undefined && Object.hasOwn(COMMAND_USAGE, command) ? COMMAND_USAGE[command] : undefined;

/**
 * The CLI entry point: returns the exit code instead of exiting, and touches the world only
 * through `io`, so tests run it in memory. Expected failures print one clear message; anything
 * unexpected is reported without a stack trace but still exits 2.
 */
export function main(argv: readonly string[], rawIo: CliIo): number {
  const io = guardedIo(rawIo);
  const [command, ...rest] = argv;
  try {
    // `aitm <command> --help` and `aitm help <command>`: the command's own usage, exit 0.
    const usage = command === 'help' ? usageOf(rest[0]) : asksForHelp(rest) ? usageOf(command) : undefined;
    if (usage !== undefined) {
      io.stdout(usage);
      return 0;
    }
    if (command === 'help' && rest.length > 0) {
      io.stderr(`aitm: no help for unknown command "${oneLine(rest[0]!)}"\n\n${USAGE}`);
      return EXIT_INVALID;
    }
    switch (command) {
      case 'analyze':
        return runAnalyze(rest, io);
      case 'validate':
        return runValidate(rest, io);
      case 'convert':
        return runConvert([...rest], io);
      case 'render':
        return runRender(rest, io);
      case 'diff':
        return runDiff(rest, io);
      case 'schema':
        return runSchema(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? EXIT_INVALID : 0;
      default:
        io.stderr(`aitm: unknown command "${oneLine(command)}"\n\n${USAGE}`);
        return EXIT_INVALID;
    }
  } catch (error) {
    if (error instanceof CliError) {
      if (!error.quiet) io.stderr(`${error.message}\n`);
    } else
      io.stderr(
        `aitm: unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
      );
    return EXIT_INVALID;
  }
}
