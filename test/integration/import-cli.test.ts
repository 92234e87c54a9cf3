// The import command line: dry runs print the document as JSON; real runs store documents and versions once.
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { spawnScript } from "../helpers/processes.ts";
import { buildTestApp, signUp } from "../helpers/test-app.ts";

const essay = "test/fixtures/communization-in-the-present-tense.txt";

describe("npm run import", () => {
  it("--dry-run --json prints the normalized document and the report, touching no database", async () => {
    const result = await spawnScript(
      "scripts/import.ts",
      { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
      [essay, "--dry-run", "--json"],
    ).finished;
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as {
      document: { title: string; blocks: { kind: string }[] };
      report: { ligatures: unknown[] };
    };
    expect(parsed.document.title).toMatch(/Communization in the Present Tense/i);
    expect(parsed.document.blocks.filter((block) => block.kind === "heading")).toHaveLength(3);
    expect(parsed.report.ligatures.length).toBeGreaterThan(0);
  });

  it("stores a new document in a group, then a version only when the text changed", async () => {
    const { app, prisma } = buildTestApp();
    const owner = await signUp(app);
    const groupId = (await owner.agent.post("/api/groups").send({ name: "CLI" }).expect(201)).body.group
      .id as string;
    const env = { DATABASE_URL: inject("databaseUrl") };
    const stored = await spawnScript("scripts/import.ts", env, [essay, "--group", groupId]).finished;
    expect(stored.code, stored.stderr).toBe(0);
    const documentId = /as document ([0-9a-f-]{36})/.exec(stored.stderr)?.[1];
    expect(stored.stderr).toMatch(/as document [0-9a-f-]{36}/);
    const again = await spawnScript("scripts/import.ts", env, [essay, "--document", documentId!]).finished;
    expect(again.stderr).toMatch(/identical to version 1/);
    expect(await prisma.documentVersion.count({ where: { documentId: documentId! } })).toBe(1);
    const missing = await spawnScript("scripts/import.ts", env, [essay, "--group", crypto.randomUUID()])
      .finished;
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No group/);
  });
});
