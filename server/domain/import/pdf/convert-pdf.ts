// Converts a PDF to blocks from the layout of its text (pdf.js): lines, paragraphs, headings, running heads,
// footnotes, hyphenation and glyph repair.
import type { FootnoteRef, UnresolvedToken } from "../../../../shared/schemas/documents.ts";
import { collectHyphenEvidence, joinLines, type HyphenCounts } from "../dehyphenate.ts";
import type { ConvertedFile, ConvertOptions } from "../import-file.ts";
import { emptyReport, type DraftBlock } from "../import-text.ts";
import {
  expandPresentationForms,
  learnGlyphTable,
  repairGlyphs,
  type GlyphRepairLog,
  type GlyphTable,
} from "../ligatures.ts";
import type { Line } from "../lines.ts";
import { openPdf, unreadablePdf, type PdfDocument } from "./load-pdf.ts";
import { layOutPages, type LaidOutLine, type PageNote } from "./page-blocks.ts";
import { pageLines, type PageLine, type TextRun } from "./page-lines.ts";

/** Stands for a footnote marker inside a joined text until the text is final (a private-use character). */
const markerSign = "\uE000";

/**
 * The blocks of a PDF, its report and its text. Pages are read one at a time and released.
 * @throws AppError unprocessable_content (422) for a PDF without a text layer (scanned), encrypted or damaged.
 */
export async function convertPdf(bytes: Uint8Array, options: ConvertOptions): Promise<ConvertedFile> {
  options.onProgress?.("lines", 0);
  const document = await openPdf(bytes);
  let pages: PageLine[][];
  try {
    pages = await readPages(document, options.onPage);
  } finally {
    await document.destroy();
  }
  if (!pages.some((lines) => lines.some((line) => /[\p{L}\p{N}]/u.test(line.text)))) {
    throw unreadablePdf("This PDF has no text; run OCR on it first.");
  }
  options.onProgress?.("pages", 1);
  const layout = layOutPages(pages);
  const report = emptyReport(
    "pdf",
    pages.reduce((sum, lines) => sum + lines.length, 0),
  );
  report.pageBreaks = Math.max(0, pages.length - 1);
  report.pageArtefactsRemoved = layout.artefactsRemoved;
  report.paragraphsJoinedAcrossPages = layout.joinedAcrossPages;

  options.onProgress?.("glyphs", 2);
  const { dictionary } = options;
  const allLines = [
    ...layout.blocks.flatMap((block) => block.lines),
    ...layout.notes.flatMap((note) => note.lines),
  ];
  const log: GlyphRepairLog = { counts: new Map(), unresolved: [] };
  const expanded = (line: LaidOutLine): Line => ({
    text: expandPresentationForms(withMarkers(line), log),
    indent: 0,
    pageBreakBefore: line.pageBreakBefore,
  });
  const glyphs = learnGlyphTable(
    allLines.flatMap((line) => line.text.split(/\s+/u)),
    dictionary,
  );
  const context = { dictionary, glyphs, evidence: collectHyphenEvidence(allLines.map(expanded), glyphs) };
  const hyphens: HyphenCounts = { lineBreak: 0, pageBreak: 0, keptCompound: 0, unresolved: [] };
  const join = (lines: readonly LaidOutLine[]) => {
    const joined = joinLines(lines.map(expanded), context, hyphens);
    return repairAround(joined, glyphs, options, log);
  };

  options.onProgress?.("blocks", 3);
  const unresolved: UnresolvedToken[] = [];
  const notes = new Map(layout.notes.map((note) => [note, join(note.lines)]));
  const used = new Set<PageNote>();
  const drafts: DraftBlock[] = [];
  let page = 0;
  for (const block of layout.blocks) {
    page += block.lines.filter((line) => line.pageBreakBefore).length;
    const { text, markers } = join(block.lines);
    const footnotes: FootnoteRef[] = markers.map(({ marker, offset }) => {
      const note = layout.notes.find(
        (candidate) => candidate.marker === marker && !used.has(candidate) && candidate.page >= page - 1,
      );
      if (!note) return { marker, offset };
      used.add(note);
      const body = notes.get(note)!;
      return { marker, offset, note: { text: body.text } };
    });
    drafts.push({ kind: block.kind, text, footnotes });
    for (const entry of [...hyphens.unresolved.splice(0), ...log.unresolved.splice(0)])
      unresolved.push({ ...entry, blockOrdinal: drafts.length - 1 });
  }
  options.onProgress?.("footnotes", 4);
  // A note no marker points to is kept as a paragraph at the end, so that no text is lost.
  for (const note of layout.notes.filter((candidate) => !used.has(candidate))) {
    drafts.push({ kind: "paragraph", text: `${note.marker} ${notes.get(note)!.text}`, footnotes: [] });
    unresolved.push({
      token: note.marker,
      reason: `footnote ${note.marker} on page ${note.page + 1} has no marker in the text; kept as a paragraph at the end`,
      blockOrdinal: drafts.length - 1,
    });
  }
  report.dehyphenated = {
    lineBreak: hyphens.lineBreak,
    pageBreak: hyphens.pageBreak,
    keptCompound: hyphens.keptCompound,
  };
  report.ligatures = [...log.counts]
    .map(([key, count]) => {
      const [glyph = "", replacement = ""] = key.split("\u0000");
      return { glyph, replacement, count };
    })
    .sort((a, b) => b.count - a.count);
  report.footnoteMarkersSeparated = drafts.reduce((sum, draft) => sum + draft.footnotes.length, 0);
  report.unresolved = unresolved;
  return { drafts, report, text: drafts.map((draft) => draft.text).join("\n\n") };
}

/** A line's text with its markers written in as markerSign followed by the marker and markerSign. */
function withMarkers(line: LaidOutLine): string {
  let text = "";
  let from = 0;
  for (const { marker, offset } of line.markers) {
    text += line.text.slice(from, offset) + markerSign + marker + markerSign;
    from = offset;
  }
  return text + line.text.slice(from);
}

/**
 * Repairs learned glyphs between the markers of a joined text and takes the markers out, with the offsets they
 * follow in the repaired text.
 */
function repairAround(joined: string, glyphs: GlyphTable, options: ConvertOptions, log: GlyphRepairLog) {
  const parts = joined.split(markerSign);
  let text = "";
  const markers: { marker: string; offset: number }[] = [];
  parts.forEach((part, index) => {
    if (index % 2 === 1) markers.push({ marker: part, offset: text.length });
    else text += glyphs.rules.size > 0 ? repairGlyphs(part, glyphs, options.dictionary, log) : part;
  });
  return { text: text.replace(/ {2,}/gu, " ").trim(), markers };
}

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

/**
 * Every page's lines; font names come from the fonts pdf.js loaded for the page (its operator list). `onPage` hears
 * of each page once it is read and released.
 */
async function readPages(document: PdfDocument, onPage: ConvertOptions["onPage"]): Promise<PageLine[][]> {
  const pages: PageLine[][] = [];
  const fontNames = new Map<string, string>();
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    // The page's top edge: baselines are measured down from it (view is [left, bottom, right, top]).
    const height = (page.view as [number, number, number, number])[3];
    const content = await page.getTextContent();
    const items = content.items.filter((item): item is PdfTextItem & typeof item => "str" in item);
    if (items.some((item) => !fontNames.has(item.fontName))) {
      await page.getOperatorList();
      for (const item of items) {
        if (fontNames.has(item.fontName)) continue;
        const font = page.commonObjs.has(item.fontName)
          ? (page.commonObjs.get(item.fontName) as { name?: string })
          : {};
        fontNames.set(item.fontName, (font.name ?? "").replace(/^[A-Z]{6}\+/u, ""));
      }
    }
    const runs: TextRun[] = items.map((item) => ({
      text: item.str,
      x: item.transform[4]!,
      y: height - item.transform[5]!,
      width: item.width,
      size: Math.round(Math.hypot(item.transform[2]!, item.transform[3]!) * 100) / 100,
      font: fontNames.get(item.fontName) ?? "",
    }));
    pages.push(pageLines(runs));
    page.cleanup();
    onPage?.(number, document.numPages);
  }
  return pages;
}
