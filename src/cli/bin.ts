import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from './main';
import type { CliIo } from './io';

/** The real-world CliIo: the only place the CLI touches the file system and the process. */
const nodeIo: CliIo = {
  readFile: (path) => readFileSync(path, 'utf8'),
  fileSize: (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return stat.size;
  },
  writeFile: (path, content) => writeFileSync(path, content, 'utf8'),
  listJsonFiles: (dir) => {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return (readdirSync(dir, { recursive: true }) as string[])
      .filter((p) => p.endsWith('.json'))
      .map((p) => join(dir, p));
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

process.exitCode = main(process.argv.slice(2), nodeIo);
