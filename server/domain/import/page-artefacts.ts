// Page-break artefacts: page numbers, running headers and footers, and footnote bodies taken out of the flow.
import { endsSentence, isBlank, measureLineWidth } from "./lines.ts";
import type { Line } from "./lines.ts";
import {
  digitShape,
  edgeLines,
  letterCount,
  findSectionHeaders,
  splitFusedPageNumbers,
  splitGluedFurniture,
  splitPages,
} from "./page-edges.ts";
import { findEndnotes } from "./endnotes.ts";
import { findPageNotes } from "./page-notes.ts";
import type { PageNote } from "./page-notes.ts";

/** The lines without page artefacts, each page start flagged, and what was found. */
export interface PageScan {
  lines: Line[];
  pageBreaks: number;
  artefactsRemoved: number;
  /** Whether paragraphs are separated by blank lines (so an indented line inside a run of text is a page cue). */
  blankSeparated: boolean;
  /** Footnote bodies found at the foot of pages, then endnotes, in reading order, their lines out of `lines`. */
  notes: PageNote[];
  /** Lone numerals left in the text because nothing showed they were page numbers. */
  keptNumerals: string[];
}

const pageNumber = /^(?:[Pp]age\s+)?[-–—([]?\s*(?:\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})\s*[-–—)\]]?$/u;
const bareNumeral = /^(?:\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})$/u;

/** Whether a line is only a page number ("12", "- 12 -", "Page 12", "xiv"). */
export function isPageNumberLine(text: string): boolean {
  return text.length <= 12 && pageNumber.test(text);
}

const romanValues: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

/** The value of an arabic or roman numeral ("xiv" → 14), or NaN. */
export function numeralValue(numeral: string): number {
  if (/^\d+$/u.test(numeral)) return Number(numeral);
  const digits = [...numeral.toLowerCase()].map((char) => romanValues[char] ?? Number.NaN);
  return digits.reduce((sum, value, index) => sum + (value < (digits[index + 1] ?? 0) ? -value : value), 0);
}

/** "arabic", "roman" (lower case) or "ROMAN": page numbers of one sequence share a style. */
function numeralStyle(numeral: string): string {
  if (/^\d/u.test(numeral)) return "arabic";
  return numeral === numeral.toLowerCase() ? "roman" : "ROMAN";
}

function headerKey(text: string): string {
  return text
    .replace(/\d/gu, "")
    .replace(/[\s\-–—|·•/]+/gu, " ")
    .trim()
    .toLowerCase();
}

function isIsolated(lines: readonly Line[], index: number, artefact: ReadonlySet<number>): boolean {
  const around = [lines[index - 1], lines[index + 1]];
  return (
    around.some((line) => line === undefined || isBlank(line)) ||
    artefact.has(index - 1) ||
    artefact.has(index + 1)
  );
}

/**
 * Whether a repeated line sits where page furniture does: it carries a page number itself, or a page number
 * or form feed is within two lines. Repeated headings ("Notes") and repeated prose lack this.
 */
function hasPageContext(lines: readonly Line[], index: number, pageNumbers: ReadonlySet<number>): boolean {
  const line = lines[index] as Line;
  if (/^\d{1,4}\s|\s\d{1,4}$/u.test(line.text) || line.pageBreakBefore) return true;
  for (const near of [index - 2, index - 1, index + 1, index + 2]) {
    if (pageNumbers.has(near) || lines[near]?.pageBreakBefore) return true;
  }
  return false;
}

const nearestText = (lines: readonly Line[], index: number, step: 1 | -1): Line | undefined => {
  for (let at = index + step; at >= 0 && at < lines.length; at += step) {
    const line = lines[at] as Line;
    if (!isBlank(line)) return line;
  }
  return undefined;
};

/** Whether the text on either side of a line reads as one sentence interrupted (it cannot be a heading there). */
function interruptsSentence(lines: readonly Line[], index: number): boolean {
  const before = nearestText(lines, index, -1);
  const after = nearestText(lines, index, 1);
  if (!before || !after) return false;
  return !/[.!?…:;"”’)\]]\d{0,3}$/u.test(before.text) || /^\p{Ll}/u.test(after.text);
}

/**
 * Bare numerals ("12", "IV", "1848") of one style are page numbers only as a sequence (two or more, each 1 to 3
 * more than the one before: a page may lack its number) that interrupts running text at least once: section
 * numerals never stand inside a sentence, and a year is no step in a page sequence.
 */
function confirmBareNumerals(lines: readonly Line[], candidates: readonly number[]): Set<number> {
  const chains = new Map<string, number[][]>();
  for (const index of candidates) {
    const text = (lines[index] as Line).text;
    const style = numeralStyle(text);
    const styleChains = chains.get(style) ?? [];
    chains.set(style, styleChains);
    const value = numeralValue(text);
    const chain = styleChains.find((each) => {
      const step = value - numeralValue((lines[each[each.length - 1] as number] as Line).text);
      return step >= 1 && step <= 3;
    });
    if (chain) chain.push(index);
    else styleChains.push([index]);
  }
  const confirmed = new Set<number>();
  for (const chain of [...chains.values()].flat()) {
    if (chain.length >= 2 && chain.some((index) => interruptsSentence(lines, index))) {
      for (const index of chain) confirmed.add(index);
    }
  }
  return confirmed;
}

function findArtefacts(lines: readonly Line[]): { artefact: Set<number>; kept: number[] } {
  const candidates = new Set<number>();
  const firstText = lines.findIndex((line) => !isBlank(line));
  lines.forEach((line, index) => {
    if (index !== firstText && isPageNumberLine(line.text)) candidates.add(index);
  });
  for (const index of [...candidates]) if (!isIsolated(lines, index, candidates)) candidates.delete(index);
  const bare = [...candidates].filter((index) => bareNumeral.test((lines[index] as Line).text));
  const confirmed = confirmBareNumerals(lines, bare);
  const artefact = new Set([...candidates].filter((index) => !bare.includes(index) || confirmed.has(index)));

  const byKey = new Map<string, number[]>();
  // Only isolated lines can be running headers (below): the lines of a paragraph are never keyed.
  lines.forEach((line, index) => {
    if (index === firstText || line.text.length > 80 || candidates.has(index) || /[.!?]$/u.test(line.text))
      return;
    if (!isIsolated(lines, index, candidates)) return;
    const key = headerKey(line.text);
    if (key.replace(/\P{L}/gu, "").length < 3) return;
    const indexes = byKey.get(key);
    if (indexes) indexes.push(index);
    else byKey.set(key, [index]);
  });
  const headers = new Set<number>();
  for (const indexes of byKey.values()) {
    const isolated = indexes.filter((index) => isIsolated(lines, index, candidates));
    const paged = isolated.filter((index) => hasPageContext(lines, index, candidates));
    // Numbered lines alike but for their numbers ("Chapter 1", "Chapter 2") may be headings: a running head with a
    // page number interrupts sentences, since most pages end mid-sentence; a heading never stands inside one (the
    // first may follow a title or byline without a full stop, so one interruption is not enough).
    const numbered = isolated.some((index) => /\d/u.test((lines[index] as Line).text));
    const furniture = !numbered || isolated.filter((index) => interruptsSentence(lines, index)).length >= 2;
    if (isolated.length >= 3 && paged.length >= Math.max(2, isolated.length / 2) && furniture) {
      for (const index of isolated) headers.add(index);
    }
  }
  // A bare numeral right beside a running header is page furniture with it.
  for (const index of bare) {
    if ([index - 2, index - 1, index + 1, index + 2].some((near) => headers.has(near))) artefact.add(index);
  }
  for (const index of headers) artefact.add(index);
  return { artefact, kept: bare.filter((index) => !artefact.has(index)) };
}

interface EdgeNumber {
  page: number;
  line: number;
  style: string;
  offset: number;
  fromBottom: boolean;
}

/** A page number carried by a short edge line: alone ("12", "- 12 -", "Page 3") or at its start or end. */
function carriedNumber(text: string): string | undefined {
  if (text.replace(/\s+/gu, " ").length > 70 || /[.,;:!?]$/u.test(text)) return undefined;
  if (isPageNumberLine(text)) return /(\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})/u.exec(text)?.[1];
  const match = /^(\d{1,4})\s+\D|[^\d\s]\s+(\d{1,4})$|^(\d{1,4})\s*\/\s*\d{1,4}$/u.exec(text);
  return match?.[1] ?? match?.[2] ?? match?.[3];
}

/**
 * Page numbers found by position and sequence: numbers at a page edge whose value minus the page's index is the
 * same on at least two pages of one numbering style (or the only number of a paged text, at a page edge).
 * Returns the line index of each page's number, at most one per edge, the one nearest the edge.
 */
function findEdgeNumbers(lines: readonly Line[], pages: readonly number[][]): Set<number> {
  const found: EdgeNumber[] = [];
  pages.forEach((page, pageIndex) => {
    for (const fromBottom of [false, true]) {
      for (const index of edgeLines(lines, page, fromBottom)) {
        const numeral = carriedNumber((lines[index] as Line).text);
        if (numeral === undefined) continue;
        const offset = numeralValue(numeral) - pageIndex;
        found.push({ page: pageIndex, line: index, style: numeralStyle(numeral), offset, fromBottom });
      }
    }
  });
  const support = new Map<string, Set<number>>();
  for (const each of found) {
    const key = `${each.style} ${each.offset}`;
    support.set(key, (support.get(key) ?? new Set()).add(each.page));
  }
  const taken = new Set<number>();
  const edgesUsed = new Set<string>();
  for (const each of found) {
    const supported = (support.get(`${each.style} ${each.offset}`)?.size ?? 0) >= 2 || found.length === 1;
    const edge = `${each.page} ${each.fromBottom}`;
    if (!supported || edgesUsed.has(edge) || taken.has(each.line)) continue;
    edgesUsed.add(edge);
    taken.add(each.line);
  }
  return taken;
}

/**
 * The line that stays as the title although running headers repeat it: the first text line, unless it has fewer
 * than three letters (a date, a number: no title) or its text comes again further down the first page's top edge,
 * alone or as its start or end (a printed page header, "4:38 PM  The Title", above the document's own title: the
 * inner one is the title). -1 when there is none.
 */
function findTitleLine(lines: readonly Line[], pages: readonly number[][]): number {
  const top = edgeLines(lines, pages[0] ?? [], false);
  const keys = top.map((index) => headerKey((lines[index] as Line).text));
  const repeatedBelow = (key: string, position: number) =>
    keys
      .slice(position + 1)
      .some((later) => letterCount(later) >= 3 && (key.startsWith(later) || key.endsWith(later)));
  const at = keys.findIndex((key, position) => letterCount(key) >= 3 && !repeatedBelow(key, position));
  return at < 0 ? -1 : (top[at] as number);
}

/**
 * Running headers and footers: short edge lines repeated on two pages or more (the title line counting), numbers
 * aside: the same text, each with its own number, or the same but for their digits. A line with fewer than three
 * letters counts only with digits (a date, "1/3"), when the same but for its digits on half the pages or more. A text counts
 * once per page edge, nearest the edge: the same line further in is the document's own (a title under a header).
 */
function findRepeatedEdges(
  lines: readonly Line[],
  pages: readonly number[][],
  titleLine: number,
): Set<number> {
  const byKey = new Map<string, { pages: Set<number>; lines: number[] }>();
  pages.forEach((page, pageIndex) => {
    for (const fromBottom of [false, true]) {
      const seen = new Set<string>();
      for (const index of edgeLines(lines, page, fromBottom)) {
        const text = (lines[index] as Line).text;
        // Running lines are titles and numbers: no sentence ends at their end or inside them.
        if (text.length > 90 || /[.!?,;:]$|[.!?] \p{Lu}/u.test(text) || isPageNumberLine(text)) continue;
        const lettered = letterCount(headerKey(text)) >= 3;
        // Without letters or digits a line is a scene break or an ornament ("* * *"): the text's own.
        if (!lettered && !/\d/u.test(text)) continue;
        const key = lettered ? headerKey(text) : `shape ${digitShape(text)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const entry = byKey.get(key) ?? { pages: new Set(), lines: [] };
        entry.pages.add(pageIndex);
        entry.lines.push(index);
        byKey.set(key, entry);
      }
    }
  });
  const repeated = new Set<number>();
  for (const [key, entry] of byKey) {
    const texts = entry.lines.map((index) => (lines[index] as Line).text);
    const sameText = new Set(texts).size === 1;
    const sameShape = new Set(texts.map(digitShape)).size === 1;
    const numbered = texts.every((text) => carriedNumber(text) !== undefined);
    const enoughPages = key.startsWith("shape ")
      ? entry.pages.size >= Math.max(2, pages.length / 2)
      : entry.pages.size >= 2;
    if (!enoughPages || !(sameText || sameShape || numbered)) continue;
    // The title may be repeated as a running header: it counts as an occurrence, but stays.
    for (const index of entry.lines) if (index !== titleLine) repeated.add(index);
  }
  return repeated;
}

/** A short capitalized line without closing punctuation or a numeral of its own: how a chapter's running title looks. */
function looksLikeRunningTitle(text: string): boolean {
  const collapsed = text.replace(/\s+/gu, " ");
  return (
    collapsed.length <= 60 &&
    collapsed.split(" ").length <= 10 &&
    /^[\p{Lu}\p{Lt}“‘"]/u.test(text) &&
    !/[.!?,;:]$/u.test(text) &&
    !bareNumeral.test(text)
  );
}

/**
 * Page furniture of a text with form feeds: from each edge of each page inwards, the page number, running
 * headers and footers (repeated on other pages), and a short capitalized line between the page's edge and a lone
 * page number when the document has running lines at all (a chapter title printed on one page only). The first line that is none
 * of these ends the furniture at that edge.
 */
function findPagedArtefacts(
  lines: readonly Line[],
  pages: readonly number[][],
  numbers: ReadonlySet<number>,
  titleLine: number,
): Set<number> {
  const repeated = findRepeatedEdges(lines, pages, titleLine);
  const artefact = new Set<number>();
  const lonePageNumber = (index: number) =>
    numbers.has(index) && isPageNumberLine((lines[index] as Line).text);
  pages.forEach((page) => {
    for (const fromBottom of [false, true]) {
      const edge = edgeLines(lines, page, fromBottom);
      const hasNumber = edge.some((index) => numbers.has(index));
      for (const [position, index] of edge.entries()) {
        const text = (lines[index] as Line).text;
        const besideNumber =
          hasNumber &&
          repeated.size > 0 &&
          edge[position + 1] !== undefined &&
          lonePageNumber(edge[position + 1] as number) &&
          index !== titleLine &&
          looksLikeRunningTitle(text);
        if (!numbers.has(index) && !repeated.has(index) && !besideNumber) break;
        artefact.add(index);
      }
    }
  });
  return artefact;
}

/**
 * Of the artefacts found without form feeds (`found`), those a text with form feeds keeps. When page numbers at
 * the page edges (`numbers`) show the pages are whole (on two pages and half of them at least), only those at a
 * page's edges and any on a page more than half again as long as the median page (form feeds missing there: a text
 * joined from several extractions); inside a page the pages say better what is furniture (a section numeral in
 * mid-page is no page number). Never the title line (`titleLine`, see findTitleLine).
 */
function unmarkedPageArtefacts(
  lines: readonly Line[],
  pages: readonly number[][],
  numbers: ReadonlySet<number>,
  found: ReadonlySet<number>,
  titleLine: number,
): Set<number> {
  const numbered = pages.filter((page) => page.some((index) => numbers.has(index))).length;
  const whole = numbered >= Math.max(2, pages.length / 2);
  const lengths = pages.map((page) => page.filter((index) => !isBlank(lines[index] as Line)).length);
  const median = [...lengths].sort((a, b) => a - b)[Math.floor(lengths.length / 2)] ?? 0;
  const kept = new Set<number>();
  pages.forEach((page, pageIndex) => {
    const edges = new Set(pageIndex === 0 ? [] : edgeLines(lines, page, false));
    for (const index of edgeLines(lines, page, true)) edges.add(index);
    const anywhere = !whole || (lengths[pageIndex] ?? 0) > 1.5 * median;
    for (const index of page) {
      if (found.has(index) && index !== titleLine && (anywhere || edges.has(index))) kept.add(index);
    }
  });
  return kept;
}

/** Lone numerals with blank lines around them that no page evidence claimed. */
function findKeptNumerals(lines: readonly Line[], artefact: ReadonlySet<number>): number[] {
  const firstText = lines.findIndex((line) => !isBlank(line));
  const kept: number[] = [];
  lines.forEach((line, index) => {
    if (index === firstText || artefact.has(index) || !bareNumeral.test(line.text)) return;
    if (isIsolated(lines, index, artefact) || nearestText(lines, index, 1)?.text.match(/^\p{Lu}/u))
      kept.push(index);
  });
  return kept;
}

/**
 * Whether paragraphs are separated by blank lines: at least one line in 25 is blank, and sentence ends followed
 * by a blank line and a capital are at least as many as sentence-final lines followed directly by a capital that
 * is indented or comes after a short line (how pdftotext ends paragraphs, with blank lines only around headings
 * and furniture).
 */
function isBlankSeparated(lines: readonly Line[]): boolean {
  const blankCount = lines.filter(isBlank).length;
  if (blankCount < 0.04 * lines.length) return false;
  const short = 0.8 * measureLineWidth(lines);
  const indents = new Map<number, number>();
  for (const line of lines) if (!isBlank(line)) indents.set(line.indent, (indents.get(line.indent) ?? 0) + 1);
  const base = [...indents].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  let blankEnds = 0;
  let tightEnds = 0;
  let previous: Line | undefined;
  let blankBetween = false;
  for (const line of lines) {
    if (isBlank(line)) {
      blankBetween = true;
      continue;
    }
    if (previous && endsSentence(previous.text) && /^[\p{Lu}\p{Lt}]/u.test(line.text)) {
      if (blankBetween) blankEnds++;
      else if (previous.text.length < short || line.indent > Math.min(previous.indent, base)) tightEnds++;
    }
    previous = line;
    blankBetween = false;
  }
  return blankEnds >= tightEnds;
}

/**
 * Removes page furniture, footnote bodies (with the blank lines around them) and a closing endnote section (see
 * findEndnotes) and flags the line after each page break. With form feeds, pages are known: furniture is found at their edges by repetition and by page
 * numbers that follow the page sequence, and footnotes at their foot (see findPageNotes). Without them, a page
 * number must be decorated ("- 12 -", "Page 12") or part of an increasing sequence that interrupts running text,
 * and running headers repeat at least three times near page cues. A lone numeral without such evidence stays in
 * the text (listed in keptNumerals). In texts whose paragraphs are separated by blank lines, a line indented more
 * than the line before it, with no blank line between, is also taken as a page start (extractors indent the first
 * line of a page), and so is one indented more than the line after it; whether it continues the paragraph is
 * decided later.
 */
export function scanPages(input: readonly Line[]): PageScan {
  const pages = splitPages(input);
  const paged = pages.length > 1;
  let artefact: Set<number>;
  let keptIndexes: number[];
  let notes: PageNote[] = [];
  const noteLines = new Set<number>();
  let replacements = new Map<number, Line>();
  if (paged) {
    // Form feeds may mark only some page breaks (a text joined from several extractions): furniture between
    // them is still found as in a text without any.
    const numbers = findEdgeNumbers(input, pages);
    const titleLine = findTitleLine(input, pages);
    artefact = new Set([
      ...findPagedArtefacts(input, pages, numbers, titleLine),
      ...unmarkedPageArtefacts(input, pages, numbers, findArtefacts(input).artefact, titleLine),
    ]);
    for (const index of findSectionHeaders(input, pages, artefact)) artefact.add(index);
    const glued = splitGluedFurniture(input, pages, artefact);
    for (const [index, line] of glued) if (isBlank(line)) artefact.add(index);
    const found = findPageNotes(input, pages, artefact);
    notes = found.notes;
    for (const index of found.lines) noteLines.add(index);
    replacements = found.replacements;
    const fused = splitFusedPageNumbers(input, pages, numbers, new Set([...artefact, ...noteLines]));
    for (const [index, line] of [...fused, ...glued])
      if (!replacements.has(index)) replacements.set(index, line);
    keptIndexes = findKeptNumerals(input, new Set([...artefact, ...noteLines]));
  } else {
    ({ artefact, kept: keptIndexes } = findArtefacts(input));
  }
  const lines: Line[] = [];
  let pendingBreak = false;
  for (let index = 0; index < input.length; index++) {
    const line = input[index] as Line;
    if (artefact.has(index) || noteLines.has(index)) {
      pendingBreak ||= artefact.has(index) || line.pageBreakBefore;
      while (lines.length > 0 && isBlank(lines[lines.length - 1] as Line)) lines.pop();
      continue;
    }
    if (pendingBreak && isBlank(line)) continue;
    const kept = replacements.get(index) ?? line;
    lines.push(pendingBreak ? { ...kept, pageBreakBefore: true } : kept);
    pendingBreak = false;
  }

  const endnotes = findEndnotes(lines);
  if (endnotes) {
    notes = [...notes, ...endnotes.notes];
    lines.splice(endnotes.start);
    while (lines.length > 0 && isBlank(lines[lines.length - 1] as Line)) lines.pop();
  }

  const blankSeparated = isBlankSeparated(lines);
  if (blankSeparated && !paged) {
    for (let index = 1; index < lines.length; index++) {
      const line = lines[index] as Line;
      const previous = lines[index - 1] as Line;
      const next = lines[index + 1];
      const deeperThanNext = next !== undefined && !isBlank(next) && line.indent > next.indent;
      if (!isBlank(line) && !isBlank(previous) && (line.indent > previous.indent || deeperThanNext)) {
        lines[index] = { ...line, pageBreakBefore: true };
      }
    }
  }
  return {
    lines,
    pageBreaks: lines.filter((line) => line.pageBreakBefore).length,
    artefactsRemoved: artefact.size,
    blankSeparated,
    notes,
    keptNumerals: keptIndexes.map((index) => (input[index] as Line).text),
  };
}
