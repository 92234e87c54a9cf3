// Entry point of the import pipeline: raw text (plain or Markdown) to ordered blocks and an import report.
import type {
  Block,
  BlockKind,
  FootnoteRef,
  ImportFormat,
  ImportReport,
  ImportedDocument,
  Mark,
  UnresolvedToken,
} from "../../../shared/schemas/documents.ts";
import { blockKinds } from "../../../shared/schemas/documents.ts";
import { assignAnchorIds } from "./anchor-id.ts";
import { readColumns } from "./columns.ts";
import { withoutControlCharacters, withoutControls, withoutControlsBesideLetters } from "./controls.ts";
import { classifyBlock, isEnumeratedHeading, segmentBlocks } from "./blocks.ts";
import { authorOfLine, bylineName } from "./byline.ts";
import type { Dictionary } from "./dictionary.ts";
import { collectHyphenEvidence, endsWithHyphen, joinLines } from "./dehyphenate.ts";
import type { HyphenCounts } from "./dehyphenate.ts";
import { separateFootnotes } from "./footnotes.ts";
import { restoreFusedCompounds } from "./fused-compounds.ts";
import { unglueFooters } from "./fused-footers.ts";
import { expandPresentationForms, learnGlyphTable, repairGlyphs } from "./ligatures.ts";
import type { GlyphRepairLog } from "./ligatures.ts";
import { isBlank, measureLineWidth, normalizeSource, splitLines } from "./lines.ts";
import type { Line } from "./lines.ts";
import { detectMarkdown, parseMarkdown } from "./markdown.ts";
import { scanPages } from "./page-artefacts.ts";
import { addRepairContext } from "./report-context.ts";

/** Pipeline stages, reported in order to onProgress. */
export const importStages = ["lines", "pages", "glyphs", "blocks", "footnotes", "anchors"] as const;
export type ImportStage = (typeof importStages)[number];

/** What importText needs besides the text. */
export interface ImportOptions {
  dictionary: Dictionary;
  format?: ImportFormat;
  /** Overrides the detected title (a title block is added if the text has none). */
  title?: string;
  /** Overrides the detected author (an author block is added if the text has none). */
  author?: string;
  /** Called as each stage starts, with its index among importStages. */
  onProgress?: (stage: ImportStage, index: number) => void;
}

/** The imported document, its report, and the normalized source it was built from. */
export interface ImportResult {
  document: ImportedDocument;
  report: ImportReport;
  normalizedText: string;
}

/** A block with its final text but no id yet. */
export interface DraftBlock {
  kind: BlockKind;
  text: string;
  footnotes: FootnoteRef[];
  marks?: Mark[];
}

const metadataLine = (text: string, max: number) =>
  text.length > 0 && text.length <= max && !/[.,;:]$/u.test(text) && !isEnumeratedHeading(text);

/**
 * Takes a title line and the author line under it off the top: a byline ("By …", "Written by …", also after one
 * blank line), a person's name alone on the line (followed by a blank line or the first paragraph), or, before a
 * blank line, any short line that does not end like a sentence.
 */
function takeTitleAndAuthor(lines: Line[]): { title?: Line; author?: Line; rest: Line[] } {
  let index = lines.findIndex((line) => !isBlank(line));
  const title = lines[index];
  if (!title || !metadataLine(title.text, 120) || lines.length - index < 3) return { rest: lines };
  index++;
  let author: Line | undefined;
  const next = lines[index];
  const afterNext = lines[index + 1];
  if (next && !isBlank(next) && authorOfLine(next.text) !== undefined) {
    author = next;
  } else if (next && !isBlank(next) && metadataLine(next.text, 80) && next.text.split(/\s+/u).length <= 8) {
    if (!afterNext || isBlank(afterNext)) author = next;
  } else if (next && isBlank(next) && afterNext && bylineName(afterNext.text) !== undefined) {
    author = afterNext;
    index++;
  }
  if (author) index++;
  return { title, author, rest: lines.slice(index) };
}

/** Tokens to learn glyphs from, lazily; a word cut by a line-end hyphen counts once, joined. */
function* iterateLearningTokens(lines: readonly Line[]): Generator<string> {
  let carry = "";
  for (const line of lines) {
    const words = line.text.split(/\s+/u).filter(Boolean);
    if (carry && words.length > 0) words[0] = carry + words[0];
    carry = "";
    if (endsWithHyphen(line.text) && words.length > 0) carry = (words.pop() as string).slice(0, -1);
    yield* words;
  }
  if (carry) yield carry;
}

/** Counts lines without splitting the text into an array. */
function countLines(text: string): number {
  let count = 1;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count++;
  return count;
}

/** How many blocks of each kind `blocks` holds (every kind present, 0 when none). */
export function countKinds(blocks: readonly DraftBlock[]): Record<BlockKind, number> {
  const counts = Object.fromEntries(blockKinds.map((kind) => [kind, 0])) as Record<BlockKind, number>;
  for (const block of blocks) counts[block.kind]++;
  return counts;
}

function summarizeLigatures(log: GlyphRepairLog): ImportReport["ligatures"] {
  return [...log.counts]
    .map(([key, count]) => {
      const [glyph = "", replacement = ""] = key.split("\u0000");
      return { glyph, replacement, count };
    })
    .sort((a, b) => b.count - a.count);
}

/** A report with nothing repaired yet, for a source of `lines` lines read as `format`. */
export function emptyReport(format: ImportReport["format"], lines: number): ImportReport {
  return {
    format,
    lines,
    blocks: countKinds([]),
    ligatures: [],
    dehyphenated: { lineBreak: 0, pageBreak: 0, keptCompound: 0 },
    pageBreaks: 0,
    pageArtefactsRemoved: 0,
    paragraphsJoinedAcrossPages: 0,
    footnoteMarkersSeparated: 0,
    unresolved: [],
  };
}

/** Adds title and author blocks from the options when the text had none, and picks the metadata. */
function applyMetadata(
  blocks: DraftBlock[],
  options: Pick<ImportOptions, "title" | "author">,
): { title: string; author: string | null; blocks: DraftBlock[] } {
  const result = [...blocks];
  const has = (kind: BlockKind) => result.some((block) => block.kind === kind);
  if (options.author && !has("author")) {
    const at = result[0]?.kind === "title" ? 1 : 0;
    result.splice(at, 0, { kind: "author", text: options.author, footnotes: [] });
  }
  if (options.title && !has("title")) result.unshift({ kind: "title", text: options.title, footnotes: [] });
  return {
    title: options.title ?? result.find((block) => block.kind === "title")?.text ?? "Untitled",
    author: options.author ?? result.find((block) => block.kind === "author")?.text ?? null,
    blocks: result,
  };
}

function importPlainText(text: string, options: ImportOptions, report: ImportReport): DraftBlock[] {
  const { dictionary, onProgress } = options;
  const scanned = scanPages(readColumns(splitLines(text)));
  const footers = unglueFooters(scanned.lines);
  const pages = { ...scanned, lines: footers.lines };
  report.pageArtefactsRemoved = pages.artefactsRemoved + footers.removed;

  onProgress?.("glyphs", 2);
  const { title, author, rest } = takeTitleAndAuthor(pages.lines);
  const glyphs = learnGlyphTable(iterateLearningTokens(pages.lines), dictionary);
  const log: GlyphRepairLog = { counts: new Map(), unresolved: [] };
  // Soft hyphens left at a line's end where no word was broken (a title's, a block's last) are invisible: dropped.
  // Controls beside letters were kept for the glyph repair (ligatures without a Unicode map); the rest go now.
  const repair = (value: string) =>
    withoutControlCharacters(
      repairGlyphs(expandPresentationForms(value.replace(/\u00AD/gu, ""), log), glyphs, dictionary, log),
    );

  onProgress?.("blocks", 3);
  const layout = { width: measureLineWidth(rest), blankSeparated: pages.blankSeparated };
  const compounds = restoreFusedCompounds(rest, { dictionary, glyphs, width: layout.width });
  const segmentation = segmentBlocks(compounds.lines, layout);
  report.pageBreaks = segmentation.pageBreaks;
  report.paragraphsJoinedAcrossPages = segmentation.paragraphsJoinedAcrossPages;
  const hyphens: HyphenCounts = { lineBreak: 0, pageBreak: 0, keptCompound: 0, unresolved: [] };
  const context = { dictionary, glyphs, evidence: collectHyphenEvidence(pages.lines, glyphs) };
  const drafts: DraftBlock[] = [];
  const unresolved: UnresolvedToken[] = [];
  const collect = (kind: BlockKind, value: string, lineCount: number, last: boolean) => {
    const blockOrdinal = drafts.length;
    const repaired = repair(value);
    drafts.push({ kind: classifyBlock(kind, repaired, lineCount, { last }), text: repaired, footnotes: [] });
    for (const entry of [...hyphens.unresolved.splice(0), ...log.unresolved.splice(0)]) {
      unresolved.push({ ...entry, blockOrdinal });
    }
  };
  if (title) collect("title", title.text, 1, false);
  if (author) collect("author", authorOfLine(author.text) ?? author.text, 1, false);
  segmentation.blocks.forEach((block, index) => {
    const joined = joinLines(block.lines, context, hyphens);
    collect(block.kind, joined, block.lines.length, index === segmentation.blocks.length - 1);
  });
  report.dehyphenated = {
    lineBreak: hyphens.lineBreak,
    pageBreak: hyphens.pageBreak,
    keptCompound: hyphens.keptCompound + compounds.restored,
  };
  report.ligatures = summarizeLigatures(log);

  onProgress?.("footnotes", 4);
  const notes = pages.notes.map((note) => ({
    marker: note.marker,
    text: repair(joinLines(note.lines, context, hyphens)),
  }));
  const footnotes = separateFootnotes(
    drafts.map((draft) => ({ text: draft.text, heading: draft.kind === "heading" })),
    dictionary,
    notes,
  );
  footnotes.blocks.forEach((block, index) => Object.assign(drafts[index] as DraftBlock, block));
  report.footnoteMarkersSeparated = footnotes.separated;
  const unpaired = footnotes.unpairedNotes.map((note) => ({
    token: `${note.marker} ${note.text.slice(0, 40)}`,
    reason: "footnote whose marker was not found; kept as a paragraph at the end",
    blockOrdinal: drafts.push({ kind: "paragraph", text: `${note.marker} ${note.text}`, footnotes: [] }) - 1,
  }));
  const numerals = pages.keptNumerals.map((numeral) => ({
    token: numeral,
    reason: "lone number with no page evidence (no page sequence, no form feed beside it); kept in the text",
    blockOrdinal: Math.max(
      0,
      drafts.findIndex((draft) => draft.text === numeral),
    ),
  }));
  report.unresolved = [
    ...segmentation.unresolved,
    ...unresolved,
    ...footnotes.unresolved,
    ...numerals,
    ...unpaired,
    ...findStraySymbols(drafts),
  ].map((entry) => ({ ...entry, token: withoutControlCharacters(entry.token) }));
  return drafts;
}

/** Symbols standing alone right after a finished sentence (a "&" between sentences): kept, but reported. */
function findStraySymbols(blocks: readonly DraftBlock[]): UnresolvedToken[] {
  const found: UnresolvedToken[] = [];
  blocks.forEach((block, blockOrdinal) => {
    for (const match of block.text.matchAll(/(?<=[.!?…][’”"')]*\s)[^\p{L}\p{N}\s–—…‘“"'(]+(?=\s|$)/gu)) {
      found.push({ token: match[0], reason: "stray symbol between sentences; kept as found", blockOrdinal });
    }
  });
  return found;
}

/**
 * Imports a text: normalizes it (NFC, control characters dropped), reads it as Markdown or plain text (options.format, "auto" by
 * default: Markdown only on clear evidence), repairs plain text (page artefacts, glyphs learned from the
 * document, hyphenation, footnote markers) and returns blocks with stable anchor ids plus a report of every
 * repair and every doubt. Pure: the dictionary is passed in.
 */
export function importText(source: string, options: ImportOptions): ImportResult {
  options.onProgress?.("lines", 0);
  const normalized = normalizeSource(source);
  const text = withoutControls(normalized);
  const format =
    options.format === undefined || options.format === "auto"
      ? detectMarkdown(text)
        ? "markdown"
        : "text"
      : options.format;
  const report = emptyReport(format, countLines(text));
  options.onProgress?.("pages", 1);
  const drafts =
    format === "markdown"
      ? parseMarkdown(text)
      : importPlainText(withoutControlsBesideLetters(normalized), options, report);
  return finishImport(drafts, report, text, options);
}

/**
 * The last steps of every import, whatever the source format: title and author from the options when given (cleaned
 * as the text is), report entries renumbered to the final block order, stable anchor ids, block counts.
 * `drafts` are the converter's blocks in reading order; `normalizedText` is what the version stores as its text.
 */
export function finishImport(
  drafts: DraftBlock[],
  report: ImportReport,
  normalizedText: string,
  options: Pick<ImportOptions, "title" | "author" | "onProgress">,
): ImportResult {
  const {
    title,
    author,
    blocks: finalDrafts,
  } = applyMetadata(drafts, {
    ...options,
    ...(options.title === undefined ? {} : { title: withoutControls(options.title) }),
    ...(options.author === undefined ? {} : { author: withoutControls(options.author) }),
  });
  report.unresolved = report.unresolved
    .map((entry) =>
      entry.blockOrdinal === undefined
        ? entry
        : { ...entry, blockOrdinal: finalDrafts.indexOf(drafts[entry.blockOrdinal] as DraftBlock) },
    )
    .sort((a, b) => (a.blockOrdinal ?? -1) - (b.blockOrdinal ?? -1));

  options.onProgress?.("anchors", 5);
  const blocks = placeBlocks(finalDrafts);
  report.blocks = countKinds(blocks);
  addRepairContext(report, normalizedText, blocks);
  return { document: { title, author, blocks }, report, normalizedText };
}

/** `drafts` numbered in order, each with its stable anchor id (anchor-id.ts). */
export function placeBlocks(drafts: readonly DraftBlock[]): Block[] {
  const anchorIds = assignAnchorIds(drafts);
  return drafts.map((draft, ordinal) => ({
    kind: draft.kind,
    text: draft.text,
    anchorId: anchorIds[ordinal] as string,
    ordinal,
    footnotes: draft.footnotes,
    ...(draft.marks ? { marks: draft.marks } : {}),
  }));
}
