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
}

/** A file being written: pieces go to a temporary file that commit() puts in place, abort() removes. */
export interface OutputFile {
  write(chunk: string): void;
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
