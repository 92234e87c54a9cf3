// Lint rules for the whole repository, with the layering rules: shared/ may not import server/ or client/ code;
// only server/data/ reaches the database (server/data/db.ts); the reader's text and discussion sides stay apart.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";

/** Outside server/data/: the database clients, and the data layer's internals that would open its handles. */
const databaseInternals = [
  {
    group: ["pg", "pg/**", "@prisma/**", "**/data/generated/**", "**/data/sql.ts", "**/data/clients.ts"],
    message: "Only server/data/ talks to the database: add a repository function there (server/data/db.ts).",
  },
  {
    group: ["**/data/database.ts"],
    importNames: ["createDatabaseClients"],
    message: "Only server/data/ talks to the database: add a repository function there (server/data/db.ts).",
  },
];

/** Imports forbidden in `files`, as one rule entry (a later entry for the same file replaces an earlier one). */
const restrictImports = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      "node_modules",
      "server/data/generated",
      "data",
      "dist",
      "client/dist",
      "coverage",
      "reports",
      ".stryker-tmp",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The web client runs in browsers; hooks follow React's rules.
    files: ["client/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    files: ["client/public/**/*.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ["shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**", "**/client/**"],
              message: "shared/ must not depend on server/ or client/.",
            },
          ],
        },
      ],
    },
  },
  restrictImports(["server/**/*.ts", "scripts/**/*.ts"], databaseInternals),
  { files: ["server/data/**/*.ts"], rules: { "no-restricted-imports": "off" } },
  restrictImports(
    ["server/http/**/*.ts", "server/realtime/**/*.ts"],
    [
      ...databaseInternals,
      {
        group: ["**/data/**"],
        message: "Routes and sockets call services, which call server/data/ (server/data/db.ts).",
      },
    ],
  ),
  restrictImports(
    ["server/domain/**/*.ts"],
    [
      ...databaseInternals,
      {
        group: ["**/data/**", "**/http/**", "**/realtime/**", "**/services/**"],
        message: "domain/ is pure: no database or adapters.",
      },
    ],
  ),
  // The reader's two sides meet only in its state, the highlight bus and the element ids of dom-ids.ts.
  restrictImports(
    ["client/src/reader/text/**/*.{ts,tsx}"],
    [
      {
        regex: "^(\\.\\./)+(margin|threads)(/|$)|(^|/)reader/(margin|threads)(/|$)",
        message: "reader/text imports nothing from reader/margin or reader/threads.",
      },
    ],
  ),
  restrictImports(
    ["client/src/reader/margin/**/*.{ts,tsx}", "client/src/reader/threads/**/*.{ts,tsx}"],
    [
      {
        regex: "^(\\.\\./)+text(/|$)|(^|/)reader/text(/|$)",
        message: "reader/margin and reader/threads import nothing from reader/text.",
      },
    ],
  ),
);
