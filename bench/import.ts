// Benchmark: dry-run imports of the essay and of a ~5 MB damaged text, each in a fresh process; appends to BENCHMARKS.md.
// `--against <checkout>` also runs them with another checkout's import code (a `git worktree` of an earlier commit),
// interleaved with this one's, so that the two are compared in the same run on the same (possibly busy) machine.
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { importText as ImportText } from "../server/domain/import/import-text.ts";
import type { loadEnglishDictionary as LoadDictionary } from "../server/domain/import/load-dictionary.ts";
import { buildLargeText, essayPath } from "./lib/large-text.ts";
import { median } from "./lib/measure.ts";

/** This checkout, whose import code runs unless another checkout is named. */
const here = fileURLToPath(new URL("..", import.meta.url));

const benchmarksPath = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));

type Mode = "reference" | "import";

interface Measurement {
  bytes: number;
  firstMs: number;
  medianMs: number;
  /** CPU time (user + system, all threads) of the median run: less shifted than wall time by a busy machine. */
  cpuMedianMs: number;
  runs: number;
  dictionaryMs: number;
  peakRssMb: number;
  heapUsedMb: number;
  blocks: number;
}

/**
 * Runs in the child: times one mode on one file, several runs, with the import code of the checkout at `root`, and
 * reports peak memory of this process.
 */
async function measureInChild(mode: Mode, path: string, runs: number, root: string): Promise<Measurement> {
  const load = (module: string) => import(pathToFileURL(join(root, "server/domain/import", module)).href);
  const { importText } = (await load("import-text.ts")) as { importText: typeof ImportText };
  const { loadEnglishDictionary } = (await load("load-dictionary.ts")) as {
    loadEnglishDictionary: typeof LoadDictionary;
  };
  const dictionaryStart = performance.now();
  const dictionary = mode === "import" ? loadEnglishDictionary() : undefined;
  const dictionaryMs = performance.now() - dictionaryStart;
  const times: number[] = [];
  const cpu: number[] = [];
  let blocks = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const source = readFileSync(path, "utf8");
    if (dictionary) blocks = importText(source, { dictionary, format: "text" }).document.blocks.length;
    else blocks = source.normalize("NFC").split("\n").length;
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    bytes: readFileSync(path).length,
    firstMs: times[0] ?? 0,
    medianMs: median(times),
    cpuMedianMs: median(cpu),
    runs,
    dictionaryMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
    blocks,
  };
}

function runChild(mode: Mode, path: string, runs: number, root = here): Measurement {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--child", mode, path, String(runs), root],
    { encoding: "utf8", maxBuffer: 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`benchmark child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measurement;
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** The median over rounds of one figure of each round's measurement. */
const over = (rounds: Measurement[], figure: (each: Measurement) => number) => median(rounds.map(figure));

/** Runs every case (`rounds` times, interleaved with `against`'s import code when given) and appends the table. */
function main(against: string | undefined): void {
  const rounds = against ? Number(process.env.BENCH_ROUNDS ?? 3) : 1;
  const label = against
    ? execFileSync("git", ["-C", against, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim()
    : "";
  const directory = mkdtempSync(join(tmpdir(), "scholia-bench-"));
  try {
    const largePath = join(directory, "large.txt");
    writeFileSync(largePath, buildLargeText(readFileSync(essayPath, "utf8")));
    const cases = [
      { name: "essay (38 KB)", path: essayPath, runs: 10, targetMs: 150 },
      { name: "damaged text (~5 MB)", path: largePath, runs: 3, targetMs: 5000 },
    ];
    const rows = cases.map((each) => {
      const references: Measurement[] = [];
      const imports: Measurement[] = [];
      const earlier: Measurement[] = [];
      for (let round = 0; round < rounds; round++) {
        references.push(runChild("reference", each.path, each.runs));
        imports.push(runChild("import", each.path, each.runs));
        if (against) earlier.push(runChild("import", each.path, each.runs, against));
      }
      const imported = imports[0]!;
      const wallMs = over(imports, (m) => m.medianMs);
      const cpuMs = over(imports, (m) => m.cpuMedianMs);
      const peakRssMb = over(imports, (m) => m.peakRssMb);
      const megabytes = imported.bytes / 1024 / 1024;
      const comparison = against
        ? [
            `${fixed(over(earlier, (m) => m.medianMs))} / ${fixed(over(earlier, (m) => m.cpuMedianMs))} ms`,
            `${fixed(wallMs / over(earlier, (m) => m.medianMs), 2)} / ${fixed(cpuMs / over(earlier, (m) => m.cpuMedianMs), 2)}`,
          ]
        : [];
      return [
        each.name,
        `${fixed(megabytes, 2)} MB`,
        `${imported.blocks}`,
        `${fixed(imported.firstMs)} / ${fixed(wallMs)} ms`,
        `${fixed(cpuMs)} ms`,
        `${fixed(megabytes / (wallMs / 1000))} MB/s`,
        `${fixed(
          over(references, (m) => m.medianMs),
          2,
        )} ms`,
        `${fixed(wallMs / over(references, (m) => m.medianMs), 0)}×`,
        `${fixed(peakRssMb, 0)} MB / ${fixed(imported.heapUsedMb, 0)} MB`,
        `${fixed(
          over(references, (m) => m.peakRssMb),
          0,
        )} MB`,
        `${fixed(imported.dictionaryMs)} ms`,
        ...comparison,
        wallMs <= each.targetMs && peakRssMb <= 300 ? "met" : "MISSED",
      ];
    });
    const header = [
      "case",
      "size",
      "blocks",
      "import first / median",
      "CPU per import (median)",
      "throughput",
      "reference (read+NFC+split)",
      "ratio",
      "peak RSS / heap at end",
      "reference peak RSS",
      "dictionary load",
      ...(against ? [`at ${label}: median wall / CPU`, `this / ${label} (wall, CPU)`] : []),
      `target (≤150 ms essay, ≤5 s 5 MB, ≤300 MB)`,
    ];
    const table = [header, header.map(() => "---"), ...rows]
      .map((row) => `| ${row.join(" | ")} |`)
      .join("\n");
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${fixed(totalmem() / 1024 ** 3, 0)} GB, Node ${process.version}`;
    const section = [
      `## Text import (dry run) — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${against ? ` (against ${label})` : ""}`,
      "",
      `Machine: ${machine}. Each case runs in a fresh child process (\`npx tsx bench/import.ts\`); times include`,
      "reading the file; the dictionary load (once per process) is listed apart. The reference reads, NFC-normalizes",
      "and splits the same file into lines in its own process. CPU is user + system time of the import's process.",
      ...(against
        ? [
            `Against ${label}: ${rounds} rounds, each running the reference, this checkout's import and ${label}'s import`,
            "(`--against <its worktree>`) one after another; every figure is the median over the rounds. The machine",
            "may be shared with other work: the ratios, measured in the same rounds, are what to compare.",
          ]
        : []),
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

const [flag, mode, path, runs, root] = process.argv.slice(2);
if (flag === "--child" && (mode === "reference" || mode === "import") && path) {
  process.stdout.write(JSON.stringify(await measureInChild(mode, path, Number(runs ?? 1), root ?? here)));
} else {
  main(flag === "--against" ? mode : undefined);
}
