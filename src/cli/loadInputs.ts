import {
  formatProblems,
  loadLibrary,
  parseDocumentText,
  parseJsonText,
  shippedLibrary,
  type Library,
  type LibrarySource,
  type ThreatModelDocument,
} from '../core';
import { CliError, type CliIo } from './io';

/** Files larger than this are refused before reading: no model or library is anywhere near it. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** Reads a text file, turning every I/O failure into a message that names the file. */
export function readInput(io: CliIo, path: string): string {
  let size: number;
  try {
    size = io.fileSize(path);
  } catch (error) {
    throw new CliError(`${path}: cannot read the file (${describeIoError(error)})`);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new CliError(
      `${path}: the file is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1024 / 1024} MB`,
    );
  }
  try {
    return io.readFile(path);
  } catch (error) {
    throw new CliError(`${path}: cannot read the file (${describeIoError(error)})`);
  }
}

export function describeIoError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** The shipped library, or the one in `dir` (every JSON file under it), validated by loadLibrary. */
export function loadLibraryFrom(io: CliIo, dir: string | undefined): Library {
  if (dir === undefined) return shippedLibrary();
  let paths: string[];
  try {
    paths = io
      .listJsonFiles(dir)
      .filter((p) => !/[\\/]schema[\\/]/.test(p))
      .sort();
  } catch (error) {
    throw new CliError(`${dir}: cannot read the library directory (${describeIoError(error)})`);
  }
  if (paths.length === 0) throw new CliError(`${dir}: no JSON files found in the library directory`);
  const sources: LibrarySource[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    const json = parseJsonText(readInput(io, path));
    if (json.ok) sources.push({ path, content: json.value });
    else problems.push(formatProblems(path, [json.problem]));
  }
  if (problems.length > 0) throw new CliError(problems.join('\n'));
  const result = loadLibrary(sources);
  if (!result.ok) throw new CliError(formatProblems(dir, result.problems));
  return result.value;
}

export function loadModel(io: CliIo, path: string, library: Library): ThreatModelDocument {
  const result = parseDocumentText(readInput(io, path), { catalogue: library.catalogue });
  if (!result.ok) throw new CliError(formatProblems(path, result.problems));
  if (result.warnings.length > 0)
    io.stderr(
      `${formatProblems(
        path,
        result.warnings.map((w) => ({ ...w, message: `warning: ${w.message}` })),
      )}\n`,
    );
  return result.value;
}
