// Prints a benchmark table and appends it, dated and with the machine's shape, to BENCHMARKS.md.
import { appendFile, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const benchmarksFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../BENCHMARKS.md");

/** Renders rows as a Markdown table; the first row's keys are the columns. */
export function renderTable(rows: Record<string, string | number>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [
    line(columns),
    line(columns.map(() => "---")),
    ...rows.map((row) => line(columns.map((c) => row[c] ?? ""))),
  ].join("\n");
}

/** Prints the table and appends a section with `title`, the table and `notes` to BENCHMARKS.md. */
export async function report(
  title: string,
  rows: Record<string, string | number>[],
  notes: string[] = [],
): Promise<void> {
  const table = renderTable(rows);
  console.log(`\n${title}\n\n${table}\n${notes.map((note) => `\n${note}`).join("")}`);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const section = `\n## ${title} — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC\n\n${machine}\n\n${table}\n${notes.map((note) => `\n${note}\n`).join("")}`;
  const existing = await readFile(benchmarksFile, "utf8").catch(() => undefined);
  if (existing === undefined) {
    await writeFile(
      benchmarksFile,
      `# Benchmarks\n\nAppended by the scripts in bench/ (\`npm run bench\`). Newest sections last.\n${section}`,
    );
  } else {
    await appendFile(benchmarksFile, section);
  }
}
