// The tests Stryker runs against the mutation path and the thread list: the rules' focused unit and integration tests, not the whole suite.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // MUTPATH_TESTS (comma-separated) narrows the run to the tests that state the rules of the files mutated.
    include: process.env.MUTPATH_TESTS?.split(",") ?? [
      "test/integration/thread-rules.test.ts",
      "test/integration/thread-list.test.ts",
      "test/integration/idempotency.test.ts",
      "test/integration/mutation-faults.test.ts",
      "test/integration/live-threads.test.ts",
      "test/integration/live-authorization.test.ts",
      "test/integration/failed-mutations.test.ts",
    ],
    environment: "node",
    globalSetup: ["test/helpers/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
