// Prints line coverage per area (server, shared, client) from coverage/coverage-summary.json, and optionally the least-covered files.
import { readFileSync } from "node:fs";
import path from "node:path";

interface Counts {
  total: number;
  covered: number;
}
type Summary = Record<string, { lines: Counts }>;

const areas = [
  { name: "server", prefix: "server/" },
  { name: "shared", prefix: "shared/" },
  { name: "client", prefix: "client/src/" },
];

/** Lines covered per area, and per file (paths relative to the repository). */
function summarize(summary: Summary, root: string) {
  const files = Object.entries(summary)
    .filter(([file]) => file !== "total")
    .map(([file, { lines }]) => ({ file: path.relative(root, file), lines }));
  return areas.map(({ name, prefix }) => {
    const own = files.filter(({ file }) => file.startsWith(prefix));
    const total = own.reduce((sum, { lines }) => sum + lines.total, 0);
    const covered = own.reduce((sum, { lines }) => sum + lines.covered, 0);
    return { name, total, covered, files: own };
  });
}

const percent = (covered: number, total: number) =>
  total === 0 ? "100.0" : ((100 * covered) / total).toFixed(1);

function main() {
  const root = process.cwd();
  const summary = JSON.parse(
    readFileSync(path.join(root, "coverage/coverage-summary.json"), "utf8"),
  ) as Summary;
  const leastIndex = process.argv.indexOf("--least");
  const least = leastIndex === -1 ? 0 : Number(process.argv[leastIndex + 1] ?? 10);
  console.log("\nLine coverage by area (in-process tests):");
  for (const area of summarize(summary, root)) {
    console.log(
      `  ${area.name.padEnd(7)} ${percent(area.covered, area.total).padStart(5)}%  (${area.covered}/${area.total} lines)`,
    );
    if (least === 0) continue;
    const worst = [...area.files]
      .filter(({ lines }) => lines.total > 0)
      .sort(
        (a, b) =>
          a.lines.covered / a.lines.total - b.lines.covered / b.lines.total || b.lines.total - a.lines.total,
      )
      .slice(0, least);
    for (const { file, lines } of worst) {
      console.log(
        `      ${percent(lines.covered, lines.total).padStart(5)}%  ${lines.total - lines.covered} uncovered  ${file}`,
      );
    }
  }
}

main();
