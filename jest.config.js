/**
 * `npm test` runs `tsc --strict` over src/ and tests/ before jest, so ts-jest only transpiles
 * (tests/support/tsconfig.jest.json: isolatedModules), without a type checker per worker.
 *
 * Timeouts: 30 s per test unless the file sets more for what is really slow (LibreOffice, Chromium,
 * webpack, whole workbooks); no test counts on jest's 5 s default, so a loaded 2-core machine does
 * not fail a test that is only slower. Two workers: one file can wait on LibreOffice or Chromium (a
 * process of their own) while the other runs.
 *
 * LibreOffice is started once per run, lazily, and shared (tests/support/libreoffice.ts):
 * global-setup.js gives the run its folder, global-teardown.js stops it.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tests/support/tsconfig.jest.json" }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  testTimeout: 30_000,
  maxWorkers: 2,
  globalSetup: "<rootDir>/tests/support/global-setup.js",
  globalTeardown: "<rootDir>/tests/support/global-teardown.js",
  reporters: ["default", "<rootDir>/tests/support/summary-reporter.js"],
};
