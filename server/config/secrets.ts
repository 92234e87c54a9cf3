// Loads server secrets from the environment or from DATA_DIR, generating and keeping them on first start.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
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
  await writeFile(file, JSON.stringify(secrets, null, 2) + "\n", { mode: privateFileMode, flag: "wx" }).catch(
    async (error: NodeJS.ErrnoException) => {
      // Another process created it between our read and write: use theirs.
      if (error.code !== "EEXIST") throw error;
    },
  );
  return loadSecrets(dataDir, undefined);
}
