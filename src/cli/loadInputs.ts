import {
  describeLimit,
  formatProblems,
  groupDigits,
  overLimitMessage,
  loadLibrary,
  parseDocumentText,
  parseJsonText,
  shippedLibrary,
  type Library,
  type LibrarySource,
  type ThreatModelDocument,
} from '../core';
import { CliError, STDIN_PATHS, type CliIo } from './io';
import { CLI_LIMITS, megabytes } from './limits';
import { oneLine } from './terminalText';

/** Files larger than this are refused before reading: no model or library is anywhere near it. */
export const MAX_INPUT_BYTES = CLI_LIMITS.maxInputBytes;

/**
 * Reads a text file, turning every I/O failure into a message that names the file. The io reads
 * regular files only, checked on the opened file, and never more than the limit.
 */
export function readInput(io: CliIo, path: string): string {
  try {
    return io.readFile(path, MAX_INPUT_BYTES);
  } catch (error) {
    const { code, size, fileType } = (error ?? {}) as { code?: string; size?: number; fileType?: string };
    const limit = megabytes(MAX_INPUT_BYTES);
    const name = oneLine(path);
    const what = STDIN_PATHS.includes(path) ? 'standard input' : 'the file';
    if (code === 'EFBIG')
      throw new CliError(
        size === undefined
          ? `${name}: ${what} is more than ${limit}; the limit is ${limit}`
          : `${name}: ${what} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${limit}`,
      );
    // Opening a Unix socket fails with ENXIO: one more file that is not a regular file.
    if (code === 'ENOTREG' || code === 'ENXIO')
      throw new CliError(
        `${name}: not a regular file (${fileType ?? (code === 'ENXIO' ? 'a socket' : 'a special file')}); only regular files of up to ${limit} are read`,
      );
    throw new CliError(`${name}: cannot read the file (${describeIoError(error)})`);
  }
}

export function describeIoError(error: unknown): string {
  const { code, input, link } = (error ?? {}) as { code?: string; input?: string; link?: string };
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'EPIPE') return 'the reader closed the pipe';
  if (code === 'ENOTREG') return 'it is not a regular file';
  if (code === 'ELOOP')
    return `${link ? `${oneLine(link)} is` : 'it is'} a symbolic link; the CLI never writes through one`;
  if (code === 'EINPUT') return `it would replace the input file ${oneLine(input ?? '')}`.trimEnd();
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** The shipped library, or the one in `dir` (every JSON file under it), validated by loadLibrary. */
export function loadLibraryFrom(io: CliIo, dir: string | undefined): Library {
  if (dir === undefined) return shippedLibrary();
  let paths: string[];
  try {
    paths = io
      .listJsonFiles(dir, CLI_LIMITS.libraryEntries)
      .filter((p) => !/[\\/]schema[\\/]/.test(p))
      .sort();
  } catch (error) {
    if ((error as { code?: string } | null)?.code === 'ELIMIT')
      throw new CliError(
        `${oneLine(dir)}: the library directory has more than ${groupDigits(CLI_LIMITS.libraryEntries)} entries: ${describeLimit('libraryEntries')}`,
      );
    throw new CliError(`${oneLine(dir)}: cannot read the library directory (${describeIoError(error)})`);
  }
  if (paths.length === 0) throw new CliError(`${oneLine(dir)}: no JSON files found in the library directory`);
  if (paths.length > CLI_LIMITS.libraryFiles)
    throw new CliError(`${oneLine(dir)}: ${overLimitMessage('libraryFiles', paths.length, 'JSON files')}`);
  const sources: LibrarySource[] = [];
  const problems: string[] = [];
  let bytes = 0;
  for (const path of paths) {
    const text = readInput(io, path);
    bytes += utf8Length(text);
    // Checked as the files are read, so memory never holds much more than the limit.
    if (bytes > CLI_LIMITS.libraryBytes)
      throw new CliError(
        `${oneLine(dir)}: the library's files pass ${megabytes(CLI_LIMITS.libraryBytes)} together at ${oneLine(path)}: ${describeLimit('libraryBytes')}`,
      );
    const json = parseJsonText(text);
    if (json.ok) sources.push({ path, content: json.value });
    else problems.push(formatProblems(path, json.problems));
  }
  if (problems.length > 0) throw new CliError(problems.join('\n'));
  const result = loadLibrary(sources);
  if (!result.ok) throw new CliError(formatProblems(dir, result.problems));
  // Warnings (e.g. a threat citing a guideline none of its mitigations implements) do not stop a
  // run, but a library author must see them.
  if (result.warnings.length > 0)
    io.stderr(
      `${formatProblems(
        dir,
        result.warnings.map((w) => ({ ...w, message: `warning: ${w.message}` })),
      )}\n`,
    );
  return result.value;
}

/** Bytes of `text` in UTF-8, without allocating them. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function loadModel(io: CliIo, path: string, library: Library): ThreatModelDocument {
  return loadModelSource(io, path, library).doc;
}

/** loadModel, with the text it was read from (SARIF points at lines of it; stdin is read once). */
export function loadModelSource(
  io: CliIo,
  path: string,
  library: Library,
): { doc: ThreatModelDocument; text: string } {
  const text = readInput(io, path);
  const result = parseDocumentText(text, { catalogue: library.catalogue });
  if (!result.ok) throw new CliError(formatProblems(path, result.problems));
  if (result.warnings.length > 0)
    io.stderr(
      `${formatProblems(
        path,
        result.warnings.map((w) => ({ ...w, message: `warning: ${w.message}` })),
      )}\n`,
    );
  return { doc: result.value, text };
}
