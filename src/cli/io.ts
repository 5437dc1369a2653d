/**
 * Everything the CLI does to the outside world goes through this interface, so `main(argv, io)`
 * runs in memory in tests and against the real file system in bin.ts.
 */
export interface CliIo {
  /** Reads a UTF-8 text file; throws a CliError-friendly error (ENOENT…) when it cannot. */
  readFile(path: string): string;
  /** Size in bytes, to refuse huge files before reading them. */
  fileSize(path: string): number;
  writeFile(path: string, content: string): void;
  /** Lists JSON files under a directory, recursively, as paths. */
  listJsonFiles(dir: string): string[];
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes of the public contract. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INVALID = 2;

/** An expected failure with a message for the user; main() prints it without a stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
