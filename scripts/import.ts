// CLI: import a text file through the pipeline, print the repair report, and store it as a document or version.
import { readFileSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { parseArgs } from "node:util";
import { importFormatSchema } from "../shared/schemas/documents.ts";
import type { ImportFormat, ImportReport } from "../shared/schemas/documents.ts";
import { importStages, importText } from "../server/domain/import/import-text.ts";
import type { ImportStage } from "../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../server/domain/import/load-dictionary.ts";
import { StoreError, storeImport } from "./store-cli-import.ts";
import { runCli, UsageError } from "./run-cli.ts";

const maxBytes = 5 * 1024 * 1024;
/** Files at least this big get progress output. */
const progressFromBytes = 512 * 1024;

const usage = `Usage: npm run import -- <file> [--group ID | --document ID] [--title T] [--author A]
                              [--format text|markdown|auto] [--dry-run] [--json]

  --group ID     store as a new document of this group (default: the only group, if there is one)
  --document ID  store as the next version of this document (an identical text is not stored twice)
  --title T      document title (default: detected from the text)
  --author A     author (default: detected from the text)
  --format F     text, markdown or auto (default: auto; a .md file is read as Markdown)
  --dry-run      import and report only; touch no database
                 Storing uses DATABASE_URL, or the embedded database in DATA_DIR (stop the server first).
  --json         print { document, report } as JSON on stdout
  --help         show this help`;

/** Reads a file as UTF-8 text, refusing directories, files over 5 MB, binary data and invalid UTF-8. */
function readTextFile(path: string): string {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new UsageError(`${path} is not a file.`);
    size = stats.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  if (size > maxBytes) {
    throw new UsageError(
      `${path} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${maxBytes / 1024 / 1024} MB.`,
    );
  }
  const bytes = readFileSync(path);
  if (bytes.includes(0))
    throw new UsageError(`${path} looks binary (it contains NUL bytes); give a text file.`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${path} is not valid UTF-8; convert it first (for example with iconv -t UTF-8).`);
  }
}

/** Progress on stderr: a redrawn bar on a terminal, one line per stage otherwise. */
function createProgress(label: string): (stage: ImportStage, index: number) => void {
  const started = performance.now();
  const stderr = process.stderr;
  if (!stderr.isTTY) {
    return (stage) =>
      stderr.write(`import ${label}: ${stage} (${Math.round(performance.now() - started)} ms)\n`);
  }
  return (stage, index) => {
    const width = 24;
    const filled = Math.round((width * (index + 1)) / importStages.length);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    stderr.write(`\r${bar} ${index + 1}/${importStages.length} ${stage.padEnd(10)}`);
    if (index === importStages.length - 1) stderr.write("\n");
  };
}

/** The report as a person reads it. */
function formatReport(report: ImportReport): string {
  const lines = [
    `Format: ${report.format}, ${report.lines} lines`,
    `Blocks: ${Object.entries(report.blocks)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(", ")}`,
    `Glyphs repaired: ${
      report.ligatures.map((entry) => `“${entry.glyph}” → ${entry.replacement} ×${entry.count}`).join(", ") ||
      "none"
    }`,
    `Hyphenation: ${report.dehyphenated.lineBreak} joined at line ends, ${report.dehyphenated.pageBreak} at page ends, ${report.dehyphenated.keptCompound} compounds kept`,
    `Pages: ${report.pageBreaks} breaks, ${report.pageArtefactsRemoved} page numbers/headers removed, ${report.paragraphsJoinedAcrossPages} paragraphs joined across pages`,
    `Footnote markers separated: ${report.footnoteMarkersSeparated}`,
    `Unresolved: ${report.unresolved.length}`,
    ...report.unresolved.map(
      (entry) =>
        `  - ${entry.blockOrdinal === undefined ? "" : `block ${entry.blockOrdinal}: `}${entry.token} — ${entry.reason}`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      title: { type: "string" },
      author: { type: "string" },
      format: { type: "string", default: "auto" },
      group: { type: "string" },
      document: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("Give exactly one file to import.");
  const parsedFormat = importFormatSchema.safeParse(values.format);
  if (!parsedFormat.success)
    throw new UsageError(`--format must be text, markdown or auto (got ${values.format}).`);
  const declared: ImportFormat = parsedFormat.data;
  const format =
    declared === "auto" && [".md", ".markdown"].includes(extname(file).toLowerCase()) ? "markdown" : declared;

  if (values.group && values.document) throw new UsageError("Give --group or --document, not both.");
  const source = readTextFile(file);
  const progress =
    Buffer.byteLength(source) >= progressFromBytes ? createProgress(basename(file)) : undefined;
  const result = importText(source, {
    dictionary: loadEnglishDictionary(),
    format,
    ...(values.title ? { title: values.title } : {}),
    ...(values.author ? { author: values.author } : {}),
    ...(progress ? { onProgress: progress } : {}),
  });
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ document: result.document, report: result.report }, null, 2)}\n`,
    );
    process.stderr.write(formatReport(result.report));
  } else {
    process.stdout.write(
      `${result.document.title}${result.document.author ? ` — ${result.document.author}` : ""}\n`,
    );
    process.stdout.write(formatReport(result.report));
  }
  if (values["dry-run"]) return 0;
  const message = await storeImport({
    source,
    imported: result,
    groupId: values.group,
    documentId: values.document,
    title: result.document.title,
    author: result.document.author,
  });
  process.stderr.write(`${message}\n`);
  return 0;
}

await runCli(
  () => main(process.argv.slice(2)),
  usage,
  (error): error is Error => error instanceof StoreError,
);
