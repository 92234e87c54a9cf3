// Where the corpus lives, and the shell steps every generator shares (write a file, run a tool, extract a PDF's text).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectedBlocks } from "./expected-blocks.ts";
import type { SourceText } from "./text-format.ts";

export const corpusDir = fileURLToPath(new URL("../../test/fixtures/corpus/", import.meta.url));

/** The entry's folder, created if missing. */
export function entryDir(name: string): string {
  const dir = join(corpusDir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs a tool, failing with its output when it fails. */
export function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

/** Writes pdftotext's default, -raw and -layout extractions beside the PDF (plain-text sources the importer sees). */
export function extractText(dir: string): void {
  run("pdftotext", ["source.pdf", "pdftotext.txt"], dir);
  run("pdftotext", ["-raw", "source.pdf", "pdftotext-raw.txt"], dir);
  run("pdftotext", ["-layout", "source.pdf", "pdftotext-layout.txt"], dir);
}

/** Writes expected.json and README.md for an entry made from a source text. */
export function writeExpectations(dir: string, text: SourceText, made: string): void {
  writeFileSync(join(dir, "expected.json"), `${JSON.stringify(expectedBlocks(text), null, 2)}\n`);
  writeFileSync(
    join(dir, "README.md"),
    [
      `# ${text.title}`,
      "",
      `- Text: ${text.licence}`,
      `- Made by: ${made}`,
      "- expected.json: generated from the source text by scripts/corpus/expected-blocks.ts, then checked by eye",
      "  against the rendered pages (pdftoppm -png) and the extractions.",
      "",
    ].join("\n"),
  );
}
