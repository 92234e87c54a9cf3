// Two columns side by side in a layout-preserving extraction (pdftotext -layout): read the left, then the right.
import { isBlank } from "./lines.ts";
import type { Line } from "./lines.ts";

/** Rows with text on both sides of the gutter a region needs before it is read as two columns. */
const leastTwoSidedRows = 4;

/** Rows with nothing in the right column after which a two-column stretch is over. */
const widestColumnGap = 6;

/** A line as laid out: its indent restored. */
const laidOut = (line: Line) => " ".repeat(line.indent) + line.text;

/**
 * Where a right column may start on a row: after a run of two spaces or more that follows text, from two spaces
 * into the run (`first`) to its end (`last`, where this row's right part starts).
 */
function gutterStarts(row: string): { first: number; last: number }[] {
  const starts: { first: number; last: number }[] = [];
  for (const match of row.matchAll(/\S( {2,})(?=\S)/gu)) {
    const run = match[1] as string;
    starts.push({ first: match.index + 3, last: match.index + 1 + run.length });
  }
  return starts;
}

/** Whether a row leaves the two characters before `start` empty: it does not run across the gutter. */
const clearAt = (row: string, start: number) =>
  (row[start - 1] ?? " ") === " " && (row[start - 2] ?? " ") === " ";

/** A row's text from `from` to `to` as a line (indent measured from `from`), blank if none. */
function part(row: string, from: number, to: number, pageBreakBefore: boolean): Line {
  const slice = row.slice(from, to);
  const text = slice.trim();
  return { text, indent: text ? slice.length - slice.trimStart().length : 0, pageBreakBefore };
}

/** The region of rows from `first` that keep the gutter at `start` clear, up to the last with text right of it. */
function measureRegion(rows: readonly string[], first: number, start: number) {
  let twoSided = 0;
  let end = first;
  // A column's text runs on with a few blank rows at most (a paragraph's or a heading's space): searching further
  // for more would cost a pass over the whole text from every row of short lines.
  for (
    let at = first;
    at < rows.length && at - end < widestColumnGap && clearAt(rows[at] as string, start);
    at++
  ) {
    const row = rows[at] as string;
    if (row.slice(start).trim()) {
      end = at + 1;
      if (row.slice(0, start).trim()) twoSided++;
    }
  }
  return { end, twoSided };
}

/**
 * The row after a two-column stretch ending before `end`, taking in the rows right after it (no blank row between)
 * with text only in the left column: the left column runs on below a shorter right one.
 */
function leftColumnTail(rows: readonly string[], end: number, start: number): number {
  let after = end;
  for (; after < rows.length; after++) {
    const row = rows[after] as string;
    if (!row.slice(0, start).trim() || row.slice(start).trim() || !clearAt(row, start)) break;
  }
  return after;
}

/** How far a right column's line may start right of the column's edge (a paragraph indent) and still be its own. */
const deepestColumnIndent = 8;

/**
 * The first row of a two-column stretch whose first row with text on both sides is `index`: rows right above it with
 * text only in the right column (starting at its edge or a paragraph indent in) belong to the stretch, as when the
 * left column opens lower than the right. A blank row, a row with text left of the gutter, or one further right (a
 * running head at the page's right edge) ends the search; rows before `floor` belong to an earlier stretch.
 */
function rightColumnHead(rows: readonly string[], index: number, start: number, floor: number): number {
  let first = index;
  for (; first > floor; first--) {
    const row = rows[first - 1] as string;
    const right = row.slice(start);
    const indent = right.length - right.trimStart().length;
    if (row.slice(0, start).trim() || !right.trim() || indent > deepestColumnIndent) break;
  }
  return first;
}

/**
 * Whether the parts of rows `from`..`to` on one side of the gutter (`left` or right of `start`) read as a column of
 * text: the side is a fifth of the region's width or more, and at least half its lines are four fifths as long as
 * the longest line starting at the same indent or longer. A column's lines fill its measure; a table of contents'
 * page numbers, a list's labels or a glossary's terms are too narrow or too ragged, and their rows stay rows.
 */
function isColumnText(
  rows: readonly string[],
  from: number,
  to: number,
  start: number,
  left: boolean,
): boolean {
  const parts: { indent: number; length: number }[] = [];
  let regionWidth = 0;
  for (let at = from; at < to; at++) {
    const row = rows[at] as string;
    regionWidth = Math.max(regionWidth, row.trimEnd().length);
    const slice = left ? row.slice(0, start) : row.slice(start);
    const text = slice.trim();
    if (text) parts.push({ indent: slice.length - slice.trimStart().length, length: text.length });
  }
  const widest = new Map<number, number>();
  for (const { indent, length } of parts) widest.set(indent, Math.max(widest.get(indent) ?? 0, length));
  // Loops, not Math.max(...parts) or push(...lines): spreading a region of 200,000 rows overflows the call stack.
  let leftmost = Infinity;
  let rightmost = 0;
  for (const part of parts) {
    leftmost = Math.min(leftmost, part.indent);
    rightmost = Math.max(rightmost, part.indent + part.length);
  }
  const width = rightmost - leftmost;
  const full = parts.filter((part) => part.length >= 0.8 * (widest.get(part.indent) as number)).length;
  return width >= 0.2 * regionWidth && full >= parts.length / 2;
}

/**
 * Reads two-column stretches of a layout-preserving extraction column by column. pdftotext -layout prints a page set
 * in two columns row by row ("The introduction of a new        of prisms, which gath-"); a stretch is taken as two
 * columns when, from a row with text on both sides of a run of two or more spaces, at least four rows keep the same
 * gutter position clear and have text on both sides of it, and both sides read as column text (isColumnText). The
 * column's edge may lie left of where the first row's right part starts (a paragraph indent). The stretch ends at the
 * last row with text right of the gutter; its left parts come first, then its right parts (a part's indent is
 * measured from its column's edge), each side read again for columns of its own (three or more across). Each page
 * (form feed) is read by itself: columns end at the foot of their page, and the next page's gutter may stand
 * elsewhere. Lines outside such stretches are returned as they are.
 */
export function readColumns(lines: readonly Line[]): Line[] {
  // Most texts have no row with a gutter: they pass untouched, without laying out a single row.
  if (!lines.some((line) => line.text.includes("  "))) return [...lines];
  const pages: Line[][] = [];
  lines.forEach((line, index) => {
    if (index === 0 || (line.pageBreakBefore && !lines[index - 1]?.pageBreakBefore)) pages.push([]);
    pages.at(-1)?.push(line);
  });
  return pages.flatMap(readPageColumns);
}

/** readColumns on one page's lines. */
function readPageColumns(lines: readonly Line[]): Line[] {
  const rows = lines.map(laidOut);
  const result: Line[] = [];
  // Rows before `free` were read as part of a region already; rows from it on were passed through unchanged.
  let free = 0;
  for (let index = 0; index < lines.length;) {
    const line = lines[index] as Line;
    let best: { start: number; end: number; twoSided: number } | undefined;
    if (!isBlank(line) && line.text.includes("  ")) {
      for (const gutter of gutterStarts(rows[index] as string)) {
        // The right part of this row may open with a paragraph indent: the column's edge can lie further left in
        // the gutter, and the edge is the rightmost position the most rows keep clear.
        for (let start = gutter.first; start <= gutter.last; start++) {
          const region = measureRegion(rows, index, start);
          const columns =
            region.twoSided >= leastTwoSidedRows &&
            region.twoSided >= (best?.twoSided ?? 0) &&
            isColumnText(rows, index, region.end, start, true) &&
            isColumnText(rows, index, region.end, start, false);
          if (columns) best = { start, ...region };
        }
      }
    }
    if (!best) {
      result.push(line);
      index++;
      continue;
    }
    const { start } = best;
    const first = rightColumnHead(rows, index, start, free);
    const end = leftColumnTail(rows, best.end, start);
    result.splice(result.length - (index - first));
    const left: Line[] = [];
    const right: Line[] = [];
    for (let at = first; at < end; at++) {
      left.push(part(rows[at] as string, 0, start, (lines[at] as Line).pageBreakBefore));
      right.push(part(rows[at] as string, start, Infinity, false));
    }
    // Either side may hold columns of its own (three or more across the page): each is read the same way.
    for (const line of [readPageColumns(left), readPageColumns(right)].flat()) result.push(line);
    index = end;
    free = end;
  }
  return result;
}
