import { LimitExceededError } from '../core';
import { CliError, type CliIo, type OutputFile } from './io';
import { CLI_LIMITS, megabytes } from './limits';
import { describeIoError } from './loadInputs';
import { oneLine } from './terminalText';

/** Receives a report or a converted file in pieces. */
export type Write = (chunk: string) => void;

class OutputTooLarge extends Error {}

/** Pieces are gathered up to this size before they go to the file or stdout. */
const FLUSH_BYTES = 64 * 1024;

/**
 * Writes what `produce` writes to `out` (or stdout), never more than the output limit. Pieces go
 * to the destination as they come, in 64 KB writes, so a producer that writes in pieces never
 * holds the whole text; one that returns a single huge string is refused before it is written.
 * Nothing over the limit is ever delivered: a file appears only complete (its temporary file is
 * removed otherwise, and an older file stays as it was), and stdout is only written once the whole
 * text is known to fit (at most the limit is kept in memory).
 */
export function emitOutput(
  io: CliIo,
  out: string | undefined,
  what: string,
  produce: (write: Write) => void,
): void {
  const limit = CLI_LIMITS.maxOutputBytes;
  let file: OutputFile | undefined;
  if (out !== undefined) {
    try {
      file = io.createFile(out);
    } catch (error) {
      throw new CliError(`${oneLine(out)}: cannot write the ${what} (${describeIoError(error)})`);
    }
  }
  const held: string[] = [];
  let pending = '';
  let bytes = 0;
  const flush = () => {
    if (pending === '') return;
    if (file) file.write(pending);
    else held.push(pending);
    pending = '';
  };
  const write: Write = (chunk) => {
    bytes += Buffer.byteLength(chunk, 'utf8');
    if (bytes > limit) throw new OutputTooLarge();
    pending += chunk;
    if (pending.length >= FLUSH_BYTES) flush();
  };
  try {
    try {
      produce(write);
      flush();
    } catch (error) {
      // "Invalid string length": a producer building one string hit V8's limit (about 512 MB)
      // on its way to the output limit.
      if (
        error instanceof OutputTooLarge ||
        error instanceof LimitExceededError ||
        (error instanceof RangeError && /string length/i.test(error.message))
      )
        throw new CliError(
          `${out === undefined ? 'aitm' : oneLine(out)}: the ${what} is larger than ${megabytes(limit)}, the output limit; ${file ? 'the file was not written' : 'nothing was written'}`,
        );
      throw error;
    }
    if (file) file.commit();
  } catch (error) {
    file?.abort();
    if (error instanceof CliError || !file) throw error;
    throw new CliError(`${oneLine(out!)}: cannot write the ${what} (${describeIoError(error)})`);
  }
  for (const chunk of held) io.stdout(chunk);
}

/**
 * Writes binary output (a PNG) to the file `out`, whole or not at all, within the output limit.
 * Binary output never goes to stdout: callers ask for --out.
 */
export function emitBytes(io: CliIo, out: string, what: string, bytes: Uint8Array): void {
  const limit = CLI_LIMITS.maxOutputBytes;
  if (bytes.length > limit)
    throw new CliError(
      `${oneLine(out)}: the ${what} is larger than ${megabytes(limit)}, the output limit; the file was not written`,
    );
  let file: OutputFile;
  try {
    file = io.createFile(out);
  } catch (error) {
    throw new CliError(`${oneLine(out)}: cannot write the ${what} (${describeIoError(error)})`);
  }
  try {
    file.write(bytes);
    file.commit();
  } catch (error) {
    file.abort();
    throw new CliError(`${oneLine(out)}: cannot write the ${what} (${describeIoError(error)})`);
  }
}
