// Scores the import pipeline on the corpus of real documents: a table of exact blocks per entry and source format.
// Usage: npx tsx bench/import-corpus.ts [--diff] [--blocks] [--entry <name>] [--source <kind>] [--benchmarks]
//   --diff        after the table, every missed block: a word diff against the imported block most like it
//   --blocks      after the table, every imported block (index, kind, exact or not, text shortened)
//   --entry/--source  only these (repeatable); --benchmarks  append the table to BENCHMARKS.md
//   --write-baseline  raise test/fixtures/corpus/baseline.json to these scores (--lower: also lower it)
import { appendFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  baselinePath,
  explainScore,
  listBlocks,
  listCorpus,
  scoreSource,
  sourceFiles,
  writeBaseline,
} from "../test/helpers/import-corpus.ts";
import type { Score, SourceKind } from "../test/helpers/import-corpus.ts";

const benchmarksPath = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));

const { values } = parseArgs({
  options: {
    diff: { type: "boolean", default: false },
    blocks: { type: "boolean", default: false },
    entry: { type: "string", multiple: true },
    source: { type: "string", multiple: true },
    benchmarks: { type: "boolean", default: false },
    "write-baseline": { type: "boolean", default: false },
    lower: { type: "boolean", default: false },
  },
});

// A reader that stops early (`| head`) closes the pipe; the baseline and BENCHMARKS.md are still written.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

const kinds = Object.keys(sourceFiles) as SourceKind[];
const entries = listCorpus().filter((entry) => !values.entry || values.entry.includes(entry.name));
const wantedKinds = kinds.filter((kind) => !values.source || values.source.includes(kind));

const cell = (score: Score | undefined, present: boolean) => {
  if (!present) return "";
  if (!score) return "no importer";
  return `${score.exact} / ${score.expected}${score.actual === score.expected ? "" : ` (${score.actual} made)`}`;
};

const header = `| document | ${wantedKinds.join(" | ")} |`;
const rows: string[] = [header, `|---|${wantedKinds.map(() => "---").join("|")}|`];
const explanations: string[] = [];
const recorded: { entry: string; kind: SourceKind; exact: number }[] = [];
const totals = new Map<SourceKind, { exact: number; expected: number }>();
for (const entry of entries) {
  const cells: string[] = [];
  for (const kind of wantedKinds) {
    const present = entry.sources.some((source) => source.kind === kind);
    const score = present ? await scoreSource(entry, kind) : undefined;
    cells.push(cell(score, present));
    if (!score) continue;
    recorded.push({ entry: entry.name, kind, exact: score.exact });
    const total = totals.get(kind) ?? { exact: 0, expected: 0 };
    totals.set(kind, { exact: total.exact + score.exact, expected: total.expected + score.expected });
    const title = `\n== ${entry.name} / ${kind}: ${score.exact} of ${score.expected} exact`;
    if (values.diff && (score.misses.length > 0 || score.extras.length > 0)) {
      explanations.push(title, ...explainScore(score));
    }
    if (values.blocks) explanations.push(`${title}; imported blocks (= exact):`, ...listBlocks(score));
  }
  rows.push(`| ${entry.name} | ${cells.join(" | ")} |`);
}
rows.push(
  `| **all** | ${wantedKinds
    .map((kind) => {
      const total = totals.get(kind);
      return total ? `**${total.exact} / ${total.expected}**` : "";
    })
    .join(" | ")} |`,
);

if (values["write-baseline"]) {
  writeBaseline(recorded, values.lower);
  console.log(`\nBaseline written: ${baselinePath}`);
}

console.log(rows.join("\n"));
if (values.diff || values.blocks) {
  if (values.diff) console.log("\nMisses: [-expected-]{+imported+}; notes as marker@offset: text.");
  console.log(explanations.join("\n"));
} else
  console.log(
    "\n(--diff: each missed block as a word diff against the imported block most like it; --blocks)",
  );

if (values.benchmarks) {
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const section = [
    "",
    `## Import corpus: exact blocks / expected — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC (${commit})`,
    "",
    "Each entry of test/fixtures/corpus/ imported from each of its sources; a block is exact when kind, text and every",
    "footnote (marker, offset, note) equal the hand-checked expected.json. `n made` = blocks the import produced.",
    "",
    ...rows,
    "",
  ].join("\n");
  appendFileSync(benchmarksPath, section);
  console.log(`\nAppended to ${benchmarksPath}`);
}
