/** Jest with SWC as the transform: NestJS 12 is ESM-only and SWC lets those packages through as CommonJS. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const esmPackages = [
  '@nestjs',
  'jose',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  'uint8array-extras',
  '@tokenizer',
];
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts', '<rootDir>/test/infra/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/test/integration/**/*.spec.ts',
        '<rootDir>/test/replay/**/*.spec.ts',
        '<rootDir>/test/acceptance/**/*.spec.ts',
      ],
      setupFilesAfterEnv: ['<rootDir>/test/integration/support/jest-setup.ts'],
    },
    {
      // Long deadlines (days, weeks, working days over Tết) on Temporal's Java time-skipping test server: one file, so
      // one server, started by the file itself (scripts/temporal-test-server.sh resolves the server once).
      ...shared,
      displayName: 'timeskip',
      testMatch: ['<rootDir>/test/timeskip/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/integration/support/jest-setup.ts'],
    },
    {
      // The production topology as processes: the Temporal server itself on PostgreSQL (scripts/temporal-server.sh,
      // built from Go modules by scripts/test.sh), two API processes and two worker processes (npm run build first).
      ...shared,
      displayName: 'topology',
      testMatch: ['<rootDir>/test/topology/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/integration/support/jest-setup.ts'],
    },
    {
      // The web application in Debian's Chromium (playwright-core), against the in-process API on real servers.
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/integration/support/jest-setup.ts'],
    },
  ],
};
