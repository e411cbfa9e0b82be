// Lint rules, including the folder import boundaries that keep the three processes apart: workflows run in
// Temporal's deterministic sandbox, activities and the API do the I/O, and src/domain + src/shared stay pure
// so that both sides can import them.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))];

/** Node built-ins by bare name (`fs`, `fs/promises`) and by `node:` scheme. */
const noNodeBuiltins = (why) => ({
  paths: nodeBuiltins.map((name) => ({ name, message: why })),
  patterns: [{ group: ['node:*'], message: why }],
});

const group = (patterns, message) => ({ group: patterns, message });

/** Relative imports reaching into a sibling top-level folder of src/, from any depth. */
const intoFolder = (folder) => ({ regex: `^(\\.\\./)+${folder}(/.*)?$` });

const infrastructure = group(
  ['typeorm', 'typeorm/*', 'pg', 'pg/*', '@nestjs/*', 'class-validator', 'class-transformer', 'reflect-metadata'],
  'Persistence and NestJS belong to activities and the API.',
);
const temporalRuntimes = group(
  ['@temporalio/worker', '@temporalio/client', '@temporalio/activity', '@temporalio/testing'],
  'The Temporal worker, client and activity runtimes are for src/worker, src/api and src/activities.',
);

/** Merges path and pattern restrictions into one rule setting: a later config object replaces, not extends, a rule's options. */
const restrict = (...parts) => [
  'error',
  {
    paths: parts.flatMap((p) => p.paths ?? []),
    patterns: parts.flatMap((p) => p.patterns ?? []),
  },
];

const workflowBoundaries = restrict(
  noNodeBuiltins('Workflow code runs in the deterministic sandbox: no Node built-ins. Do I/O in an activity.'),
  {
    patterns: [
      infrastructure,
      temporalRuntimes,
      {
        ...intoFolder('activities'),
        allowTypeImports: true,
        message: 'Workflows import activities with `import type` only; call them through proxyActivities.',
      },
      {
        ...intoFolder('(api|entities|db|worker|config|audit)'),
        message:
          'A workflow never sees an entity, a repository, a Nest class, a DTO, process configuration or the audit chain (node:crypto).',
      },
    ],
  },
);

const pureBoundaries = (where, temporal) =>
  restrict(noNodeBuiltins(`${where} is pure: no Node built-ins.`), {
    patterns: [
      infrastructure,
      temporal,
      {
        ...intoFolder('(workflows|activities|api|entities|db|worker|config|audit)'),
        message: `${where} is imported by workflows and the API alike and depends on nothing but itself (and src/shared).`,
      },
    ],
  });

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', '.data/', '.tools/', 'coverage/', 'test-artifacts/', 'web/dist/', 'test-results/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.mjs', '*.js', 'scripts/*.mjs', 'scripts/bench/*.mjs'],
          // The root's config files and the scripts (benches, template generator, backup) are more than the default 8.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 24,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Scripts and config files are plain JavaScript. Promise rules still run on them (an unawaited stop in a
    // script is a real bug); the no-unsafe-* family would flag every untyped value, so it is off here.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read untyped HTTP bodies and JSON histories on purpose; the assertions check their shape. Promise
    // rules stay on: an unawaited expectation passes silently.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['src/workflows/**/*.ts'],
    rules: { 'no-restricted-imports': workflowBoundaries },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': pureBoundaries(
        'src/domain',
        group(['@temporalio/*'], 'Domain rules know nothing of Temporal; workflows call them.'),
      ),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': pureBoundaries(
        'src/shared',
        group(
          ['@temporalio/*', '!@temporalio/workflow', '!@temporalio/common'],
          'src/shared holds contracts: only definitions from @temporalio/workflow and @temporalio/common.',
        ),
      ),
    },
  },
  {
    files: ['src/activities/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        paths: [
          { name: '@temporalio/workflow', message: 'Activities run outside the workflow sandbox: use @temporalio/activity.' },
        ],
        patterns: [
          group(['@temporalio/workflow/*'], 'Activities run outside the workflow sandbox: use @temporalio/activity.'),
          { ...intoFolder('workflows'), message: 'Activities do not import workflow code.' },
        ],
      }),
    },
  },
  {
    // The audit chain is shared by the activities that write the log, the API that verifies it and the offline
    // verifier: it hashes with node:crypto (and its CLI reads a file) but knows nothing of the database, Nest or Temporal.
    files: ['src/audit/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        patterns: [
          infrastructure,
          group(['@temporalio/*'], 'The audit chain knows nothing of Temporal.'),
          {
            ...intoFolder('(workflows|activities|api|entities|db|worker|config)'),
            message: 'The audit chain depends on nothing but itself and src/shared.',
          },
        ],
      }),
    },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        paths: [{ name: '@temporalio/worker', message: 'The API talks to Temporal through @temporalio/client only.' }],
        patterns: [
          group(['@temporalio/worker/*'], 'The API talks to Temporal through @temporalio/client only.'),
          { ...intoFolder('activities'), message: 'The API starts workflows; it never calls activity code directly.' },
        ],
      }),
    },
  },
  {
    // The web application runs in the browser and knows the server only through its public HTTP API.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(noNodeBuiltins('The web application runs in the browser: no Node built-ins.'), {
        patterns: [
          {
            regex: '^(\\.\\./)+(src|test|scripts)(/.*)?$',
            message: 'The web application talks to the server through the HTTP API only; it imports no server code.',
          },
          group(['@nestjs/*', '@temporalio/*', 'typeorm', 'pg'], 'Server libraries do not belong in the browser bundle.'),
        ],
      }),
    },
  },
);
