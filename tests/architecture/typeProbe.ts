import { join, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../..');

/** A layer's tsconfig as the compiler reads it (extends resolved, include expanded). */
export function parseProject(configFile: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, configFile),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  return parsed;
}

/**
 * Type-checks one in-memory file under a layer's compiler options (its lib and types) and returns
 * the error messages. The file imports real sources, so it is placed at `filePath` in the repository.
 */
export function compileProbe(project: ts.ParsedCommandLine, filePath: string, code: string): string[] {
  const probePath = join(ROOT, filePath);
  const options: ts.CompilerOptions = {
    ...project.options,
    noEmit: true,
    composite: false,
    incremental: false,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => resolve(file) === probePath || fileExists.call(host, file);
  host.readFile = (file) => (resolve(file) === probePath ? code : readFile.call(host, file));
  host.getSourceFile = (file, language, ...rest) =>
    resolve(file) === probePath
      ? ts.createSourceFile(file, code, language, true)
      : getSourceFile.call(host, file, language, ...rest);
  const program = ts.createProgram({ rootNames: [probePath], options, host });
  const probe = program.getSourceFile(probePath);
  if (!probe) throw new Error(`the probe ${filePath} was not compiled`);
  return [...program.getSyntacticDiagnostics(probe), ...program.getSemanticDiagnostics(probe)].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
}
