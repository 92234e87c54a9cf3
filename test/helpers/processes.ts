// Runs the project's own entry points as child processes, as an operator would.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `tsx <script>` from the repo root with extra environment variables (and Node flags, before the script). */
export function spawnScript(
  script: string,
  env: Record<string, string | undefined>,
  args: string[] = [],
  nodeFlags: string[] = [],
) {
  return spawnCommand(process.execPath, [...nodeFlags, "--import", "tsx", script, ...args], env);
}

/** Starts `command` from the repo root, as an operator's shell or process manager would, collecting its output. */
export function spawnCommand(command: string, args: string[], env: Record<string, string | undefined>) {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  /** Once the process has exited and its output pipes are closed (all of its output is in). */
  const finished = new Promise<Finished>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  /** Once the process has exited, even if a process it started still holds its output pipes. */
  const exited = new Promise<Pick<Finished, "code" | "signal">>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, finished, exited, output: () => stdout + stderr };
}

/** Polls `check` until it returns a value or `timeoutMs` passes. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
