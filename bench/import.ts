// Benchmark: dry-run imports of the essay and of a ~5 MB damaged text, each in a fresh process; appends to BENCHMARKS.md.
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { importText } from "../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../server/domain/import/load-dictionary.ts";
import { buildLargeText, essayPath } from "./lib/large-text.ts";

const benchmarksPath = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));

type Mode = "reference" | "import";

interface Measurement {
  bytes: number;
  firstMs: number;
  medianMs: number;
  runs: number;
  dictionaryMs: number;
  peakRssMb: number;
  heapUsedMb: number;
  blocks: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Runs in the child: times one mode on one file, several runs, and reports peak memory of this process. */
function measureInChild(mode: Mode, path: string, runs: number): Measurement {
  const dictionaryStart = performance.now();
  const dictionary = mode === "import" ? loadEnglishDictionary() : undefined;
  const dictionaryMs = performance.now() - dictionaryStart;
  const times: number[] = [];
  let blocks = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const source = readFileSync(path, "utf8");
    if (dictionary) blocks = importText(source, { dictionary, format: "text" }).document.blocks.length;
    else blocks = source.normalize("NFC").split("\n").length;
    times.push(performance.now() - start);
  }
  return {
    bytes: readFileSync(path).length,
    firstMs: times[0] ?? 0,
    medianMs: median(times),
    runs,
    dictionaryMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
    blocks,
  };
}

function runChild(mode: Mode, path: string, runs: number): Measurement {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--child", mode, path, String(runs)],
    { encoding: "utf8", maxBuffer: 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`benchmark child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measurement;
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

function main(): void {
  const directory = mkdtempSync(join(tmpdir(), "scholia-bench-"));
  try {
    const largePath = join(directory, "large.txt");
    writeFileSync(largePath, buildLargeText(readFileSync(essayPath, "utf8")));
    const cases = [
      { name: "essay (38 KB)", path: essayPath, runs: 10, targetMs: 150 },
      { name: "damaged text (~5 MB)", path: largePath, runs: 3, targetMs: 5000 },
    ];
    const rows = cases.map((each) => {
      const reference = runChild("reference", each.path, each.runs);
      const imported = runChild("import", each.path, each.runs);
      const megabytes = imported.bytes / 1024 / 1024;
      return [
        each.name,
        `${fixed(megabytes, 2)} MB`,
        `${imported.blocks}`,
        `${fixed(imported.firstMs)} / ${fixed(imported.medianMs)} ms`,
        `${fixed(megabytes / (imported.medianMs / 1000))} MB/s`,
        `${fixed(reference.medianMs, 2)} ms`,
        `${fixed(imported.medianMs / reference.medianMs, 0)}×`,
        `${fixed(imported.peakRssMb, 0)} MB / ${fixed(imported.heapUsedMb, 0)} MB`,
        `${fixed(reference.peakRssMb, 0)} MB`,
        `${fixed(imported.dictionaryMs)} ms`,
        imported.medianMs <= each.targetMs && imported.peakRssMb <= 300 ? "met" : "MISSED",
      ];
    });
    const header = [
      "case",
      "size",
      "blocks",
      "import first / median",
      "throughput",
      "reference (read+NFC+split)",
      "ratio",
      "peak RSS / heap at end",
      "reference peak RSS",
      "dictionary load",
      `target (≤150 ms essay, ≤5 s 5 MB, ≤300 MB)`,
    ];
    const table = [header, header.map(() => "---"), ...rows]
      .map((row) => `| ${row.join(" | ")} |`)
      .join("\n");
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${fixed(totalmem() / 1024 ** 3, 0)} GB, Node ${process.version}`;
    const section = [
      `## Text import (dry run) — ${new Date().toISOString().slice(0, 10)}`,
      "",
      `Machine: ${machine}. Each case runs in a fresh child process (\`npx tsx bench/import.ts\`); times include`,
      "reading the file; the dictionary load (once per process) is listed apart. The reference reads, NFC-normalizes",
      "and splits the same file into lines in its own process.",
      "",
      table,
      "",
    ].join("\n");
    process.stdout.write(`${section}\n`);
    if (!existsSync(benchmarksPath)) {
      writeFileSync(
        benchmarksPath,
        "# Benchmarks\n\nMeasured results, newest sections appended at the end.\n\n",
      );
    }
    appendFileSync(benchmarksPath, `${section}\n`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const [flag, mode, path, runs] = process.argv.slice(2);
if (flag === "--child" && (mode === "reference" || mode === "import") && path) {
  process.stdout.write(JSON.stringify(measureInChild(mode, path, Number(runs ?? 1))));
} else {
  main();
}
