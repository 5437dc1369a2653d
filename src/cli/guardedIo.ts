import { CliError, type CliIo } from './io';
import { describeIoError } from './loadInputs';
import { terminalSafe } from './terminalText';

/** Standard output could not be written: exit 2, quietly when the reader just went away. */
export class StdoutError extends CliError {
  constructor(error: unknown) {
    const code = (error as { code?: string } | null)?.code;
    super(`aitm: cannot write to standard output (${describeIoError(error)})`, code === 'EPIPE');
    this.name = 'StdoutError';
  }
}

/**
 * The io every command sees: stderr made terminalSafe, and a failure to write stdout turned into
 * a CliError. A reader closing the pipe early (`aitm analyze m.json | head`) gets EPIPE: the
 * report was not delivered, so the exit is 2 (never 0, and never 1, which means "findings"), but
 * without a message, as with the SIGPIPE exit of other Unix tools.
 */
export function guardedIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => {
      try {
        io.stdout(text);
      } catch (error) {
        throw new StdoutError(error);
      }
    },
    stderr: (text) => io.stderr(terminalSafe(text)),
  };
}
