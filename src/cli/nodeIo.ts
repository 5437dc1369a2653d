import { resolve } from 'node:path';
import { STDIN_PATHS, type CliIo } from './io';
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
  return {
    readFile: (path, maxBytes) => {
      const stdin = STDIN_PATHS.includes(path);
      const { text, identity } = stdin ? readStandardInput(maxBytes) : readRegularFile(path, maxBytes);
      if (identity) inputs.push({ path: stdin ? '' : resolve(path), ...identity });
      return text;
    },
    listJsonFiles,
    createFile: (path) => createOutputFile(path, inputs),
    stdout: (text) => writeAll(1, text),
    stderr: (text) => {
      try {
        writeAll(2, text);
      } catch {
        // Nowhere left to report a failure to report.
      }
    },
  };
}
