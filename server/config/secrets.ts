// Loads server secrets from the environment or from DATA_DIR, generating and keeping them on first start.
import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { privateDirMode, privateFileMode } from "./data-dir.ts";

/** Secrets the server needs; all are random strings. */
export interface Secrets {
  sessionSecret: string;
}

/**
 * Returns the session secret from `given` when set, otherwise from `<dataDir>/secrets.json`, creating that file
 * (mode 0600) with fresh random values the first time.
 */
export async function loadSecrets(dataDir: string, given: string | undefined): Promise<Secrets> {
  if (given) return { sessionSecret: given };
  const file = path.join(dataDir, "secrets.json");
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as Partial<Secrets>;
    if (typeof stored.sessionSecret === "string" && stored.sessionSecret.length >= 32) {
      return { sessionSecret: stored.sessionSecret };
    }
    throw new Error(`${file} holds no valid sessionSecret; delete it to generate a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secrets: Secrets = { sessionSecret: randomBytes(32).toString("base64url") };
  await mkdir(dataDir, { recursive: true, mode: privateDirMode });
  await createWhole(file, JSON.stringify(secrets, null, 2) + "\n");
  return loadSecrets(dataDir, undefined);
}

/**
 * Creates `file` with `text` unless it exists, so that no reader ever sees it empty or half written: servers sharing
 * DATA_DIR (replicas on one volume) may start together, and the one that reads while another writes must not fail.
 * The text goes to a file of our own, which a hard link then puts in place; the link fails if `file` exists, and the
 * other process's file is kept. Where the filesystem has no hard links, `file` is created directly (exclusive create).
 */
async function createWhole(file: string, text: string): Promise<void> {
  const own = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(own, text, { mode: privateFileMode, flag: "wx" });
  try {
    await link(own, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPERM" || code === "ENOTSUP" || code === "ENOSYS") {
      await writeFile(file, text, { mode: privateFileMode, flag: "wx" }).catch(ignoreExisting);
    } else ignoreExisting(error);
  } finally {
    await unlink(own);
  }
}

/** Another process created the file first: theirs is used. */
function ignoreExisting(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
}
