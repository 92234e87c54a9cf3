// Mutation testing (StrykerJS + its vitest runner) over the rules where a silent regression costs most; `npm run test:mutation`.
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  // In-process tests only: the integration and browser projects are too slow to run per mutant, and every rule
  // listed below has a unit or client test that states it.
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  coverageAnalysis: "perTest",
  // Module-level mutants (constant tables, regexes) need the whole test set per mutant: hours, not minutes.
  ignoreStatic: true,
  mutate: [
    "server/domain/policies.ts",
    "server/domain/anchors.ts",
    "shared/anchoring/quote-context.ts",
    "server/domain/import/dehyphenate.ts",
    "server/domain/import/ligatures.ts",
    "server/domain/import/page-artefacts.ts",
    "server/domain/import/footnotes.ts",
    "server/domain/import/lines.ts",
    "server/domain/anchoring/version-mapping.ts",
    "shared/room-client/outbox.ts",
    "shared/room-client/mutation-order.ts",
    "shared/room-client/retry-policy.ts",
    "shared/room-client/mutation-queue.ts",
    "shared/markdown/render-markdown.ts",
    "server/http/middleware/origin-check.ts",
    "server/http/request-fingerprint.ts",
    "server/domain/visibility.ts",
    "server/presenters/thread.ts",
  ],
  // `--incremental` (npm run test:mutation, CI) re-tests only mutants whose code or covering tests changed since
  // this committed report; commit it after a run so CI stays fast.
  incrementalFile: "test/mutation/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 85, break: 85 },
  concurrency: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
export default config;
