/** @type {import('jest').Config} */
const transform = { "^.+\\.ts$": "ts-jest" };
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform,
  setupFiles: ['<rootDir>/test/test-environment.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{src,host,modules,relay,proto,test,scripts}/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$', '/node_modules/'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{src,host,modules,relay,proto,test,scripts}/**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      slowTestThreshold: 30,
      setupFilesAfterEnv: ['<rootDir>/test/integration-timeouts.ts'],
    },
  ],
};
