// A PDF's notes: footnotes at each page's foot, endnotes after the text, each by its marker, without back links.
import type { LaidOutLine } from "./page-blocks.ts";
import type { PageLine } from "./page-lines.ts";

/** A note's text as found on its page, by its marker. */
export interface PageNote {
  marker: string;
  /** 0-based page the note was set on (its first line's). */
  page: number;
  lines: LaidOutLine[];
}

/** A note's first line: its marker followed by text ("3 See…", "* Read…", "12. Cf."). */
const noteStart = /^(\d{1,3}|[*†‡§¶]{1,3})[.)]?\s+(?=\S)/u;

/** The marker a line opens a note with: a raised marker at its start, or "3 ", "3. ", "* " before its text. */
const opens = (line: PageLine): string | undefined =>
  line.markers[0]?.offset === 0 ? line.markers[0].marker : noteStart.exec(line.text)?.[1];

/** A note's line without the marker that opens it. */
function noteLine(line: PageLine, pageBreakBefore: boolean): LaidOutLine {
  const leadingMarker = line.markers[0]?.offset === 0;
  return {
    text: opens(line) && !leadingMarker ? line.text.replace(noteStart, "") : line.text,
    markers: leadingMarker ? line.markers.slice(1) : line.markers,
    pageBreakBefore,
  };
}

/**
 * The page's footnotes: the run of lines at its foot set smaller than the body, the first of them starting with a
 * marker (or, continuing a note from the page before, `carried`). Anything else stays body text.
 * @returns the lines above the notes, and the notes
 */
export function takeFootnotes(
  lines: readonly PageLine[],
  bodySize: number,
  page: number,
  carried: PageNote | undefined,
): { body: PageLine[]; notes: PageNote[] } {
  let start = lines.length;
  while (start > 0 && lines[start - 1]!.size < bodySize * 0.92 && !lines[start - 1]!.bold) start--;
  // A note zone ends the page; a paragraph in small type above body text (a caption, a quote) is not one.
  const zone = lines.slice(start);
  while (zone.length > 0 && !opens(zone[0]!) && !(carried && carried.page === page - 1)) {
    zone.shift();
    start++;
  }
  const notes: PageNote[] = [];
  let current = zone.length > 0 && !opens(zone[0]!) ? carried : undefined;
  for (const line of zone) {
    const marker = opens(line);
    const laid = noteLine(
      line,
      current !== undefined && current.page !== page && current.lines.length > 0 && notes.length === 0,
    );
    if (marker) {
      current = { marker, page, lines: [laid] };
      notes.push(current);
    } else current?.lines.push(laid);
  }
  return { body: lines.slice(0, start), notes };
}

/**
 * Endnotes set in the body's type after the text (a web page's printed notes list, a book's notes section): the last
 * run of body lines, up to the end or to the next heading, whose note openings ("1. ", a raised "1") give exactly the
 * markers in the text that no footnote answers, in the same order. Its lines leave `bodies` (changed in place), and
 * so does the heading right above it ("Notes"), which heads nothing once the notes ride on their markers.
 * @param footnotes the notes already found at the pages' feet
 * @param isHeading whether a body line of a page is a heading
 * @returns the endnotes (none when no such run exists) and whether a heading above them was taken
 */
export function takeEndnotes(
  bodies: PageLine[][],
  footnotes: readonly PageNote[],
  isHeading: (line: PageLine, page: number) => boolean,
): { notes: PageNote[]; headingTaken: boolean } {
  const answered = new Set(footnotes.map((note) => note.marker));
  const wanted = bodies
    .flat()
    .flatMap((line) => line.markers.filter((marker) => marker.offset > 0 || opens(line) === undefined))
    .map((marker) => marker.marker)
    .filter((marker) => !answered.has(marker));
  const none = { notes: [], headingTaken: false };
  if (wanted.length === 0) return none;
  const lines = bodies.flatMap((pageLines, page) => pageLines.map((line) => ({ line, page })));
  for (let start = lines.length - 1; start >= 0; start--) {
    if (opens(lines[start]!.line) !== wanted[0]) continue;
    let end = start;
    while (end < lines.length && !isHeading(lines[end]!.line, lines[end]!.page)) end++;
    const run = lines.slice(start, end);
    const markers = run.flatMap(({ line }) => opens(line) ?? []);
    if (markers.join("\u0000") !== wanted.join("\u0000")) continue;
    const notes: PageNote[] = [];
    for (const { line, page } of run) {
      const current = notes.at(-1);
      if (opens(line)) notes.push({ marker: opens(line)!, page, lines: [noteLine(line, false)] });
      else current!.lines.push(noteLine(line, page !== current!.page));
    }
    const above = lines[start - 1];
    const headingTaken = above !== undefined && isHeading(above.line, above.page);
    const taken = new Set([...run, ...(headingTaken ? [above] : [])].map(({ line }) => line));
    bodies.forEach((pageLines, page) => {
      bodies[page] = pageLines.filter((line) => !taken.has(line));
    });
    return { notes, headingTaken };
  }
  return none;
}

/** A note's link back to its marker, as a browser prints an endnote's ("↩", "↑", "⤴"), at the end of the note. */
// The lookbehind starts a match only where a run of spaces and links begins: retried from inside a long run, it was
// quadratic ("↩↩↩…x", a million spaces).
const backlinks = /(?<![\s↩↑⤴]|[\uFE0E\uFE0F])(?:\s*[↩↑⤴][\uFE0E\uFE0F]?)+$/u;

/** A note without the back links at its end (and without a last line that held nothing else). */
export function withoutBacklinks(note: PageNote): PageNote {
  const lines = [...note.lines];
  while (lines.length > 1 && lines.at(-1)!.text.replace(backlinks, "") === "") lines.pop();
  const last = lines.at(-1)!;
  const text = last.text.replace(backlinks, "");
  if (text === last.text && lines.length === note.lines.length) return note;
  lines[lines.length - 1] = {
    ...last,
    text,
    markers: last.markers.map((marker) => ({ ...marker, offset: Math.min(marker.offset, text.length) })),
  };
  return { ...note, lines };
}
