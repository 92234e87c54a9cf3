// Pages of a text with form feeds and what sits at their edges: section headers and page numbers run into a line.
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
 * elsewhere in the text too (the section's own heading) is that page's header. Returns their line indexes.
 */
export function findSectionHeaders(
  lines: readonly Line[],
  pages: readonly number[][],
  artefact: ReadonlySet<number>,
): Set<number> {
  const tops = pages.slice(1).flatMap((page) => edgeLines(lines, page, false).slice(0, 1));
  const opened = tops.filter((index) => artefact.has(index)).length;
  const headers = new Set<number>();
  if (opened < Math.max(2, tops.length / 2)) return headers;
  for (const index of tops) {
    const text = (lines[index] as Line).text;
    if (artefact.has(index) || !sectionName.test(text)) continue;
    const named = lines.some((line, other) => other !== index && !artefact.has(other) && line.text === text);
    if (named) headers.add(index);
  }
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
