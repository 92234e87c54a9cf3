// Prints Stryker's per-file mutation scores from its JSON report and fails when any file scores below the threshold.
import { readFileSync } from "node:fs";

/** Stryker's break threshold applies to the total; the rule here is that every mutated file meets it on its own. */
const threshold = 85;
const reportPath = process.argv[2] ?? "reports/mutation/mutation.json";

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

const report = JSON.parse(readFileSync(reportPath, "utf8")) as Report;
const rows = Object.entries(report.files)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([file, { mutants }]) => {
    const count = (status: string) => mutants.filter((mutant) => mutant.status === status).length;
    const killed = count("Killed") + count("Timeout");
    const survived = count("Survived");
    const noCoverage = count("NoCoverage");
    const detectable = killed + survived + noCoverage;
    // A file with no detectable mutants (all ignored) has nothing to miss.
    const score = detectable === 0 ? 100 : (100 * killed) / detectable;
    return { file, killed, survived, noCoverage, score };
  });

const header = ["file", "killed", "survived", "no coverage", "score"];
const table = [
  header,
  ...rows.map((row) =>
    [row.file, row.killed, row.survived, row.noCoverage, `${row.score.toFixed(1)}%`].map(String),
  ),
];
const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
for (const row of table) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  "));

const low = rows.filter((row) => row.score < threshold);
if (low.length > 0) {
  console.error(`\nMutation score below ${threshold}% in: ${low.map((row) => row.file).join(", ")}`);
  process.exitCode = 1;
}
