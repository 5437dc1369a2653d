/**
 * Everything the CLI does to the outside world goes through this interface, so `main(argv, io)`
 * runs in memory in tests and against the real file system in nodeIo.ts.
 */
export interface CliIo {
  /**
   * Reads a whole UTF-8 file, or standard input for `-` and `/dev/stdin`. Only regular files are
   * read, and at most `maxBytes`: anything else throws an error whose `code` describeIoError knows
   * (`EFBIG` with the `size` when known, `ENOTREG` with the `fileType`, `EISDIR`, `ENOENT`…).
   */
  readFile(path: string, maxBytes: number): string;
  /** Lists JSON files under a directory, recursively, as paths, without following links to directories. */
  /** Every JSON file under `dir`; throws `ELIMIT` after walking `maxEntries` directory entries. */
  listJsonFiles(dir: string, maxEntries?: number): string[];
  /**
   * Starts writing a new version of `path`, which appears only on commit(). Refuses (throws) a
   * symbolic link, a directory, anything not a regular file, and a file the CLI has read.
   */
  createFile(path: string): OutputFile;
  /** Writes to standard output; throws when it cannot (EPIPE, ENOSPC…). */
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Draws an SVG as a PNG. Only the real CLI has it, and only for `render --format png`: it is
   * loaded (WebAssembly) before main() runs, so main() stays synchronous; see pngRasteriser.ts.
   */
  rasterisePng?: PngRasteriser;
}

/** What drawing a PNG needs and gives: fonts to draw text with (none found: no text). */
export type PngRasteriser = (
  svg: string,
  options: { fontFiles: readonly string[]; scale: number },
) => { png: Uint8Array; fonts: readonly string[] };

/** A file being written: pieces go to a temporary file that commit() puts in place, abort() removes. */
export interface OutputFile {
  /** Text is written as UTF-8; bytes (a PNG) as they are. */
  write(chunk: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

/** Exit codes of the public contract. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INVALID = 2;

/**
 * An expected failure with a message for the user; main() prints it without a stack trace.
 * A quiet one exits 2 without a message (a reader that closed the pipe does not want one).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly quiet = false,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The names standard input is read under. */
export const STDIN_PATHS: readonly string[] = ['-', '/dev/stdin'];
