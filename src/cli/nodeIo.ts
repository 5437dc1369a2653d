import { resolve } from 'node:path';
import { STDIN_PATHS, type CliIo } from './io';
import { stdoutWasClosed } from './node/closedStdout';
import { writeAll } from './node/fd';
import { listJsonFiles } from './node/listJsonFiles';
import { createOutputFile, type InputFile } from './node/outputFile';
import { readRegularFile, readStandardInput } from './node/readRegularFile';

/**
 * The real-world CliIo: the only place the CLI touches the file system and the process. It
 * remembers every file it read, so that --out can refuse to replace one.
 */
export function createNodeIo(): CliIo {
  const inputs: InputFile[] = [];
  // Asked on the first write only: a command that writes nothing to stdout (--out) still runs.
  let closed: boolean | undefined;
  return {
    readFile: (path, maxBytes) => {
      const stdin = STDIN_PATHS.includes(path);
      const { text, identity } = stdin ? readStandardInput(maxBytes) : readRegularFile(path, maxBytes);
      if (identity) inputs.push({ path: stdin ? '' : resolve(path), ...identity });
      return text;
    },
    listJsonFiles,
    createFile: (path) => createOutputFile(path, inputs),
    stdout: (text) => {
      closed ??= stdoutWasClosed();
      if (closed) throw Object.assign(new Error('standard output is closed'), { code: 'ECLOSED' });
      writeAll(1, text);
    },
    stderr: (text) => {
      try {
        writeAll(2, text);
      } catch {
        // Nowhere left to report a failure to report.
      }
    },
  };
}
