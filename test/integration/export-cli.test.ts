// The export command line: an administrator's export of a room, to a file or stdout, with the API's filters.
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { spawnScript } from "../helpers/processes.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app } = buildTestApp();
const env = () => ({ DATABASE_URL: inject("databaseUrl") });
let room: Awaited<ReturnType<typeof buildRoom>>;
let staffThread = "";

async function thread(person: typeof room.member, body: string, extra: object = {}) {
  const res = await person.agent
    .post(`/api/rooms/${room.roomId}/threads`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send({ anchor: { blockId: room.blocks.at(-1)!.anchorId }, body, ...extra })
    .expect(201);
  return res.body.thread.id as string;
}

beforeAll(async () => {
  room = await buildRoom(app, "# A Title\n\nOne paragraph, read closely.\n\nAnother one.", "text/markdown");
  await thread(room.member, "A member's thought, with a comma.", { tags: ["first"] });
  staffThread = await thread(room.instructor, "For instructors only.", { visibility: "instructors" });
});

// Each test starts the CLI as a process; under load one start alone can take seconds.
describe("npm run export", { timeout: 90_000 }, () => {
  it("writes the whole discussion an administrator may read to the file named, and says where", async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), "scholia-export-")), "room.csv");
    const run = await spawnScript("scripts/export.ts", env(), [
      "--room",
      room.roomId,
      "--format",
      "csv",
      "--out",
      out,
    ]).finished;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Wrote ${out}`);
    const rows = parse(await readFile(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.body)).toEqual([
      "A member's thought, with a comma.",
      "For instructors only.",
    ]);
    expect(rows.find((row) => row.id === staffThread)?.visibility).toBe("instructors");
  });

  it("takes the API's filters as options and writes to stdout with --out -", async () => {
    const run = await spawnScript("scripts/export.ts", env(), [
      "--room",
      room.roomId,
      "--format",
      "md",
      "--tag",
      "first",
      "--out",
      "-",
    ]).finished;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("A member's thought, with a comma.");
    expect(run.stdout).not.toContain("For instructors only.");
  });

  it("writes a PDF too, its text extractable", async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), "scholia-export-")), "room.pdf");
    const run = await spawnScript("scripts/export.ts", env(), [
      "--room",
      room.roomId,
      "--format",
      "pdf",
      "--out",
      out,
    ]).finished;
    expect(run.code, run.stderr).toBe(0);
    const { stdout } = await promisify(execFile)("pdftotext", ["-enc", "UTF-8", out, "-"]);
    expect(stdout).toContain("A member's thought, with a comma.");
    expect(stdout).toContain("For instructors only.");
  });

  it("explains what is wrong: a bad option value, no room given, a room that does not exist", async () => {
    // Six processes, started together: each spends seconds loading TypeScript, little of it on the CPU.
    const run = (...args: string[]) => spawnScript("scripts/export.ts", env(), args).finished;
    const [badFormat, badDate, noRoom, missing, notAnId, nowhere] = await Promise.all([
      run("--room", room.roomId, "--format", "docx"),
      run("--format", "csv", "--since", "yesterday"),
      run("--format", "csv"),
      run("--room", crypto.randomUUID(), "--format", "csv"),
      run("--room", "nope", "--format", "csv"),
      run("--room", room.roomId, "--format", "csv", "--out", "/nonexistent-folder/room.csv"),
    ]);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toMatch(/^--format must be one of md, html, pdf, csv/m);
    expect(badDate.stderr).toMatch(/^--since must be a date/m);
    expect(noRoom.code).toBe(1);
    expect(noRoom.stderr).toContain(`  ${room.roomId}  `);
    expect(missing.code).toBe(1);
    expect(notAnId.code).toBe(1);
    expect(notAnId.stderr).toMatch(/^--room must be a room id/m);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toBe(
      "Cannot write /nonexistent-folder/room.csv (ENOENT): choose another --out, in a folder that exists.\n",
    );
    expect(missing.stderr).toMatch(/^No room [0-9a-f-]{36} in .*; leave out --room to list rooms\./m);
  });
});
