// Pages of a text with form feeds and what sits at their edges: section headers, furniture glued to text, page numbers run into a line.
import { isBlank } from "./lines.ts";
import type { Line } from "./lines.ts";

/** Lines split into pages at form feeds: each page is the indexes of its lines. */
export function splitPages(lines: readonly Line[]): number[][] {
  const pages: number[][] = [[]];
  lines.forEach((line, index) => {
    if (line.pageBreakBefore && index > 0) pages.push([]);
    (pages[pages.length - 1] as number[]).push(index);
  });
  return pages;
}

const edgeDepth = 3;

/** The first few text lines from one edge of a page, nearest the edge first. */
export function edgeLines(lines: readonly Line[], page: readonly number[], fromBottom: boolean): number[] {
  const order = fromBottom ? [...page].reverse() : page;
  return order.filter((index) => !isBlank(lines[index] as Line)).slice(0, edgeDepth);
}

/** How a section is named in a header: a short line without closing punctuation, capitalized or a numeral. */
const sectionName = /^(?:[\p{Lu}\p{Lt}“‘"][^]{0,59}(?<![.!?,;:])|\d{1,4}|[IVXLC]{1,7})$/u;

/**
 * Section headers: books print the current section's title or numeral in the header on some pages and the
 * book's title on others. When most pages after the first open with furniture already found (`artefact`, two
 * pages at least), a page's first line that is no furniture yet, reads like a section's name and stands alone
 * elsewhere in the text too (the section's own heading) is that page's header, if the page goes on with a
 * sentence begun on the page before (lower case) or the section's heading comes again on the page. A repeated
 * heading opening a page without a header ("Notes" over a chapter's notes) is followed by neither: it stays.
 * Returns their line indexes.
 */
export function findSectionHeaders(
  lines: readonly Line[],
  pages: readonly number[][],
  artefact: ReadonlySet<number>,
): Set<number> {
  const tops = pages.slice(1).map((page) => edgeLines(lines, page, false)[0]);
  const opened = tops.filter((index) => index !== undefined && artefact.has(index)).length;
  const headers = new Set<number>();
  if (opened < Math.max(2, tops.length / 2)) return headers;
  // Counted once: looking each page top up in the whole text was pages × lines.
  const textCounts = new Map<string, number>();
  lines.forEach((line, at) => {
    if (!artefact.has(at)) textCounts.set(line.text, (textCounts.get(line.text) ?? 0) + 1);
  });
  tops.forEach((index, at) => {
    const text = index === undefined ? "" : (lines[index] as Line).text;
    if (index === undefined || artefact.has(index) || !sectionName.test(text)) return;
    const named = (textCounts.get(text) ?? 0) > 1; // the top itself, and its heading elsewhere
    const rest = (pages[at + 1] as number[]).filter(
      (other) => other > index && !artefact.has(other) && !isBlank(lines[other] as Line),
    );
    const continues = /^\p{Ll}/u.test(lines[rest[0] ?? -1]?.text ?? "");
    const namedHere = rest.some((other) => (lines[other] as Line).text === text);
    if (named && (continues || namedHere)) headers.add(index);
  });
  return headers;
}

const pageNumberShape = /^(\d{1,4})(\s*\/\s*\d{1,4})?$/u;

/**
 * Page numbers that pdftotext ran into a page's last line when it rejoined a word broken there ("not so dis2/4"
 * for "dis-" then "2/4"): where the other pages' bottom page numbers (`numbers`, two pages at least) stand alone,
 * a page without one whose last line ends in letters and a number of the same form (the same "/4") that follows
 * their sequence. Returns the rewritten lines by index: the number taken off and the word's hyphen given back, so
 * the word is rejoined with the next page's first line (or kept hyphenated) like any other broken word.
 */
export function splitFusedPageNumbers(
  lines: readonly Line[],
  pages: readonly number[][],
  numbers: ReadonlySet<number>,
  artefact: ReadonlySet<number>,
): Map<number, Line> {
  const forms = new Map<string, { offsets: Set<number>; pages: number }>();
  const unnumbered: number[] = [];
  pages.forEach((page, pageIndex) => {
    const bottom = edgeLines(lines, page, true);
    const number = bottom.find((index) => numbers.has(index));
    const match = number === undefined ? null : pageNumberShape.exec((lines[number] as Line).text);
    if (number === undefined) unnumbered.push(pageIndex);
    if (!match) return;
    const form = forms.get(match[2] ?? "") ?? { offsets: new Set(), pages: 0 };
    form.offsets.add(Number(match[1]) - pageIndex);
    form.pages++;
    forms.set(match[2] ?? "", form);
  });
  const rewritten = new Map<number, Line>();
  for (const pageIndex of unnumbered) {
    const last = [...(pages[pageIndex] as number[])]
      .reverse()
      .find((index) => !artefact.has(index) && !isBlank(lines[index] as Line));
    if (last === undefined) continue;
    const line = lines[last] as Line;
    const match = /^(.*\p{L})(\d{1,4})(\s*\/\s*\d{1,4})?$/u.exec(line.text);
    const form = match ? forms.get(match[3] ?? "") : undefined;
    if (!match || !form || form.pages < 2 || form.offsets.size !== 1) continue;
    if (!form.offsets.has(Number(match[2]) - pageIndex)) continue;
    rewritten.set(last, { ...line, text: `${match[1] as string}-` });
  }
  return rewritten;
}

/** A line's shape with every run of digits the same ("11/30/26, 4:38 PM" → "0/0/0, 0:0 PM"): lines alike but for their numbers. */
export const digitShape = (text: string) => text.replace(/\s+/gu, " ").replace(/\d+/gu, "0");

/** How many letters a text has. */
export const letterCount = (text: string) => text.replace(/\P{L}/gu, "").length;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

/** A pattern for furniture of `shape` at a line's start or end: its digits any digits, its spaces any spaces. */
function gluedPattern(shape: string): RegExp {
  const body = shape
    .split(" ")
    .map((word) => escapeRegExp(word).replace(/0/gu, "\\d+"))
    .join("\\s+");
  // (?<!\s): only a run of spaces' first space may start the glued end, or a long run is retried from each space.
  return new RegExp(`^${body}(?:\\s+|$)|(?<!\\s)\\s+${body}$`, "u");
}

/**
 * Running headers and footers glued onto a line of text at a page's edge, as pdftotext -raw and -layout print
 * them when they share a baseline ("and cart. The 11/30/26, 4:38 PM The Last Ferry"): the text of furniture
 * already found (`artefact`) at the line's start or end, the same but for its digits, is taken off, repeatedly.
 * Only furniture with three letters or eight characters counts (never a bare page number). Returns the lines
 * rewritten by index; a line that was nothing but pieces of furniture ("footer header") comes back empty.
 */
export function splitGluedFurniture(
  lines: readonly Line[],
  pages: readonly number[][],
  artefact: ReadonlySet<number>,
): Map<number, Line> {
  const shapes = new Set<string>();
  for (const index of artefact) {
    const text = (lines[index] as Line).text;
    if (letterCount(text) >= 3 || text.length >= 8) shapes.add(digitShape(text));
  }
  const patterns = [...shapes].sort((a, b) => b.length - a.length).map(gluedPattern);
  const rewritten = new Map<number, Line>();
  for (const page of pages) {
    const edges = new Set([...edgeLines(lines, page, false), ...edgeLines(lines, page, true)]);
    for (const index of edges) {
      // A line that is wholly one piece of furniture is furniture already, or the title it repeats.
      if (artefact.has(index) || shapes.has(digitShape((lines[index] as Line).text))) continue;
      const line = lines[index] as Line;
      let text = line.text;
      for (let changed = true; changed && text.length > 0;) {
        const before = text;
        for (const pattern of patterns) text = text.replace(pattern, "").trim();
        changed = text !== before;
      }
      if (text !== line.text) rewritten.set(index, { ...line, text });
    }
  }
  return rewritten;
}
