// Mutation testing (StrykerJS + its vitest runner) over the rules where a silent regression costs most; `npm run test:mutation`.
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts", related: true },
  coverageAnalysis: "perTest",
  mutate: [
    "server/domain/policies.ts",
    // The mutation path and the visibility rule: their tests are integration tests (stryker.mutpath.config.mjs).
    "server/services/threads/run-mutation.ts",
    "server/services/threads/thread-mutations.ts",
    "server/services/threads/comment-mutations.ts",
    "server/services/threads/moderation.ts",
    "server/services/threads/locate.ts",
    "server/services/threads/create-thread.ts",
    "server/services/threads/list-threads.ts",
    "server/presenters/thread.ts",
    "server/http/request-fingerprint.ts",
  ],
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  concurrency: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
export default config;
