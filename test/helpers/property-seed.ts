// Property tests draw their cases from a seed fixed per commit under CI: the run that checked a commit on a fresh
// clone replays exactly in the CI that judges it, and each new commit explores new cases. Locally the seed is random
// (fast-check's default) unless FC_SEED is set; a failure prints the seed and path that reproduce it either way.
import { execFileSync } from "node:child_process";
import fc from "fast-check";

/** The seed from FC_SEED, else under CI the commit's (its hash's first 32 bits), else none. */
function chosenSeed(): number | undefined {
  if (process.env.FC_SEED) return Number(process.env.FC_SEED) | 0;
  if (!process.env.CI) return undefined;
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    return Number.parseInt(commit.slice(0, 8), 16) | 0;
  } catch {
    return undefined; // not a git checkout: random, as locally
  }
}

const seed = chosenSeed();
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
