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

const engineBoundary = [
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
];
const engineBoundaryMessage =
  "The engine (electron/core) is plain Node: it never imports 'electron', React, or a host.";
// The lab (electron/lab) makes and measures things: training, GGUF writing, the bench world, the
// model server that stands in for a cloud, offline simulations and evaluations. It may import the
// runtime; the runtime (engine, hosts, preload, renderer, shared) never imports the lab.
const labPatterns = ['**/lab/**'];
const labRegex = '^#lab/';
const labMessage =
  'The runtime never imports the lab (electron/lab: training, GGUF writing, bench world, model server, ' +
  'simulations, evaluation): move what the app needs into electron/core.';
const networkModules = [
  'node:http',
  'node:https',
  'node:http2',
  'node:tls',
  'node:dgram',
  'http',
  'https',
  'http2',
  'tls',
  'dgram',
  'undici',
  'ws',
  'openai',
  'openai/*',
  '@anthropic-ai/sdk',
  '@anthropic-ai/sdk/*',
];
const networkMessage =
  'Nothing leaves the machine except through the egress gate (electron/core/egress): only the cloud providers, ' +
  "built with the gate's fetch, and the local model server may use the network.";

const hostRule = forbid(
  "Hosts (main, web, host) use only core's facade (engine, ipcRouter, ports, errors) and shared, never the lab.",
  {
    patterns: ['react', 'react-dom', '**/renderer/**', '**/core/**', ...labPatterns],
    regex: ['^#core/(?!(engine|ipcRouter|ports|errors)\\.ts$)', labRegex],
  },
);

// The runtime: what the Electron host, the web host and the CLI ship (everything under electron/
// but the lab), shared/ and the renderer.
const runtimeSources = ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'];
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
      regex: ['^#core/', labRegex],
    }),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: engineBoundary, message: engineBoundaryMessage },
            { group: networkModules, message: networkMessage },
            { group: labPatterns, message: labMessage },
            { regex: labRegex, message: labMessage },
          ],
          paths: [
            { name: 'node:net', importNames: ['connect', 'createConnection', 'Socket'], message: networkMessage },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({ name, message: networkMessage })),
      ],
    },
  },
  {
    // The only engine files that may speak to the network: the cloud providers' SDK clients (built
    // with the egress gate's fetch, which they are required to take).
    files: [
      'electron/core/llm/providers/OpenAiCompatibleProvider.ts',
      'electron/core/llm/providers/AnthropicProvider.ts',
      'electron/core/llm/providers/toCloudError.ts',
      'electron/core/llm/providers/toOpenAiMessages.ts',
      'electron/core/llm/providers/toAnthropicMessages.ts',
    ],
    rules: forbid(engineBoundaryMessage, { patterns: [...engineBoundary, ...labPatterns], regex: [labRegex] }),
  },
  {
    // The lab is plain Node like the engine it measures, and no host imports it but the CLI.
    files: ['electron/lab/**/*.ts'],
    rules: forbid("The lab (electron/lab) is plain Node: it never imports 'electron', React, or a host.", {
      patterns: engineBoundary,
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
      regex: ['^(?!electron$|#shared/ipc/channels\\.ts$|\\./)', labRegex],
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
        regex: ['^#core/', labRegex],
      },
    ),
  },
  {
    // STYLE.md's size limits for the runtime (everything but the lab): files up to 400 lines and
    // functions up to 120, counted as scripts/measureSizes.ts counts them (every line, blank lines
    // and comments included), so lint and the size report agree.
    files: runtimeSources,
    ignores: ['electron/lab/**'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
);
