// Test projects: pure unit tests, client component tests (happy-dom), integration tests against real Postgres and sockets, and browser end-to-end tests (chromium).
import { defineConfig } from "vitest/config";

const isolatedIntegration = "test/integration/import-runner.test.ts";
/** Fixes fast-check's seed per commit under CI (see the file). */
const propertySeed = "test/helpers/property-seed.ts";

export default defineConfig({
  test: {
    // Line coverage of the in-process tests (unit, client, integration). `npm test` runs the e2e project apart,
    // without it: the browser tests would add little (their bundle is built apart) and would pay V8's coverage
    // counters on every server they start. Only generated code and the tests themselves are left out.
    coverage: {
      provider: "v8",
      include: ["server/**", "shared/**", "client/src/**"],
      exclude: [
        "server/data/generated/**",
        "**/*.test.{ts,tsx}",
        "**/test-factories.ts",
        "client/src/testing/**",
        // Data, not code (the bundled W3C context).
        "**/*.jsonld",
      ],
      reporter: ["text-summary", "json-summary"],
      // The numbers still help when a test fails (CI fails on the test anyway).
      reportOnFailure: true,
    },
    projects: [
      {
        test: {
          name: "unit",
          setupFiles: [propertySeed],
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          // Pure functions without globals: the files share one module registry per worker, which saves a fresh
          // process and a fresh import of the server's modules for each of them (a test that swaps a global resets
          // the registry after it).
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: "client",
          setupFiles: [propertySeed],
          include: ["client/src/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
          // Each file gets its own DOM and React (isolated); vitest would use one worker of the two cores.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: "integration",
          setupFiles: [propertySeed],
          include: ["test/integration/**/*.test.ts"],
          exclude: [isolatedIntegration],
          environment: "node",
          globalSetup: ["test/helpers/global-setup.ts"],
          // Each file starts its own servers and pools and closes them: the files share one module registry per
          // worker, which saves importing the server's modules afresh for each (about 2 s a file).
          isolate: false,
          // These files wait on sockets and Postgres far more than on the CPU: two at once on two cores.
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          // A file that replaces a module (vi.mock) gets a registry of its own, so the others never see the stand-in.
          // (It needs no database: no global setup, whose migrations must not run twice at once in one process.)
          name: "integration-isolated",
          setupFiles: [propertySeed],
          include: [isolatedIntegration],
          environment: "node",
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/global-setup.ts"],
          // Each file drives its own server and chromium, mostly waiting on the browser: two at once.
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
