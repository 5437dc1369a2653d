import { formatProblems, layerRulePacks, parseJsonText, type Library, type RulePackInput } from '../core';
import { CliError, type CliIo } from './io';
import { readInput } from './loadInputs';

/**
 * `--pack FILE` (repeatable): rule packs layered on the library in the order given, exactly as
 * the editor layers the packs a user adds (the core's layerRulePacks). A pack that does not load
 * fails the run instead of being skipped: in CI a silently missing pack would hide the findings it
 * exists to raise. Every problem of every pack is listed, each with its file and JSON path; the
 * loader's warnings about packs that load go to stderr as `FILE: PATH: warning: …` lines.
 */
export function layerPacksFrom(io: CliIo, base: Library, paths: readonly string[]): Library {
  if (paths.length === 0) return base;
  const problems: string[] = [];
  const packs: RulePackInput[] = [];
  for (const path of paths) {
    const json = parseJsonText(readInput(io, path));
    if (json.ok) packs.push({ fileName: path, content: json.value });
    else problems.push(formatProblems(path, json.problems));
  }
  const layered = layerRulePacks(base, packs);
  for (const pack of layered.rejected) problems.push(formatProblems(pack.fileName, pack.problems));
  if (problems.length > 0) throw new CliError(problems.join('\n'));
  // Warnings (e.g. a threat citing a guideline none of its mitigations implements) do not stop the
  // run, as with --library; each line names the pack's file, for its author.
  if (layered.warnings.length > 0)
    io.stderr(
      `${formatProblems(
        paths[0]!,
        layered.warnings.map((w) => ({ ...w, message: `warning: ${w.message}` })),
      )}\n`,
    );
  return layered.library;
}
