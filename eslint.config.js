// Module boundaries of docs/architecture.md are enforced here, not by review: core is pure
// (an allowlist of what it may import and no clock, randomness or host globals), ui and cli reach
// the core only through src/core/index.ts. The per-layer tsconfig files enforce the same from the
// type side: core compiles without DOM, Node or test types. tests/architecture proves both.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ROOT = import.meta.dirname;
const CORE_DIR = path.join(ROOT, 'src', 'core');
/** The shipped threat library is data the core imports (JSON), not code. */
const CORE_DATA_DIR = path.join(ROOT, 'threat-library');
/** The only packages the core may use: both are pure, with no host access. */
const CORE_PACKAGES = ['zod', 'jsonc-parser', 'yjs'];

/** True when `target` is `dir` itself (its index) or anything below it. */
const isInside = (dir, target) => {
  const relative = path.relative(dir, target);
  return !path.isAbsolute(relative) && relative.split(path.sep)[0] !== '..';
};

/**
 * The core's imports as an allowlist: a relative path that stays in src/core (or reads the
 * threat-library data), or one of CORE_PACKAGES (and their subpaths). Anything else — React,
 * Node built-ins, a shell, a new package — is reported, whatever its name.
 */
const coreImportsAllowlist = {
  meta: {
    type: 'problem',
    docs: {
      description: 'src/core may import only its own files, the threat library and its declared packages.',
    },
    schema: [],
  },
  create(context) {
    const fromDir = path.dirname(context.filename);
    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const specifier = source.value;
      if (/^\.\.?(\/|$)/.test(specifier)) {
        const target = path.resolve(fromDir, specifier);
        if (isInside(CORE_DIR, target) || (isInside(CORE_DATA_DIR, target) && target.endsWith('.json')))
          return;
        context.report({
          node: source,
          message: `src/core is pure: '${specifier}' leaves src/core (only src/core files and threat-library JSON are allowed).`,
        });
        return;
      }
      if (CORE_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`))) return;
      context.report({
        node: source,
        message: `src/core is pure: '${specifier}' is not an allowed import (only relative paths and ${CORE_PACKAGES.join(', ')}).`,
      });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference.expression),
      TSImportType: (node) => check(node.source),
    };
  },
};
const layers = { rules: { 'core-imports-allowlist': coreImportsAllowlist } };

const viaCoreIndexOnly = {
  group: [
    '**/core/*/**',
    '**/core/model',
    '**/core/document',
    '**/core/graph',
    '**/core/library',
    '**/core/rules',
    '**/core/report',
    '**/core/interop',
  ],
  message: 'Import the core only through src/core/index.ts.',
};
const noDynamicCode = [
  {
    selector: "CallExpression[callee.name='eval']",
    message: 'No eval: model files and rule packs are untrusted.',
  },
  {
    selector: "NewExpression[callee.name='Function']",
    message: 'No new Function: model files and rule packs are untrusted.',
  },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No raw HTML injection.' },
  {
    selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
    message: 'No raw HTML injection.',
  },
];
/** no-restricted-imports does not see import(): a shell must not lazy-load core internals either. */
const noDynamicImportOfCoreInternals = {
  selector: 'ImportExpression[source.value=/(^|\\/)core\\/(?!index(\\.ts)?$)./]',
  message: 'Import the core only through src/core/index.ts.',
};

const NO_CLOCK = 'src/core is deterministic: no clock (take the time as an argument).';
const coreSyntax = [
  ...noDynamicCode,
  { selector: 'ImportExpression', message: 'src/core is pure: no dynamic import().' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: NO_CLOCK },
  { selector: "CallExpression[callee.name='Date']", message: NO_CLOCK },
];

/** Host objects, I/O, timers and the console: the core gets what it needs as arguments. */
const CORE_FORBIDDEN_GLOBALS = [
  'globalThis',
  'window',
  'self',
  'global',
  'document',
  'navigator',
  'location',
  'history',
  'process',
  'Buffer',
  'require',
  'module',
  '__dirname',
  '__filename',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'Worker',
  'performance',
  'crypto',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'queueMicrotask',
  'requestAnimationFrame',
  'requestIdleCallback',
  'console',
].map((name) => ({
  name,
  message: `src/core is pure: no '${name}' (pass what it provides in as an argument).`,
}));

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'node_modules', 'coverage', '.tsbuild', 'threat-library/schema'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      // Type information for the promise rules: each file is checked in the project of its layer
      // (tsconfig.json references one per layer).
      parserOptions: { projectService: true, tsconfigRootDir: ROOT },
    },
    rules: {
      'no-restricted-syntax': ['error', ...noDynamicCode],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A promise nobody awaits loses its rejection: the user sees nothing and work can be lost.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // Plain JavaScript (this file, bin/, scripts/audit.mjs) is in no tsconfig: no type-aware rules.
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/core/**'],
    plugins: { layers },
    rules: {
      'layers/core-imports-allowlist': 'error',
      'no-restricted-globals': ['error', ...CORE_FORBIDDEN_GLOBALS],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: NO_CLOCK },
        { object: 'Math', property: 'random', message: 'src/core is deterministic: no randomness.' },
      ],
      'no-restricted-syntax': ['error', ...coreSyntax],
    },
  },
  {
    // The core is plain TypeScript: no JSX, no untyped JavaScript.
    files: ['src/core/**/*.{tsx,jsx,js,mjs,cjs,mts,cts}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...coreSyntax,
        {
          selector: 'Program',
          message: 'src/core holds only .ts files: no JSX or JavaScript in the pure core.',
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            viaCoreIndexOnly,
            {
              group: ['node:*', 'fs', 'path', 'child_process'],
              message: 'src/ui runs in the browser: no Node APIs.',
            },
            { group: ['**/cli/**'], message: 'src/ui must not import the CLI.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...noDynamicCode, noDynamicImportOfCoreInternals],
    },
  },
  {
    // The CLI and the collaboration server are Node shells over the core.
    files: ['src/cli/**/*.ts', 'src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            viaCoreIndexOnly,
            {
              group: ['react', 'react-*', '@xyflow/*', 'zustand', 'zustand/*', 'immer'],
              message: 'The CLI has no UI.',
            },
            { group: ['**/ui/**'], message: 'Node shells must not import the UI.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...noDynamicCode, noDynamicImportOfCoreInternals],
    },
  },
);
