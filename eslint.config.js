// Module boundaries of ../shared/design/architecture.md are enforced here, not by review:
// core is pure, ui and cli reach the core only through src/core/index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'threat-library/schema'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-restricted-syntax': ['error', ...noDynamicCode],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', '@xyflow/*', 'zustand', 'zustand/*', 'immer'],
              message: 'src/core is pure: no UI libraries.',
            },
            {
              group: ['node:*', 'fs', 'path', 'process', 'os', 'child_process'],
              message: 'src/core is pure: no Node APIs.',
            },
            { group: ['**/ui/**', '**/cli/**'], message: 'src/core must not import the shells.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'localStorage', 'fetch'],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
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
    },
  },
  {
    files: ['src/cli/**/*.ts'],
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
            { group: ['**/ui/**'], message: 'src/cli must not import the UI.' },
          ],
        },
      ],
    },
  },
);
