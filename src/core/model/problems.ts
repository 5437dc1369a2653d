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
    else out += `[${neutraliseControls(JSON.stringify(String(part)))}]`;
  }
  return out;
}

/**
 * Control characters (line breaks, terminal escapes, bidi overrides) made visible. Messages quote
 * untrusted files and end up in terminals and CI logs, where a forged line can pass for a workflow
 * command (`::error::`) and an escape sequence can rewrite the screen.
 */
export function neutraliseControls(text: string): string {
  return text.replace(
    // Controls, line/paragraph separators, bidi embeddings/isolates/marks and invisible characters:
    // each can break a line, reorder or hide what a reviewer reads.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** An untrusted value quoted in a message: JSON-escaped and cut to a readable length. */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return neutraliseControls(JSON.stringify(cut));
}

/** One line per problem, prefixed with the file name, for CLI output and UI error banners. */
export function formatProblems(fileName: string, problems: readonly Problem[], limit = 50): string {
  const lines = problems
    .slice(0, limit)
    .map((p) => neutraliseControls(`${p.file ?? fileName}: ${p.path}: ${p.message}`));
  if (problems.length > limit)
    lines.push(neutraliseControls(`${fileName}: … and ${problems.length - limit} more problems`));
  return lines.join('\n');
}
