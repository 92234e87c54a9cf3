// The session secret kept in DATA_DIR: generated once, then the same for every process that shares the folder.
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSecrets } from "../../server/config/secrets.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "scholia-secrets-"));
  dirs.push(dir);
  return dir;
}

describe("loadSecrets", () => {
  it("takes SESSION_SECRET when given, and writes nothing", async () => {
    const dir = await freshDir();
    expect(await loadSecrets(dir, "x".repeat(32))).toEqual({ sessionSecret: "x".repeat(32) });
    await expect(stat(path.join(dir, "secrets.json"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("generates a secret on first start into a private file, and reads the same one afterwards", async () => {
    const dir = await freshDir();
    const first = await loadSecrets(dir, undefined);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(path.join(dir, "secrets.json"))).mode & 0o777).toBe(0o600);
    expect(await loadSecrets(dir, undefined)).toEqual(first);
  });

  it("gives servers starting together on one shared folder the same secret, none failing", async () => {
    // Many rounds: a reader catching the file between its creation and its content is a window of microseconds.
    for (let round = 0; round < 200; round += 1) {
      const dir = path.join(await freshDir(), "data");
      const loaded = await Promise.all(Array.from({ length: 8 }, () => loadSecrets(dir, undefined)));
      expect(new Set(loaded.map((secrets) => secrets.sessionSecret)).size).toBe(1);
      expect(JSON.parse(await readFile(path.join(dir, "secrets.json"), "utf8"))).toEqual(loaded[0]);
    }
  });

  it("refuses a secrets file without a usable secret, saying how to fix it", async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, "secrets.json"), JSON.stringify({ sessionSecret: "short" }));
    await expect(loadSecrets(dir, undefined)).rejects.toThrow(/holds no valid sessionSecret; delete it/);
  });
});
