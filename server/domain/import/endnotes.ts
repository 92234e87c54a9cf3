// Endnotes printed as a section at the end of a text: a "Notes" heading over numbered notes with back links.
import { isBlank } from "./lines.ts";
import type { Line } from "./lines.ts";
import { markerPattern } from "./page-notes.ts";
import type { PageNote } from "./page-notes.ts";

/** The notes found and the index of the line where their section starts (its heading, or the first note). */
export interface Endnotes {
  notes: PageNote[];
  start: number;
}

const notesHeading = /^(?:end\s*|foot\s*)?notes$/iu;
const noteStart = /^(\d{1,3})(?:[.)]\s*|\s+)(?=\S)/u;
/** A back link from a note to its marker, as web pages print it ("↩", "↩︎", "↑", "^"). */
const backLinks = /(?<!\s)\s*(?:[↩↑⤴][\uFE0E\uFE0F]?|\^)(?=\s|$)/gu; // (?<!\s): each run of spaces tried once
const endsWithBackLink = /(?:[↩↑⤴][\uFE0E\uFE0F]?|\^)$/u;

/**
 * The endnote section closing `lines`: from a line reading "Notes" (also "Endnotes", "Footnotes") to the end,
 * notes numbered one by one from 1, each starting with its number ("1. ", "1) ", "1 ") and running to the next;
 * or, without such a heading, notes each ending in a back link ("↩"). Taken only when every note's marker stands
 * fused in the text above (after a word or closing punctuation, or superscript), so a closing numbered list stays.
 * Returns the notes, without numbers and back links, with the index where the section starts; undefined if none.
 */
export function findEndnotes(lines: readonly Line[]): Endnotes | undefined {
  let tried = 0;
  for (let start = lines.length - 1; start >= 0 && tried < candidateStarts; start--) {
    if (noteStart.exec((lines[start] as Line).text)?.[1] !== "1") continue;
    tried++;
    const found = readSection(lines, start);
    if (found) return found;
  }
  return undefined;
}

/**
 * How many lines opening with "1" are tried as the section's first note, from the end: a note's own text rarely
 * opens a line with "1", and each try reads to the end of the text (a text of a million "1 …" lines was quadratic).
 */
const candidateStarts = 5;

/** The endnote section whose first note is at `start`, if its notes, heading or back links and markers say so. */
function readSection(lines: readonly Line[], start: number): Endnotes | undefined {
  const notes = readNotes(lines.slice(start));
  if (!notes) return undefined;
  const heading = previousText(lines, start);
  const titled = heading !== undefined && notesHeading.test((lines[heading] as Line).text);
  const linked = notes.every((note) => endsWithBackLink.test(note.text));
  if (!titled && !linked) return undefined;
  const sectionStart = titled ? (heading as number) : start;
  const above = lines
    .slice(0, sectionStart)
    .map((line) => line.text)
    .join(" ");
  if (!notes.every((note) => markerPattern(Number(note.marker)).test(above))) return undefined;
  const clean = (line: Line) => ({
    ...line,
    text: line.text.replace(backLinks, "").trim(),
    indent: 0,
    pageBreakBefore: false,
  });
  return {
    start: sectionStart,
    notes: notes.map((note) => ({
      marker: note.marker,
      lines: note.lines.map(clean).filter((line) => !isBlank(line)),
    })),
  };
}

function previousText(lines: readonly Line[], index: number): number | undefined {
  for (let at = index - 1; at >= 0; at--) if (!isBlank(lines[at] as Line)) return at;
  return undefined;
}

/** Notes numbered 1, 2, … from the first line to the end, with their raw text; undefined when the numbers skip. */
function readNotes(lines: readonly Line[]): (PageNote & { text: string })[] | undefined {
  const notes: (PageNote & { text: string })[] = [];
  for (const line of lines) {
    if (isBlank(line)) continue;
    const number = noteStart.exec(line.text);
    if (number && Number(number[1]) === notes.length + 1) {
      const rest = { ...line, text: line.text.slice(number[0].length) };
      notes.push({ marker: number[1] as string, lines: [rest], text: rest.text });
    } else {
      const note = notes[notes.length - 1];
      if (!note) return undefined;
      note.lines.push(line);
      note.text += ` ${line.text}`;
    }
  }
  return notes;
}
