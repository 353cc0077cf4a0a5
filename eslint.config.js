import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const OTHER_LAYERS = (...layers) => layers.map((layer) => ({ group: [`**/${layer}/**`, `**/${layer}`], message: `src/${layer} is another layer.` }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layering (VS Code's rule): shared is pure and imports no other layer, no Node, no Electron, no DOM library.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src/shared runs everywhere; no Electron.' }],
          patterns: [
            ...OTHER_LAYERS('main', 'renderer', 'preload', 'server', 'hub-tools'),
            { group: ['node:*'], message: 'src/shared is pure TypeScript; no Node built-ins.' },
            { group: ['react', 'react-dom', '@mantine/*', 'better-sqlite3'], message: 'src/shared is UI- and storage-free.' },
          ],
        },
      ],
    },
  },
  // The renderer reaches the core only through the typed API.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the core through window.carecall only.' }],
          patterns: [
            ...OTHER_LAYERS('main', 'preload', 'server', 'hub-tools'),
            { group: ['node:*', 'better-sqlite3'], message: 'The renderer has no Node access.' },
          ],
        },
      ],
    },
  },
  // Only the Electron adapter (src/main/electron, src/main/index.ts) and the preload import 'electron'.
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src/main/electron/ may import electron; the core runs under plain Node.' }],
          patterns: OTHER_LAYERS('renderer', 'preload', 'server', 'hub-tools'),
        },
      ],
    },
  },
  // The hub is a layer of its own: it shares src/shared with the desktop and nothing else.
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The hub runs under plain Node.' }],
          patterns: [
            ...OTHER_LAYERS('main', 'renderer', 'preload', 'hub-tools'),
            { group: ['better-sqlite3'], message: 'The hub keeps its data in PostgreSQL.' },
          ],
        },
      ],
    },
  },
  // SQL lives only in repositories (and migrations): nothing else prepares or executes statements.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(prepare|pragma)$/]",
          message: 'SQL belongs in src/main/db (repositories, migrations, connection).',
        },
        {
          selector: "CallExpression[callee.property.name='exec'][callee.object.name=/^(db|database|store)$/]",
          message: 'SQL belongs in src/main/db (repositories, migrations, connection).',
        },
      ],
    },
  },
  // Tests break fixtures on purpose; loose typing there is the point.
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
