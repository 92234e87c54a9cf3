// Scores the import pipeline on the corpus of real documents: each entry's sources imported, blocks compared exactly.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { diffWordsWithSpace } from "diff";
import type { Block } from "../../shared/schemas/documents.ts";
import { canImport, importFile } from "../../server/domain/import/import-file.ts";
import { importText } from "../../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../../server/domain/import/load-dictionary.ts";
import type { FileFormat } from "../../server/domain/import/sniff-format.ts";
import type { CorpusBlock } from "../fixtures/corpus/corpus-block.ts";

export const corpusDir = fileURLToPath(new URL("../fixtures/corpus/", import.meta.url));

/** The kinds of source an entry can hold, by file name in its folder. */
export const sourceFiles = {
  pdf: "source.pdf",
  pdftotext: "pdftotext.txt",
  "pdftotext-raw": "pdftotext-raw.txt",
  "pdftotext-layout": "pdftotext-layout.txt",
  docx: "source.docx",
  epub: "source.epub",
  html: "source.html",
} as const;
export type SourceKind = keyof typeof sourceFiles;

/** Imports one source file's bytes to blocks; a kind without an importer on this branch is not scored. */
export type CorpusImporter = (bytes: Uint8Array) => Promise<Block[]> | Block[];

const importPlainText: CorpusImporter = (bytes) =>
  importText(new TextDecoder().decode(bytes), { dictionary: loadEnglishDictionary(), format: "text" })
    .document.blocks;

/**
 * The importers the corpus runs through: importText for the plain-text extractions, and importFile (the upload
 * path's dispatch) for every file format that has a converter there. A format's entries are scored and tested from
 * the moment its converter is registered in fileConverters (server/domain/import/import-file.ts).
 */
export const corpusImporters: Partial<Record<SourceKind, CorpusImporter>> = {
  pdftotext: importPlainText,
  "pdftotext-raw": importPlainText,
  "pdftotext-layout": importPlainText,
};
for (const format of ["pdf", "docx", "epub", "html"] as const satisfies readonly FileFormat[]) {
  if (canImport(format)) {
    corpusImporters[format] = async (bytes) =>
      (await importFile(format, bytes, { dictionary: loadEnglishDictionary() })).document.blocks;
  }
}

/** One corpus entry: its folder name, expected blocks and the sources it has. */
export interface CorpusEntry {
  name: string;
  expected: CorpusBlock[];
  sources: { kind: SourceKind; path: string }[];
}

/** Every entry under test/fixtures/corpus/ (a folder with an expected.json), sorted by name. */
export function listCorpus(dir = corpusDir): CorpusEntry[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "expected.json")))
    .map((entry) => {
      const folder = join(dir, entry.name);
      const sources = (Object.entries(sourceFiles) as [SourceKind, string][])
        .filter(([, file]) => existsSync(join(folder, file)))
        .map(([kind, file]) => ({ kind, path: join(folder, file) }));
      const expected = JSON.parse(readFileSync(join(folder, "expected.json"), "utf8")) as CorpusBlock[];
      return { name: entry.name, expected, sources };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** An imported block in the corpus's shape: kind, text, and footnotes as marker, offset and note text. */
export function toCorpusBlock(block: Block): CorpusBlock {
  const footnotes = block.footnotes.map((ref) => ({
    marker: ref.marker,
    offset: ref.offset,
    note: ref.note?.text ?? "",
  }));
  const marks = block.marks ?? [];
  return {
    kind: block.kind,
    text: block.text,
    ...(footnotes.length > 0 ? { footnotes } : {}),
    ...(marks.length > 0 ? { marks } : {}),
  };
}

const describeMarks = (block: CorpusBlock) =>
  (block.marks ?? [])
    .map((mark) => `${mark.type}@${mark.start}-${mark.end}`)
    .sort()
    .join(" ");

/** Whether two blocks are exactly the same: kind, text, every footnote's marker, offset and note, and the marks. */
export function sameBlock(a: CorpusBlock, b: CorpusBlock): boolean {
  const notes = (block: CorpusBlock) =>
    JSON.stringify((block.footnotes ?? []).map((n) => [n.marker, n.offset, n.note]));
  return (
    a.kind === b.kind && a.text === b.text && notes(a) === notes(b) && describeMarks(a) === describeMarks(b)
  );
}

/** A missed expected block and the imported block most like it (in the stretch between the matched neighbours). */
export interface Miss {
  expectedIndex: number;
  expected: CorpusBlock;
  closestIndex?: number;
  closest?: CorpusBlock;
}

/** How one source scored: exact blocks out of expected, the extra blocks the import made, and every miss. */
export interface Score {
  exact: number;
  expected: number;
  actual: number;
  misses: Miss[];
  /** Imported blocks matched by no expected block and closest to none (headers left in, split fragments…). */
  extras: { index: number; block: CorpusBlock }[];
  /** Every imported block, in order. */
  imported: CorpusBlock[];
  /** Indexes of the imported blocks that matched an expected block exactly. */
  exactImported: Set<number>;
}

/** Longest common subsequence of exact matches, as pairs [expectedIndex, actualIndex] in order. */
function alignExact(expected: CorpusBlock[], actual: CorpusBlock[]): [number, number][] {
  const rows = expected.length;
  const cols = actual.length;
  const table = Array.from({ length: rows + 1 }, () => new Uint32Array(cols + 1));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      const row = table[i] as Uint32Array;
      const below = table[i + 1] as Uint32Array;
      row[j] = sameBlock(expected[i] as CorpusBlock, actual[j] as CorpusBlock)
        ? (below[j + 1] as number) + 1
        : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < rows && j < cols) {
    if (sameBlock(expected[i] as CorpusBlock, actual[j] as CorpusBlock)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

const words = (text: string) => new Set(text.toLowerCase().split(/\s+/u).filter(Boolean));

/** Share of the expected block's words found in the candidate (0…1): how "like" an imported block is. */
function likeness(expected: CorpusBlock, candidate: CorpusBlock): number {
  const wanted = words(expected.text);
  if (wanted.size === 0) return expected.text === candidate.text ? 1 : 0;
  const found = words(candidate.text);
  let shared = 0;
  for (const word of wanted) if (found.has(word)) shared++;
  return shared / wanted.size;
}

/**
 * Scores imported blocks against the expected ones: exact = the longest in-order run of exactly equal blocks (so a
 * dropped or extra block costs only itself); each missed expected block is paired with the most similar unmatched
 * imported block between its matched neighbours, for the diff.
 */
export function scoreBlocks(expected: CorpusBlock[], imported: CorpusBlock[]): Score {
  const pairs = alignExact(expected, imported);
  const matchedExpected = new Map(pairs);
  const matchedActual = new Set(pairs.map(([, j]) => j));
  const misses: Miss[] = [];
  const used = new Set<number>();
  let previousActual = -1;
  for (let i = 0; i < expected.length; i++) {
    const matched = matchedExpected.get(i);
    if (matched !== undefined) {
      previousActual = matched;
      continue;
    }
    const next = pairs.find(([e]) => e > i)?.[1] ?? imported.length;
    const want = expected[i] as CorpusBlock;
    let best: number | undefined;
    let bestLikeness = 0;
    for (let j = previousActual + 1; j < next; j++) {
      if (matchedActual.has(j)) continue;
      const value = likeness(want, imported[j] as CorpusBlock);
      if (value > bestLikeness) {
        best = j;
        bestLikeness = value;
      }
    }
    if (best !== undefined) used.add(best);
    misses.push(
      best === undefined
        ? { expectedIndex: i, expected: want }
        : { expectedIndex: i, expected: want, closestIndex: best, closest: imported[best] as CorpusBlock },
    );
  }
  const extras = imported
    .map((block, index) => ({ index, block }))
    .filter(({ index }) => !matchedActual.has(index) && !used.has(index));
  return {
    exact: pairs.length,
    expected: expected.length,
    actual: imported.length,
    misses,
    extras,
    imported,
    exactImported: matchedActual,
  };
}

/** Imports one source with its format's importer and scores it; undefined when the format has no importer yet. */
export async function scoreSource(entry: CorpusEntry, kind: SourceKind): Promise<Score | undefined> {
  const importer = corpusImporters[kind];
  const source = entry.sources.find((candidate) => candidate.kind === kind);
  if (!importer || !source) return undefined;
  // A plain Uint8Array, as uploads reach the importers (pdf.js refuses a Node Buffer).
  const blocks = await importer(new Uint8Array(readFileSync(source.path)));
  return scoreBlocks(entry.expected, blocks.map(toCorpusBlock));
}

const elide = (text: string, keep: number) =>
  text.length <= keep * 2 + 5
    ? text
    : `${text.slice(0, keep)} …${text.length - keep * 2}… ${text.slice(-keep)}`;

/**
 * A word diff from expected to imported text: removed words as `[-…-]`, added as `{+…+}` (the notation of
 * `git diff --word-diff`); any stretch longer than 2 × keep characters is shortened to its ends around `…n…`, the
 * number of characters left out.
 */
export function wordDiff(expected: string, imported: string, keep = 30): string {
  return diffWordsWithSpace(expected, imported)
    .map((part) => {
      if (part.added) return `{+${elide(part.value, keep)}+}`;
      if (part.removed) return `[-${elide(part.value, keep)}-]`;
      return elide(part.value, keep);
    })
    .join("");
}

const describeNotes = (block: CorpusBlock) =>
  (block.footnotes ?? []).map((note) => `${note.marker}@${note.offset}: ${elide(note.note, 25)}`).join(" | ");

/** Human-readable lines explaining every miss and extra block of a score, for the scorer's --diff output. */
export function explainScore(score: Score): string[] {
  const lines: string[] = [];
  for (const miss of score.misses) {
    const head = `  #${miss.expectedIndex} ${miss.expected.kind}`;
    if (!miss.closest) {
      lines.push(`${head}: MISSING  ${elide(miss.expected.text, 40)}`);
      continue;
    }
    const closest = miss.closest;
    const kind = closest.kind === miss.expected.kind ? "" : ` (imported as ${closest.kind})`;
    lines.push(`${head}${kind} ~ imported #${miss.closestIndex}:`);
    if (closest.text !== miss.expected.text)
      lines.push(`      text:  ${wordDiff(miss.expected.text, closest.text)}`);
    const wanted = describeNotes(miss.expected);
    const got = describeNotes(closest);
    if (wanted !== got) lines.push(`      notes: expected [${wanted}]`, `             imported [${got}]`);
    const marks = describeMarks(miss.expected);
    const gotMarks = describeMarks(closest);
    if (marks !== gotMarks)
      lines.push(`      marks: expected [${marks}]`, `             imported [${gotMarks}]`);
  }
  for (const extra of score.extras) {
    lines.push(`  extra imported #${extra.index} ${extra.block.kind}: ${elide(extra.block.text, 40)}`);
  }
  return lines;
}

/** Minimum exact blocks per entry and source kind: the ratchet the corpus test holds the importers to. */
export type Baseline = Record<string, Partial<Record<SourceKind, number>>>;

export const baselinePath = join(corpusDir, "baseline.json");

/** The committed baseline (empty when there is none yet). */
export function readBaseline(path = baselinePath): Baseline {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Baseline) : {};
}

/**
 * Records new scores in the baseline: raises every entry's minimum to its score, and lowers one only when `lower`
 * is set (a deliberate trade, to be explained in the commit). Returns the baseline written.
 */
export function writeBaseline(
  scores: { entry: string; kind: SourceKind; exact: number }[],
  lower = false,
  path = baselinePath,
): Baseline {
  const baseline = readBaseline(path);
  for (const { entry, kind, exact } of scores) {
    const current = baseline[entry]?.[kind];
    if (current === undefined || exact > current || lower)
      baseline[entry] = { ...baseline[entry], [kind]: exact };
  }
  const sorted = Object.fromEntries(Object.entries(baseline).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(path, `${JSON.stringify(sorted, null, 2)}\n`);
  return sorted;
}

/** One line per imported block: `=` when it matched exactly, its index, kind, notes and text shortened. */
export function listBlocks(score: Score): string[] {
  return score.imported.map((block, index) => {
    const notes = describeNotes(block);
    return `  ${score.exactImported.has(index) ? "=" : " "} #${index} ${block.kind}: ${elide(block.text, 50)}${notes ? `  [${notes}]` : ""}`;
  });
}
