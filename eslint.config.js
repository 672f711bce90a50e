// Lint rules, including the layer rule from ARCHITECTURE.md: who may import whom.
import js from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

const layer = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'release/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // `const { dropped: _, ...rest } = x` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  layer(
    ['src/domain/**/*.ts'],
    [
      'node:*',
      'fs',
      'path',
      'chalk',
      'yaml',
      'ics',
      'zod',
      '@inquirer/*',
      'commander',
      '**/adapters/**',
      '**/app/**',
      '**/commands/**',
      '**/cli/**',
      '**/errors.js',
    ],
    'domain/ is pure: no I/O, no libraries of the edges (ARCHITECTURE.md).',
  ),
  layer(
    ['src/adapters/**/*.ts'],
    ['**/app/**', '**/commands/**', '**/cli/**'],
    'adapters import only domain and libraries.',
  ),
  layer(
    ['src/app/**/*.ts'],
    ['**/commands/**', '**/cli/**', 'chalk', 'commander', '@inquirer/*'],
    'app/ holds the use cases: domain and adapters, no commands, cli or terminal libraries (ARCHITECTURE.md).',
  ),
  {
    files: ['src/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cli/**'], message: 'commands do not import cli/.' },
            {
              regex: '/adapters/(?!terminal/)',
              message:
                'commands import app/, render/, domain types and the terminal adapter (adapters/terminal/); the rest of adapters/ is reached through app/ (ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  layer(
    ['src/render/**/*.ts'],
    [
      'node:*',
      'fs',
      'path',
      'chalk',
      'yaml',
      'ics',
      'zod',
      'exceljs',
      'jszip',
      '@inquirer/*',
      'commander',
      '**/adapters/**',
      '**/commands/**',
      '**/cli/**',
      '**/errors.js',
    ],
    'render/ turns a plan into text: it imports domain only (ARCHITECTURE.md).',
  ),
  {
    // `ics` is a devDependency: the tests' oracle for our own serializer. At run time only its types.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'ics',
              allowTypeImports: true,
              message:
                'ics is only the test oracle; src/adapters/calendar/ics.ts serializes calendars itself.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']",
          message:
            "Use import * as z from 'zod': the named z object keeps all of zod in the bundle (1.1 MB instead of 0.56 MB).",
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          property: 'localeCompare',
          message: "Use byText (src/domain/order.ts): localeCompare's order follows the machine's locale.",
        },
      ],
    },
  },
  {
    // No module may import itself through others (ARCHITECTURE.md): a circle makes load order matter.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs', 'bench/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // bin/kickoff.js is CommonJS (bin/package.json): Node starts it sooner than an ES module.
    // scripts/sea-main.cjs, the single executables' main script, is CommonJS as Node requires.
    files: ['bin/**/*.js', 'scripts/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly', Buffer: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
