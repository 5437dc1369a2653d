import type { CliIo } from '../../src/cli/io';

/** An in-memory file system for CLI tests: files by path, captured stdout and stderr. */
export function memoryIo(files: Record<string, string> = {}, sizes: Record<string, number> = {}) {
  const written: Record<string, string> = {};
  let out = '';
  let err = '';
  const missing = (path: string) => Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  const io: CliIo = {
    readFile: (path) => {
      const content = files[path] ?? written[path];
      if (content === undefined) throw missing(path);
      return content;
    },
    fileSize: (path) => {
      if (sizes[path] !== undefined) return sizes[path]!;
      const content = files[path];
      if (content === undefined) {
        if (Object.keys(files).some((f) => f.startsWith(`${path}/`)))
          throw Object.assign(new Error('dir'), { code: 'EISDIR' });
        throw missing(path);
      }
      return content.length;
    },
    writeFile: (path, content) => {
      written[path] = content;
    },
    listJsonFiles: (dir) => {
      const inside = Object.keys(files).filter((f) => f.startsWith(`${dir}/`) && f.endsWith('.json'));
      if (inside.length === 0 && files[dir] !== undefined)
        throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      if (inside.length === 0) throw missing(dir);
      return inside;
    },
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
  };
  return { io, written, stdout: () => out, stderr: () => err };
}
