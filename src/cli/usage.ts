import { CONVERT_USAGE } from './convertCommand';
import { RENDER_USAGE } from './renderCommand';

/** What `aitm <command> --help` and `aitm help <command>` print, by command. */
export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  analyze: `Usage: aitm analyze <model> [--format json|json-compact|md|sarif] [--out FILE] [--fail-on SEVERITY]
                     [--library DIR] [--pack FILE]... [--diagram IMAGE]

Evaluates a model and prints its threat report.
  --format FORMAT         json: the JSON report (default); json-compact: the same report with each
                          set of references and each mitigation listed once and findings pointing
                          at them by id (about half the size); md: Markdown; sarif: SARIF
                          2.1.0 for code scanning
  --out FILE              write the report to FILE instead of standard output
  --fail-on SEVERITY      exit 1 when an open finding is at or above critical|high|medium|low
  --library DIR           evaluate with the library in DIR instead of the shipped one
  --pack FILE             layer a rule pack on the library (repeatable, in order)
  --diagram IMAGE         with --format md: show IMAGE (e.g. written by render) under the title
Exit codes: 0 success, 1 findings at or above --fail-on, 2 invalid input or usage.
`,
  validate: `Usage: aitm validate <model | library-dir | rule-pack.json> [--kind model|library] [--library DIR]

Checks a model, a library directory or a rule pack and lists every problem with its JSON path.
  --kind model|library  what the file is (default: a directory is a library, a file a model)
  --library DIR         the library a model or rule pack is checked against
Exit codes: 0 valid, 2 invalid input or usage.
`,
  convert: CONVERT_USAGE,
  render: RENDER_USAGE,
  diff: `Usage: aitm diff <old-model> <new-model> [--format md|json] [--out FILE] [--fail-on-new SEVERITY]
                [--library DIR] [--pack FILE]...

Compares two versions of a model, both evaluated with the same library: findings added,
resolved (no longer raised, or newly mitigated) and changed (severity, triage status, owner or
note), and elements added, removed or renamed. Findings are matched by their key (rule and element).
  --format md|json        Markdown ready for a pull-request comment (default), or JSON
  --out FILE              write the diff to FILE instead of standard output
  --fail-on-new SEVERITY  exit 1 when the new model has an open finding at or above
                          critical|high|medium|low that the old one did not have open at that level
  --library DIR, --pack FILE  as for analyze
Exit codes: 0 success, 1 a new open finding at or above --fail-on-new, 2 invalid input or usage.
`,
  schema: `Usage: aitm schema [model|library]

Prints the JSON Schema of model documents (default) or of library files.
`,
  help: `Usage: aitm help [command]

Prints the usage of aitm, or of one command.
`,
};

/** `--help` or `-h` anywhere among a command's arguments asks for its usage. */
export function asksForHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
