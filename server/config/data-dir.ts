// DATA_DIR holds the embedded database (password hashes included), the session secret and the demo credentials:
// only the server's own user may read it. Files are created 0600 in 0700 folders, and looser modes found at start
// are tightened, with a warning naming each path.
import { chmod, lstat, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { isMainThread } from "node:worker_threads";

export const privateDirMode = 0o700;
export const privateFileMode = 0o600;

/** What DATA_DIR holds of Scholia's; only these are checked (DATA_DIR may be a folder with other things in it). */
const ownEntries = ["pglite", "pglite.lock", "secrets.json", "demo-account.txt"];

/** A path whose mode let other users in, and the mode it had. */
export interface LoosePath {
  path: string;
  mode: number;
}

/**
 * Makes every file and folder this process creates from now on private to its user (umask 077), whoever creates
 * it (PGlite writes its files with the default modes). Worker threads cannot change the umask; they inherit it.
 */
export function restrictNewFiles(): void {
  if (isMainThread) process.umask(0o077);
}

/**
 * Takes group and other permissions off `root` and everything under it (only `entries` directly under `root`, when
 * given); symbolic links are not followed. Returns what was loose, and what could not be changed.
 */
export async function tightenTree(
  root: string,
  entries?: string[],
): Promise<{ loose: LoosePath[]; failed: string[] }> {
  const loose: LoosePath[] = [];
  const failed: string[] = [];
  const visit = async (target: string, names: string[] | undefined): Promise<void> => {
    const stats = await lstat(target).catch(() => undefined);
    if (!stats || stats.isSymbolicLink()) return;
    const mode = stats.mode & 0o777;
    if (mode & 0o077) {
      loose.push({ path: target, mode });
      const tight = mode & (stats.isDirectory() ? privateDirMode : privateFileMode);
      await chmod(target, tight).catch(() => failed.push(target));
    }
    if (!stats.isDirectory()) return;
    for (const name of names ?? (await readdir(target))) await visit(path.join(target, name), undefined);
  };
  await visit(root, entries);
  return { loose, failed };
}

/**
 * Creates DATA_DIR (0700) if needed, restricts new files, and tightens DATA_DIR and Scholia's files in it to
 * 0700 / 0600 where someone loosened them, warning through `logger` with each path and the mode it had. Paths it
 * cannot change (owned by another user) are reported too.
 */
export async function secureDataDir(
  dataDir: string,
  logger: { warn(details: object, message: string): void },
): Promise<LoosePath[]> {
  restrictNewFiles();
  await mkdir(dataDir, { recursive: true, mode: privateDirMode });
  const { loose, failed } = await tightenTree(path.resolve(dataDir), ownEntries);
  if (loose.length > 0) {
    const shown = loose.slice(0, 10).map((entry) => `${entry.path} (was ${octal(entry.mode)})`);
    const more = loose.length > shown.length ? ` and ${loose.length - shown.length} more` : "";
    logger.warn(
      { loosened: loose.map((entry) => ({ path: entry.path, mode: octal(entry.mode) })), notChanged: failed },
      `DATA_DIR must be readable by this server's user only (folders 0700, files 0600), but other users could ` +
        `read ${shown.join(", ")}${more}. ` +
        (failed.length === 0
          ? "They have been made private."
          : `Could not change ${failed.join(", ")}: fix their owner and mode by hand.`),
    );
  }
  return loose;
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, "0")}`;
