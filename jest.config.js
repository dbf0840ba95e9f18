/** Three tiers, one runner: unit specs sit next to the code; integration and e2e under test/; the real-data suite in test/realdata. */
const swc = ['@swc/jest', {
  sourceMaps: 'inline',
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
}];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
};

export default {
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.mjs'] },
    { ...common, displayName: 'integration', setupFilesAfterEnv: ['<rootDir>/test/support/slow-tests.ts'], testMatch: ['<rootDir>/test/integration/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', setupFilesAfterEnv: ['<rootDir>/test/support/slow-tests.ts'], testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
    // Public third-party data read from ../shared/realdata (never committed here): skipped with a printed line without it.
    { ...common, displayName: 'realdata', setupFilesAfterEnv: ['<rootDir>/test/support/slow-tests.ts'], testMatch: ['<rootDir>/test/realdata/**/*.spec.ts'] },
  ],
};
