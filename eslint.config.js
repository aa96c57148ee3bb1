// ESLint flat config: type-aware TypeScript rules, React hooks, and the folder boundaries of
// ../shared/STYLE.md (who may import whom), enforced here rather than in review.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
];

/** A no-restricted-imports rule from forbidden specifier patterns and regexes. */
function forbid(message, { patterns = [], regex = [] }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(patterns.length > 0 ? [{ group: patterns, message }] : []),
          ...regex.map((expression) => ({ regex: expression, message })),
        ],
      },
    ],
  };
}

const hostRule = forbid(
  "Hosts (main, web, cli, host) use only core's facade (engine, ipcRouter, ports, errors) and shared.",
  {
    patterns: ['react', 'react-dom', '**/renderer/**', '**/core/**'],
    regex: ['^#core/(?!(engine|ipcRouter|ports|errors)\\.ts$)'],
  },
);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'out/**', 'test-artifacts/**', 'models/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'No `export *`: export names explicitly.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid('shared/ is browser-safe and imports nothing of ours: no node:*, electron, react or engine code.', {
      patterns: [...nodeBuiltins, 'electron', 'react', 'react-dom', '**/electron/**', '**/renderer/**'],
      // Patterns are gitignore-style, where a leading '#' starts a comment: subpath imports need a regex.
      regex: ['^#core/'],
    }),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: forbid("The engine (electron/core) is plain Node: it never imports 'electron', React, or a host.", {
      patterns: [
        'electron',
        'electron/*',
        'react',
        'react-dom',
        '**/renderer/**',
        '**/main/**',
        '**/preload/**',
        '**/web/**',
        '**/cli/**',
        '**/host/**',
      ],
    }),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/web/**/*.ts', 'electron/host/**/*.ts'],
    rules: hostRule,
  },
  {
    // The command line is also the benchmark harness: it may reach into core's modules (predictor
    // training, evaluation), but like every host never into another host or the renderer.
    files: ['electron/cli/**/*.ts'],
    rules: forbid('The CLI uses core and shared, never another host, the preload or the renderer.', {
      patterns: ['electron', 'react', 'react-dom', '**/renderer/**', '**/main/**', '**/preload/**', '**/web/**'],
    }),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbid("The preload imports only 'electron' and shared's channel list.", {
      regex: ['^(?!electron$|#shared/ipc/channels\\.ts$|\\./)'],
    }),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    extends: [reactHooks.configs.flat['recommended-latest'] ?? reactHooks.configs['recommended-latest']],
    languageOptions: { globals: globals.browser },
    rules: forbid(
      'The renderer talks to the engine only through shared/ipc: no engine code, electron or node:* imports.',
      {
        patterns: [...nodeBuiltins, 'electron', '**/electron/**'],
        regex: ['^#core/'],
      },
    ),
  },
);
