// Mutation testing of the server's mutation path (idempotency, commit-then-publish, uncertain commits) and the thread list, against their focused integration tests: `npx stryker run stryker.mutpath.config.mjs`.
// @ts-check
const suffix = process.env.MUTPATH_FILES
  ? `-${process.env.MUTPATH_FILES.split(",")[0].replace(/^.*\//, "").replace(/\.ts$/, "")}`
  : "";
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutpath.config.ts", related: false },
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  // MUTPATH_FILES (comma-separated) narrows the run, and names its reports after the first file.
  mutate: process.env.MUTPATH_FILES?.split(",") ?? [
    "server/services/threads/run-mutation.ts",
    "server/services/threads/thread-mutations.ts",
    "server/services/threads/comment-mutations.ts",
    "server/services/threads/moderation.ts",
    "server/services/threads/locate.ts",
    "server/services/threads/create-thread.ts",
    "server/services/threads/list-threads.ts",
  ],
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/mutpath${suffix}.html` },
  jsonReporter: { fileName: `reports/mutation/mutpath${suffix}.json` },
  concurrency: 2,
  tempDirName: ".stryker-tmp/mutpath",
  cleanTempDir: "always",
};
export default config;
