// `npm run bench`: runs every benchmark in bench/ one after another, each in its own process.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scripts = readdirSync(dir)
  .filter((name) => name.endsWith(".ts") && name !== "run-all.ts")
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();

let failed = 0;
for (const [index, script] of scripts.entries()) {
  console.error(`\n[${index + 1}/${scripts.length}] bench/${script}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, script)], {
    stdio: "inherit",
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench/${script} failed with exit code ${result.status}`);
  }
}
process.exit(failed ? 1 : 0);
