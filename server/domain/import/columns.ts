// Two columns side by side in a layout-preserving extraction (pdftotext -layout): read the left, then the right.
import { isBlank } from "./lines.ts";
import type { Line } from "./lines.ts";

/** Rows with text on both sides of the gutter a region needs before it is read as two columns. */
const leastTwoSidedRows = 4;

/** A line as laid out: its indent restored. */
const laidOut = (line: Line) => " ".repeat(line.indent) + line.text;

/** Where a right column may start on a row: after two spaces or more that follow text. */
function gutterStarts(row: string): number[] {
  const starts: number[] = [];
  for (const match of row.matchAll(/\S( {2,})(?=\S)/gu))
    starts.push(match.index + 1 + (match[1] as string).length);
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
  for (let at = first; at < rows.length && clearAt(rows[at] as string, start); at++) {
    const row = rows[at] as string;
    if (row.slice(start).trim()) {
      end = at + 1;
      if (row.slice(0, start).trim()) twoSided++;
    }
  }
  return { end, twoSided };
}

/**
 * Reads two-column stretches of a layout-preserving extraction column by column. pdftotext -layout prints a page set
 * in two columns row by row ("The introduction of a new        of prisms, which gath-"); a stretch is taken as two
 * columns when, from a row with text on both sides of a run of two or more spaces, at least four rows keep the same
 * gutter position clear and have text on both sides of it. The stretch ends at the last row with text right of the
 * gutter; its left parts come first, then its right parts (a part's indent is measured from its column's edge).
 * Lines outside such stretches are returned as they are.
 */
export function readColumns(lines: readonly Line[]): Line[] {
  // Most texts have no row with a gutter: they pass untouched, without laying out a single row.
  if (!lines.some((line) => line.text.includes("  "))) return [...lines];
  const rows = lines.map(laidOut);
  const result: Line[] = [];
  for (let index = 0; index < lines.length;) {
    const line = lines[index] as Line;
    let best: { start: number; end: number; twoSided: number } | undefined;
    if (!isBlank(line) && line.text.includes("  ")) {
      for (const start of gutterStarts(rows[index] as string)) {
        const region = measureRegion(rows, index, start);
        if (region.twoSided >= leastTwoSidedRows && region.twoSided > (best?.twoSided ?? 0))
          best = { start, ...region };
      }
    }
    if (!best) {
      result.push(line);
      index++;
      continue;
    }
    const { start, end } = best;
    for (let at = index; at < end; at++)
      result.push(part(rows[at] as string, 0, start, (lines[at] as Line).pageBreakBefore));
    for (let at = index; at < end; at++) result.push(part(rows[at] as string, start, Infinity, false));
    index = end;
  }
  return result;
}
