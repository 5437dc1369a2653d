import type { CliIo } from '../../src/cli/io';

/**
 * An in-memory file system for CLI tests: files by path, captured stdout and stderr. `sizes`
 * pretends a file is that large (it is refused by its size, unread). Like the real io, it
 * refuses to write over a file it has read.
 */
export function memoryIo(files: Record<string, string> = {}, sizes: Record<string, number> = {}) {
  const written: Record<string, string> = {};
  /** Files written as bytes (a PNG), by path. */
  const writtenBytes: Record<string, Uint8Array> = {};
  const reads: string[] = [];
  let out = '';
  let err = '';
  const fail = (code: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`${code}`), { code, ...extra });
  const isFolder = (path: string) => Object.keys(files).some((f) => f.startsWith(`${path}/`));
  const io: CliIo = {
    readFile: (path, maxBytes) => {
      const content = files[path] ?? written[path];
      if (content === undefined) throw fail(isFolder(path) ? 'EISDIR' : 'ENOENT');
      const size = sizes[path] ?? new TextEncoder().encode(content).length;
      if (size > maxBytes) throw fail('EFBIG', { size });
      reads.push(path);
      return content;
    },
    listJsonFiles: (dir) => {
      const inside = Object.keys(files).filter((f) => f.startsWith(`${dir}/`) && f.endsWith('.json'));
      if (inside.length === 0 && files[dir] !== undefined) throw fail('ENOTDIR');
      if (inside.length === 0) throw fail('ENOENT');
      return inside;
    },
    createFile: (path) => {
      if (reads.includes(path)) throw fail('EINPUT', { input: path });
      if (isFolder(path)) throw fail('EISDIR');
      let content = '';
      const bytes: Uint8Array[] = [];
      return {
        write: (chunk) => {
          if (typeof chunk === 'string') content += chunk;
          else bytes.push(chunk);
        },
        commit: () => {
          if (bytes.length > 0) writtenBytes[path] = Buffer.concat(bytes);
          else written[path] = content;
        },
        abort: () => {},
      };
    },
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
  };
  return { io, written, writtenBytes, reads, stdout: () => out, stderr: () => err };
}
