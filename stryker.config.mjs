// Mutation testing (StrykerJS + its vitest runner) over the rules where a silent regression costs most; `npm run test:mutation`.
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts", related: true },
  coverageAnalysis: "perTest",
  mutate: ["server/domain/policies.ts"],
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  concurrency: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
export default config;
