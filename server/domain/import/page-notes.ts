// Footnote bodies at the foot of a page: numbered lines after the page's last body line, found by their markers.
import { isBlank } from "./lines.ts";
import type { Line } from "./lines.ts";

/** One footnote body taken from the foot of a page: its number and its lines (the number removed). */
export interface PageNote {
  marker: string;
  lines: Line[];
}

/** The notes found, the line indexes they occupied, and body lines that had a note fused to their end. */
export interface PageNotes {
  notes: PageNote[];
  lines: Set<number>;
  /** Body lines rewritten: the part before a note that the extractor ran into them ("interpreta3 The word"). */
  replacements: Map<number, Line>;
}

const noteStart = /^(\d{1,3})(?!\d)(?:\s+|(?=[\p{Lu}“‘"(]))(?=[\p{L}“‘"(])/u;
const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** A marker for note `number` in running text: fused after a letter or closing punctuation, or superscript. */
export function markerPattern(number: number): RegExp {
  const superscript = [...String(number)].map((digit) => superscripts[Number(digit)]).join("");
  return new RegExp(`(?<=[\\p{L}.,;:!?’”")\\]])${number}(?!\\d)|${superscript}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])`, "u");
}

const numberOf = (line: Line) => Number(noteStart.exec(line.text)?.[1] ?? Number.NaN);

/**
 * The start of the footnote zone of one page: the earliest note-start line from which every note-start line
 * down to the page's end is numbered one more than the one before, and every number has its marker in the page's
 * body above the zone. Returns -1 when the page has no such zone.
 */
function findZoneStart(lines: readonly Line[], body: readonly number[]): number {
  for (let start = 0; start < body.length; start++) {
    const first = lines[body[start] as number] as Line;
    if (!noteStart.test(first.text)) continue;
    const numbers = body
      .slice(start)
      .map((index) => lines[index] as Line)
      .filter((line) => noteStart.test(line.text))
      .map(numberOf);
    if (!numbers.every((value, at) => value === (numbers[0] as number) + at)) continue;
    const above = body
      .slice(0, start)
      .map((index) => (lines[index] as Line).text)
      .join(" ");
    if (numbers.every((value) => markerPattern(value).test(above))) return start;
  }
  return -1;
}

/**
 * A body line with the note before `next` fused to its end, as pdftotext prints a page-final hyphenated word
 * followed by the first note ("interpreta3 The word…"): only when the note's marker also appears earlier on the
 * page. The body part gets its hyphen back when the next page goes on in lower case, so the word can be rejoined.
 */
function splitFusedNote(
  line: Line,
  number: number,
  earlier: string,
  nextPageStartsLower: boolean,
): { body: Line; note: Line } | undefined {
  const match = new RegExp(`^(.*\\p{L})${number}\\s+(\\p{Lu}.*)$`, "u").exec(line.text);
  if (!match || !markerPattern(number).test(earlier)) return undefined;
  const head = match[1] as string;
  return {
    body: { ...line, text: nextPageStartsLower ? `${head}-` : head },
    note: { ...line, text: `${number} ${match[2] as string}`, indent: 0 },
  };
}

/**
 * Finds footnote bodies at the foot of each page (pages are lists of line indexes; `artefact` lines are page
 * furniture already removed). A note starts with its number, fused or spaced ("3 The word", "3The word"), and
 * runs to the next note or the page's end; the zone is taken only when its numbers are consecutive and each
 * marker stands in the page's text above (see findZoneStart), so a numbered list or a year is not taken.
 */
export function findPageNotes(
  lines: readonly Line[],
  pages: readonly number[][],
  artefact: ReadonlySet<number>,
): PageNotes {
  const result: PageNotes = { notes: [], lines: new Set(), replacements: new Map() };
  pages.forEach((page, pageIndex) => {
    const body = page.filter((index) => !artefact.has(index) && !isBlank(lines[index] as Line));
    const start = findZoneStart(lines, body);
    if (start < 0) return;
    const zoneLines: Line[] = body.slice(start).map((index) => lines[index] as Line);
    const before = body[start - 1];
    const nextPage = pages[pageIndex + 1]?.find(
      (index) => !artefact.has(index) && !isBlank(lines[index] as Line),
    );
    const nextLower = nextPage !== undefined && /^\p{Ll}/u.test((lines[nextPage] as Line).text);
    if (before !== undefined) {
      const earlier = body
        .slice(0, start - 1)
        .map((index) => (lines[index] as Line).text)
        .join(" ");
      const fused = splitFusedNote(
        lines[before] as Line,
        numberOf(zoneLines[0] as Line) - 1,
        earlier,
        nextLower,
      );
      if (fused) {
        result.replacements.set(before, fused.body);
        zoneLines.unshift(fused.note);
      }
    }
    for (const index of page.slice(page.indexOf(body[start] as number))) {
      if (!artefact.has(index)) result.lines.add(index);
    }
    for (const line of zoneLines) {
      const number = noteStart.exec(line.text);
      if (number) {
        const text = line.text.slice(number[0].length).trimStart();
        result.notes.push({
          marker: number[1] as string,
          lines: [{ ...line, text, indent: 0, pageBreakBefore: false }],
        });
      } else {
        result.notes[result.notes.length - 1]?.lines.push({ ...line, indent: 0, pageBreakBefore: false });
      }
    }
  });
  return result;
}
