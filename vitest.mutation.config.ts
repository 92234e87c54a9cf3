// The tests Stryker runs against each mutant: the in-process tests of the mutated modules (no Postgres, no browser).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "test/unit/policies.test.ts",
            "test/unit/origin-check.test.ts",
            "test/unit/request-fingerprint.test.ts",
            "test/unit/anchors.test.ts",
            "test/unit/quote-context.test.ts",
            "test/unit/import/**/*.test.ts",
            "test/unit/anchoring/**/*.test.ts",
            "test/unit/outbox.test.ts",
            "test/unit/outbox-waiting.test.ts",
            "test/unit/mutation-queue.test.ts",
            "test/unit/retry-policy.test.ts",
            "test/unit/mutation-order.test.ts",
            "test/unit/render-markdown.test.ts",
            "test/unit/thread-visibility.test.ts",
          ],
          environment: "node",
        },
      },
    ],
  },
});
