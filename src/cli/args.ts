import { CliError } from './io';

/** Parsed command line: positional arguments and `--name value` options (a flag set twice is an error). */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
  /** Every value of each repeatable option (`--pack a.json --pack b.json`), in the order given. */
  repeated: Map<string, string[]>;
}

/**
 * A small strict parser: unknown options and missing values are usage errors, because a typo in
 * `--fail-on` silently ignored would let a CI gate pass that should fail.
 */
export function parseArgs(
  argv: readonly string[],
  known: readonly string[],
  repeatable: readonly string[] = [],
): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  const allowed = [...known, ...repeatable];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!allowed.includes(name))
      throw new CliError(
        `unknown option --${name}; expected one of ${allowed.map((k) => `--${k}`).join(', ') || '(none)'}`,
      );
    if (options.has(name)) throw new CliError(`option --${name} given twice`);
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new CliError(`option --${name} needs a value`);
    if (repeatable.includes(name)) repeated.set(name, [...(repeated.get(name) ?? []), value]);
    else options.set(name, value);
  }
  return { positional, options, repeated };
}

export function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name} must be one of ${allowed.join(', ')}; got "${value}"`);
}
