/**
 * A problem found in untrusted input, located by its JSON path (`$.components[2].type`).
 * Every gate (parseDocument, loadLibrary, importers) reports all problems it finds, not the first.
 */
export interface Problem {
  path: string;
  message: string;
  /** The file the problem is in, when the input came from several files (libraries). */
  file?: string;
}

export type ParseResult<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Formats a path array the way users read it: `$.components[2].props.exposure`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** One line per problem, prefixed with the file name, for CLI output and UI error banners. */
export function formatProblems(fileName: string, problems: readonly Problem[], limit = 50): string {
  const lines = problems.slice(0, limit).map((p) => `${p.file ?? fileName}: ${p.path}: ${p.message}`);
  if (problems.length > limit) lines.push(`${fileName}: … and ${problems.length - limit} more problems`);
  return lines.join('\n');
}
