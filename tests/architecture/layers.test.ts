import { readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileProbe, parseProject, ROOT } from './typeProbe';

/**
 * Proves that the layer rules of docs/architecture.md hold: what the core must not do is reported
 * by the real eslint.config.js and rejected by the real tsconfig.core.json, and clean code is not.
 */

// The probes exist only in memory, so no tsconfig lists them: the project service gives them a
// default project (core's options). The rules under test are the repository's own.
const PROBE_PROJECT = {
  languageOptions: {
    parserOptions: {
      projectService: {
        allowDefaultProject: ['src/core/*.ts', 'src/core/*.tsx', 'src/ui/*.ts', 'src/cli/*.ts'],
        defaultProject: 'tsconfig.core.json',
      },
    },
  },
};

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfig: PROBE_PROJECT });
});

async function lintProbe(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  // A parse error would also be "reported", but proves nothing about the rules.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages;
}

const rulesOf = (messages: Linter.LintMessage[]) => messages.map((m) => m.ruleId);

describe('ESLint: the core is pure', () => {
  it.each([
    ['React', "import { useState } from 'react';\nexport const hook = useState;\n"],
    ['a Node built-in', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"],
    ['an undeclared package', "import { produce } from 'immer';\nexport const p = produce;\n"],
    ['the UI through a relative path', "import { App } from '../ui/App';\nexport const app = App;\n"],
    ['a file outside src/core', "import { main } from '../cli/main';\nexport const m = main;\n"],
    ['a re-export of a package', "export { useState } from 'react';\n"],
    ['a type from a package', "export type Node = import('@xyflow/react').Node;\n"],
  ])('reports an import of %s', async (_what, code) => {
    expect(rulesOf(await lintProbe('src/core/probe.ts', code))).toContain('layers/core-imports-allowlist');
  });

  it.each([
    ['document', 'export const title = () => document.title;\n'],
    ['globalThis', 'export const host = () => globalThis;\n'],
    ['window', 'export const w = () => window.name;\n'],
    ['navigator', 'export const lang = () => navigator.language;\n'],
    ['process', 'export const env = () => process.env;\n'],
    ['Buffer', "export const bytes = () => Buffer.from('x');\n"],
    ['crypto', 'export const id = () => crypto.randomUUID();\n'],
    ['performance', 'export const t = () => performance.now();\n'],
    ['setTimeout', 'export const later = (f: () => void) => setTimeout(f, 1);\n'],
    ['queueMicrotask', 'export const soon = (f: () => void) => queueMicrotask(f);\n'],
    ['console', "export const log = () => console.log('x');\n"],
    ['localStorage', "export const saved = () => localStorage.getItem('x');\n"],
    ['fetch', "export const get = () => fetch('x');\n"],
  ])('reports the host global %s', async (name, code) => {
    const messages = await lintProbe('src/core/probe.ts', code);
    expect(
      messages.some((m) => m.ruleId === 'no-restricted-globals' && m.message.includes(`'${name}'`)),
    ).toBe(true);
  });

  it.each([
    ['Date.now()', 'export const now = () => Date.now();\n', 'no-restricted-properties'],
    ['new Date()', 'export const now = () => new Date();\n', 'no-restricted-syntax'],
    ['Date()', 'export const now = () => Date();\n', 'no-restricted-syntax'],
    ['Math.random()', 'export const roll = () => Math.random();\n', 'no-restricted-properties'],
  ])('reports the clock or randomness: %s', async (_what, code, rule) => {
    expect(rulesOf(await lintProbe('src/core/probe.ts', code))).toContain(rule);
  });

  it('reports a dynamic import(), even of a core file', async () => {
    const messages = await lintProbe(
      'src/core/probe.ts',
      "export const load = () => import('./model/document');\n",
    );
    expect(messages.map((m) => m.message)).toContain('src/core is pure: no dynamic import().');
  });

  it('reports a .tsx file in src/core, even an empty one', async () => {
    const messages = await lintProbe('src/core/probe.tsx', 'export const answer = 42;\n');
    expect(messages.map((m) => m.message)).toContain(
      'src/core holds only .ts files: no JSX or JavaScript in the pure core.',
    );
  });

  it('reports a floating promise (the type-aware rules run)', async () => {
    const code = 'async function save(): Promise<void> {}\nexport function run(): void {\n  save();\n}\n';
    expect(rulesOf(await lintProbe('src/core/probe.ts', code))).toEqual([
      '@typescript-eslint/no-floating-promises',
    ]);
  });

  it('accepts a clean core file: relative imports, the threat library data, zod, jsonc-parser, a fixed date', async () => {
    const code = [
      "import { z } from 'zod';",
      "import { parse } from 'jsonc-parser';",
      "import { DOCUMENT_FORMAT } from './model/document';",
      "import type { ThreatModelDocument } from './model/document';",
      "import type { Library } from '.';",
      "import library from '../../threat-library/library.json' with { type: 'json' };",
      "export { shippedLibrary } from './library/shippedLibrary';",
      'export const Name = z.string();',
      'export const read = (text: string): unknown => parse(text);',
      'export const format = DOCUMENT_FORMAT;',
      'export const title = (doc: ThreatModelDocument) => doc.meta.title;',
      'export const data = library;',
      'export const noLibrary: Library | undefined = undefined;',
      'export const epoch = new Date(0);',
      '',
    ].join('\n');
    expect(await lintProbe('src/core/probe.ts', code)).toEqual([]);
  });
});

describe('ESLint: the shells reach the core only through src/core/index.ts', () => {
  const internal = "import { evaluate } from '../core/rules/evaluate';\nexport const e = evaluate;\n";

  it('reports a ui file importing a core internal', async () => {
    expect(rulesOf(await lintProbe('src/ui/probe.ts', internal))).toContain('no-restricted-imports');
  });

  it('reports a ui file lazy-loading a core internal', async () => {
    const code = "export const load = () => import('../core/rules/evaluate');\n";
    expect(rulesOf(await lintProbe('src/ui/probe.ts', code))).toContain('no-restricted-syntax');
  });

  it('applies the ui rules to src/main.tsx', async () => {
    const code = "import { evaluate } from './core/rules/evaluate';\nexport const e = evaluate;\n";
    expect(rulesOf(await lintProbe('src/main.tsx', code))).toContain('no-restricted-imports');
  });

  it('reports Node in the ui and React in the cli', async () => {
    const node = "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n";
    expect(rulesOf(await lintProbe('src/ui/probe.ts', node))).toContain('no-restricted-imports');
    const react = "import { useState } from 'react';\nexport const s = useState;\n";
    expect(rulesOf(await lintProbe('src/cli/probe.ts', react))).toContain('no-restricted-imports');
  });

  it('accepts a ui file importing the core index', async () => {
    const code =
      "import { shippedLibrary } from '../core';\nexport const load = () => import('../core/index');\nexport const l = shippedLibrary;\n";
    expect(await lintProbe('src/ui/probe.ts', code)).toEqual([]);
  });
});

describe('TypeScript: each layer compiles with only its own runtime', () => {
  const core = parseProject('tsconfig.core.json');

  it.each([
    ['document', 'export const title: string = document.title;'],
    ['window', 'export const name: string = window.name;'],
    ['Buffer', "export const bytes = Buffer.from('x');"],
    ['process', 'export const env = process.env;'],
    ['setTimeout', 'export const later = (f: () => void) => setTimeout(f, 1);'],
    ['console', "export const log = () => console.log('x');"],
    ['TextEncoder', 'export const encoder = new TextEncoder();'],
    ['structuredClone', 'export const copy = <T>(value: T): T => structuredClone(value);'],
  ])('the core config rejects %s', (name, code) => {
    const errors = compileProbe(core, 'src/core/probe.ts', code);
    expect(errors.some((e) => e.includes(`'${name}'`))).toBe(true);
  });

  it('the core config rejects JSX', () => {
    expect(compileProbe(core, 'src/core/probe.tsx', 'export const el = <div />;').length).toBeGreaterThan(0);
  });

  it('the core config accepts ES2023 and the core itself', () => {
    const code = [
      "import { shippedLibrary } from './index';",
      'export const last = [1, 2, 3].findLast((n) => n < 3);',
      'export const library = shippedLibrary();',
    ].join('\n');
    expect(compileProbe(core, 'src/core/probe.ts', code)).toEqual([]);
  });

  it('the ui config has the DOM but not Node', () => {
    const ui = parseProject('tsconfig.ui.json');
    expect(compileProbe(ui, 'src/ui/probe.ts', 'export const title: string = document.title;')).toEqual([]);
    const errors = compileProbe(ui, 'src/ui/probe.ts', "export const bytes = Buffer.from('x');");
    expect(errors.some((e) => e.includes("'Buffer'"))).toBe(true);
  });

  it('the cli config has Node but not the DOM', () => {
    const cli = parseProject('tsconfig.cli.json');
    expect(compileProbe(cli, 'src/cli/probe.ts', "export const bytes = Buffer.from('x');")).toEqual([]);
    const errors = compileProbe(cli, 'src/cli/probe.ts', 'export const title: string = document.title;');
    expect(errors.some((e) => e.includes("'document'"))).toBe(true);
  });

  it('the collaboration server config has Node but not the DOM', () => {
    const server = parseProject('tsconfig.server.json');
    expect(compileProbe(server, 'src/server/probe.ts', "export const bytes = Buffer.from('x');")).toEqual([]);
    const errors = compileProbe(
      server,
      'src/server/probe.ts',
      'export const title: string = document.title;',
    );
    expect(errors.some((e) => e.includes("'document'"))).toBe(true);
  });

  it('every file of src/core is checked by the core project, and only by it', () => {
    const coreDir = join(ROOT, 'src', 'core');
    const onDisk = readdirSync(coreDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.[cm]?[jt]sx?$/.test(file))
      .map((file) => join(coreDir, file));
    const checked = core.fileNames.filter((file) => !file.endsWith('.json')).map((file) => resolve(file));
    expect(onDisk.length).toBeGreaterThan(50);
    expect(checked.sort()).toEqual(onDisk.sort());
    for (const shell of [
      'tsconfig.ui.json',
      'tsconfig.cli.json',
      'tsconfig.server.json',
      'tsconfig.tooling.json',
    ]) {
      const own = parseProject(shell).fileNames.map((file) => resolve(file));
      expect(own.filter((file) => file.startsWith(coreDir + sep))).toEqual([]);
    }
  });

  it('the root tsconfig builds every layer', () => {
    const references = parseProject('tsconfig.json').projectReferences?.map((r) => r.path) ?? [];
    expect(references.map((p) => p.slice(ROOT.length + 1)).sort()).toEqual([
      'tsconfig.cli.json',
      'tsconfig.core.json',
      'tsconfig.server.json',
      'tsconfig.tooling.json',
      'tsconfig.ui.json',
    ]);
  });
});
