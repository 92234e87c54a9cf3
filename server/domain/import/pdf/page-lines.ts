// A PDF page's positioned text runs to lines in reading order: runs on one baseline joined, superscript footnote
// markers taken out of the text, columns read one after another.
import { readingOrder } from "./reading-order.ts";

/** One run of text as the PDF draws it, in points from the page's top-left corner. */
export interface TextRun {
  text: string;
  /** Left edge of the run. */
  x: number;
  /** Baseline, measured down from the top of the page. */
  y: number;
  width: number;
  /** Font size in points (the text matrix's vertical scale). */
  size: number;
  /** The font's PostScript name (a subset prefix such as "ABCDEF+" removed). */
  font: string;
}

/** A superscript marker found in a line: what it says and where in the line's text it stood. */
export interface LineMarker {
  marker: string;
  /** UTF-16 offset in the line's text that the marker follows. */
  offset: number;
}

/** One line of a page. */
export interface PageLine {
  text: string;
  markers: LineMarker[];
  left: number;
  right: number;
  /** Baseline from the page's top. */
  y: number;
  /** The size most of the line's characters are set in. */
  size: number;
  /** Whether every letter of the line is in a bold font. */
  bold: boolean;
  /** The column the line was read in: 0 outside any column (a one-column page, a line across columns), else 1, 2, … */
  column: number;
}

/** Font names of bold, black, heavy and semibold faces (TeX's CMBX and "…-Bd" included). */
const boldFont = /bold|black|heavy|semibold|demi|[-,]bd\b|cmbx|cmb\d|lmroman\d*-bold|\bbx\b/i;
export const isBoldFont = (font: string): boolean => boldFont.test(font);

/** A lone footnote marker: one to three digits, a letter, or one to three of * † ‡ § ¶. */
const markerText = /^(?:\d{1,3}|[a-z]|[*†‡§¶‖]{1,3})$/u;

/**
 * The lines of a page in reading order. A run joins the line being built when it sits on its baseline (or is a smaller
 * raised run: a superscript) and starts near where the line ends; a smaller raised run that reads as a marker
 * ("3", "*", "†") becomes a LineMarker instead of text. Lines are then put in reading order (readingOrder: columns
 * found by their gutters, wherever they stand on the page).
 * @param runs the page's runs in the order the PDF draws them
 */
export function pageLines(runs: readonly TextRun[]): PageLine[] {
  const lines: Building[] = [];
  let current: Building | undefined;
  for (const run of runs) {
    if (!run.text.trim() && run.width <= 0) continue;
    if (current && belongs(current, run)) add(current, run);
    else {
      current = start(run);
      lines.push(current);
    }
  }
  return readingOrder(lines.map(finish).filter((line) => line.text.trim() || line.markers.length > 0)).map(
    ({ line, column }) => ({ ...line, column }),
  );
}

interface Building {
  runs: TextRun[];
  /** The baseline and size of the line's main text (its first run at full size). */
  y: number;
  size: number;
  right: number;
}

/** A run of spaces only: its drawn width is not where text ends (justified word spacing can overlap the next word). */
const isBlank = (run: TextRun) => !run.text.trim();
const textEnd = (run: TextRun) => (isBlank(run) ? run.x : run.x + run.width);

function start(run: TextRun): Building {
  return { runs: [run], y: run.y, size: run.size, right: textEnd(run) };
}

function belongs(line: Building, run: TextRun): boolean {
  const size = Math.max(line.size, run.size);
  const rise = line.y - run.y;
  const sameBaseline = Math.abs(rise) < 0.35 * size;
  const superscript = run.size < line.size * 0.9 && rise > 0 && rise < 0.8 * line.size;
  // A line that began with a superscript (a note's marker) takes its real baseline from the next run.
  const afterLeadingMarker = line.size < run.size * 0.9 && -rise > 0 && -rise < 0.8 * run.size;
  if (!sameBaseline && !superscript && !afterLeadingMarker) return false;
  const gap = run.x - line.right;
  // After a space the PDF drew, the next word may stand as far off as the space is wide (a justified line).
  const last = line.runs.at(-1)!;
  return gap > -0.5 * size && gap < 1.5 * size + (isBlank(last) ? last.width : 0);
}

function add(line: Building, run: TextRun): void {
  if (line.size < run.size * 0.9 && run.y > line.y) {
    line.y = run.y;
    line.size = run.size;
  }
  line.runs.push(run);
  line.right = Math.max(line.right, textEnd(run));
}

function finish(line: Building): PageLine {
  let text = "";
  const markers: LineMarker[] = [];
  const sizes = new Map<number, number>();
  let letters = 0;
  let boldLetters = 0;
  let previousEnd: number | undefined;
  for (const run of line.runs) {
    const raised = line.y - run.y > 0.15 * line.size && run.size < line.size * 0.9;
    const value = run.text.trim();
    if (raised && markerText.test(value)) {
      markers.push({ marker: value, offset: text.trimEnd().length });
      previousEnd = run.x + run.width;
      continue;
    }
    const gap = previousEnd === undefined ? 0 : run.x - previousEnd;
    if (text && gap > 0.15 * run.size && !/\s$/u.test(text) && !/^\s/u.test(run.text)) text += " ";
    text += run.text;
    previousEnd = run.x + run.width;
    const count = run.text.replace(/\s/gu, "").length;
    const size = Math.round(run.size * 2) / 2;
    sizes.set(size, (sizes.get(size) ?? 0) + count);
    if (/\p{L}/u.test(run.text)) {
      letters += count;
      if (isBoldFont(run.font)) boldLetters += count;
    }
  }
  const leading = text.length - text.trimStart().length;
  const trimmed = text.trim().replace(/\s+/gu, " ");
  const size = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? line.size;
  return {
    text: trimmed,
    markers: markers.map((marker) => ({
      ...marker,
      offset: Math.min(trimmed.length, Math.max(0, marker.offset - leading)),
    })),
    left: Math.min(...line.runs.map((run) => run.x)),
    right: line.right,
    y: line.y,
    size,
    bold: letters > 0 && boldLetters === letters,
    column: 0,
  };
}
