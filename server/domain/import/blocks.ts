// Lines to blocks: paragraph boundaries (blank lines, indentation, page-break cues) and block kinds.
import type { BlockKind } from "../../../shared/schemas/documents.ts";
import { endsSentence, isBlank, measureLocalWidth } from "./lines.ts";
import type { Line } from "./lines.ts";
import { endsWithHyphen } from "./dehyphenate.ts";

/** A block before its lines are joined: kind and source lines. */
export interface RawBlock {
  kind: BlockKind;
  lines: Line[];
}

/** Layout facts measured on the whole text. */
export interface Layout {
  /** Length of a full line of running text. */
  width: number;
  /** Whether paragraphs are separated by blank lines. */
  blankSeparated: boolean;
}

/** The blocks and what was decided at page breaks. */
export interface Segmentation {
  blocks: RawBlock[];
  pageBreaks: number;
  paragraphsJoinedAcrossPages: number;
  unresolved: { token: string; reason: string }[];
}

const enumeratedHeading =
  /^(?:\(?[a-zA-Z]\)|[A-Z]\.|\d{1,2}(?:\.\d{1,2})*[.)]?|[IVXLC]{1,6}[.)])\s+[\p{Lu}\p{Lt}]/u;
const colophonStart =
  /^(?:\(|\[|translat|originally|first published|published|reprinted|source:|copyright|©|licensed)/iu;

/** Whether a line opens a numbered or lettered section heading ("a) Crisis…", "2. Method", "IV. Notes"). */
export function isEnumeratedHeading(text: string): boolean {
  return enumeratedHeading.test(text) && text.length <= 200;
}

/** The most common indentation of lines that start a paragraph after a blank line. */
function measureParagraphIndent(lines: readonly Line[]): number {
  const counts = new Map<number, number>();
  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    if (isBlank(line) || (previous && !isBlank(previous))) return;
    counts.set(line.indent, (counts.get(line.indent) ?? 0) + 1);
  });
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * The extent (indent + length) below which a line ends well short of the measure: 0.9 × the 10th percentile of
 * lines that certainly run on (the next line goes on in lower case), so proportional fonts' ragged character
 * counts are learned from the text itself; 0.8 × the line width when fewer than five such lines exist.
 */
export function measureShortLimit(lines: readonly Line[], width: number): number {
  const running: number[] = [];
  lines.forEach((line, index) => {
    const next = lines[index + 1];
    const runsOn = next !== undefined && !next.pageBreakBefore && /^\p{Ll}/u.test(next.text);
    if (runsOn && !isBlank(line) && !fusedMarkerEnd.test(line.text))
      running.push(line.indent + line.text.length);
  });
  if (running.length < 5) return 0.8 * width;
  running.sort((a, b) => a - b);
  return 0.9 * (running[Math.floor(running.length * 0.1)] as number);
}

const startsSentence = /^[\p{Lu}\p{Lt}\d“‘"'([]/u;

/** A line this much longer than the lines around it holds two lines an extractor joined at a hyphen. */
const joinedLineRatio = 1.3;

/**
 * The shortest extent (indent + length) of a full line at `index`: the text-wide short limit, or 0.85 × the local
 * measure where the lines around are longer (a narrow column elsewhere pulls the text-wide limit down).
 */
function shortLimitAt(lines: readonly Line[], index: number, shortLimit: number): number {
  const local = measureLocalWidth(lines, index);
  return Number.isFinite(local) ? Math.max(shortLimit, 0.85 * local) : shortLimit;
}

/**
 * The line at `index` as far as its last physical line goes: a line far longer than the lines of prose around it
 * (16 characters or more) is two lines an extractor joined (pdftotext's default mode joins a line cut at a hyphen to the next), and only its second
 * part can end short.
 */
function lastPhysicalLine(lines: readonly Line[], index: number): Line {
  const line = lines[index] as Line;
  const local = measureLocalWidth(lines, index);
  if (!Number.isFinite(local) || local < 16 || line.text.length <= joinedLineRatio * local) return line;
  return { ...line, indent: 0, text: line.text.slice(Math.round(local)) };
}

/** Whether the line at `index` (its last physical line) ends well short of the measure around it. */
function endsShort(lines: readonly Line[], index: number, shortLimit: number): boolean {
  const line = lastPhysicalLine(lines, index);
  return line.indent + line.text.length < shortLimitAt(lines, index, shortLimit);
}

const words = (text: string) => text.split(/\s+/u).filter(Boolean);
const minorWord =
  /^(?:a|an|the|and|or|nor|but|of|in|on|at|to|for|by|with|from|as|into|upon|over|de|la|le|von|van)$/u;

/** Whether every word of a line is capitalized but short function words ("A Crossing of Ten Minutes"). */
function isTitleCase(text: string): boolean {
  const list = words(text);
  return (
    list.length > 0 &&
    list.every(
      (word, index) => /^[^\p{L}]*[\p{Lu}\p{Lt}\d]/u.test(word) || (index > 0 && minorWord.test(word)),
    )
  );
}

/**
 * Whether `line` is a heading standing between paragraphs without blank lines around it: the line before ended a
 * sentence, the line is short (under 0.7 × the measure, at most twelve words), starts with a capital or digit and
 * ends without punctuation, the next line starts a sentence, and either the heading is in title case or the next
 * line runs the full measure (a paragraph's first line, which no short line ending a paragraph is).
 */
function startsHeadingBetweenParagraphs(
  previous: Line,
  line: Line,
  next: Line | undefined,
  limits: { width: number; short: number },
): boolean {
  if (!next || isBlank(next) || !endsSentence(previous.text) || !startsSentence.test(next.text)) return false;
  const text = line.text;
  if (text.length >= 0.7 * limits.width || words(text).length > 12 || !/^[\p{Lu}\p{Lt}\d]/u.test(text))
    return false;
  if (/[.!?…,;:\-‐]["”’)]*\d{0,3}$/u.test(text)) return false;
  return isTitleCase(text) || next.indent + next.text.length >= limits.short;
}

/**
 * Whether a text with blank lines also runs paragraphs together without them (pdftotext's default mode puts blank
 * lines only around headings and page furniture): no sentence ends at a blank line before another starts, or at least
 * two sentence ends on a short line, or before an indented line, where a sentence starts, and one for every three
 * such ends at a blank.
 */
function hasParagraphsWithoutBlanks(lines: readonly Line[], shortLimit: number): boolean {
  let tight = 0;
  let blank = 0;
  let previousAt = -1;
  let blankBetween = false;
  lines.forEach((line, index) => {
    if (isBlank(line)) {
      blankBetween = true;
      return;
    }
    const previous = lines[previousAt];
    if (previous && endsSentence(previous.text) && startsSentence.test(line.text)) {
      if (blankBetween) blank++;
      else if (
        !line.pageBreakBefore &&
        (line.indent > previous.indent || endsShort(lines, previousAt, shortLimit))
      )
        tight++;
    }
    previousAt = index;
    blankBetween = false;
  });
  return blank === 0 || (tight >= 2 && 3 * tight >= blank);
}

const loneNumeral = /^(?:\d{1,4}|[IVXLC]{1,7})$/u;
const fusedMarkerEnd = /[\p{L}.,;:!?’”")\]]\d{1,3}$/u;

/**
 * Whether `line` starts a new paragraph in text without blank lines between paragraphs: the line before ended a
 * sentence well short of the measure and this one starts a sentence (unless the line before is only the head
 * of a line an extractor broke at a footnote marker: "timidity.5" / "Their", which together fit one line).
 */
function startsParagraphAfterShortLine(
  previous: Line,
  line: Line,
  shortLimit: number,
  width: number,
): boolean {
  if (!startsSentence.test(line.text) || !endsSentence(previous.text)) return false;
  if (previous.indent + previous.text.length >= shortLimit) return false;
  return !isBrokenAtMarker(previous, line, width);
}

/**
 * Whether the line at `index` is the end of the line before it that an extractor put on a line of its own
 * ("centre outwards." / "The" / "keepers, some of whom"): it is short, ends no sentence, the next line goes on in
 * lower case, it is under a quarter of the measure around it and both would fit one line of it. No paragraph opens
 * with so short a line.
 */
function isTailOfLine(lines: readonly Line[], index: number, previous: Line): boolean {
  const line = lines[index] as Line;
  const next = lines[index + 1];
  const local = measureLocalWidth(lines, index);
  return (
    !endsSentence(line.text) &&
    next !== undefined &&
    /^\p{Ll}/u.test(next.text) &&
    line.text.length < 0.25 * local &&
    previous.text.length + 1 + line.text.length <= 1.1 * local
  );
}

/** The longest a line around `index` runs: the 80th percentile of up to six non-blank lines on each side (lines an
 * extractor joined left out), the room a line had before its next word had to wrap. */
function roomAt(lines: readonly Line[], index: number): number {
  const local = measureLocalWidth(lines, index);
  const around: number[] = [];
  for (let at = index - 1; at >= 0 && at >= index - 12 && around.length < 6; at--) {
    const other = lines[at] as Line;
    if (!isBlank(other) && other.text.length <= joinedLineRatio * local)
      around.push(other.indent + other.text.length);
  }
  const before = around.length;
  for (let at = index + 1; at < lines.length && at <= index + 12 && around.length < before + 6; at++) {
    const other = lines[at] as Line;
    if (!isBlank(other) && other.text.length <= joinedLineRatio * local)
      around.push(other.indent + other.text.length);
  }
  around.sort((a, b) => a - b);
  return around[Math.floor(around.length * 0.8)] ?? Number.POSITIVE_INFINITY;
}

/**
 * Whether the line at `index` opens a paragraph whose indent an extractor dropped, after a paragraph whose last line
 * ran the full measure: the line before ended a sentence, this one starts a capitalized sentence, and it ended
 * short although the first word of the next line would have fitted on it — line breaking wraps a word only when it
 * does not fit, so the room went to an indent.
 */
function startsParagraphAfterFullLine(
  lines: readonly Line[],
  index: number,
  previous: Line,
  limits: { width: number; short: number },
): boolean {
  const line = lines[index] as Line;
  const next = lines.slice(index + 1, index + 4).find((other) => !isBlank(other));
  if (!next) return false;
  if (!endsSentence(previous.text) || !/^[‘“"'(]?[\p{Lu}\p{Lt}]/u.test(line.text)) return false;
  const local = measureLocalWidth(lines, index);
  const joinedLine = line.text.length > joinedLineRatio * local;
  // A first line lost only its indent; far shorter is a line's broken-off tail ("The" / "keepers, some of whom").
  if (!joinedLine && line.text.length < 0.6 * local) return false;
  if (isBrokenAtMarker(previous, line, limits.width)) return false;
  if (joinedLine) return joinedLineLeftRoom(lines, index);
  // A one-line sentence before a paragraph that starts anyway (indented, or after this line as a short one) is that
  // paragraph's end: the room it left is the paragraph's, not an indent's.
  const nextStarts =
    startsSentence.test(next.text) &&
    (next.indent > line.indent || line.indent + line.text.length < limits.short);
  if (endsSentence(line.text) && nextStarts) return false;
  const nextWord = /^\S+/u.exec(next.text)?.[0] ?? "";
  // A line cut at a hyphen had room for the part of the word it holds: the whole word must have fitted.
  const needed = endsWithHyphen(line.text)
    ? line.text.length - 1 + nextWord.length
    : line.text.length + 1 + nextWord.length;
  // One character to spare: character counts of proportional type only approximate the room a word takes.
  return line.indent + needed + 1 <= roomAt(lines, index);
}

/** How many lines of running text around a joined line must show the range a full line's length takes. */
const fullLinesNeeded = 4;
/** The shortest of the full lines around a joined line, as a share of the longest, for them to show one measure. */
const fullLineSpread = 0.75;

/**
 * Whether the joined line at `index` (two lines an extractor joined where the first was cut at a hyphen, the hyphen
 * dropped) had a first line that left room for the whole word it cut: the same sign of a dropped indent as a short
 * first line, but the cut is no longer visible. It can only lie inside a word (two letters or more on each side) and
 * leave a second part as long as some full line around, measured by the lines around that certainly run on (the line
 * after them goes on in lower case); the second part must itself run on (the next line goes on in lower case), or its
 * length says nothing. Every cut that fits these must leave the whole word room, with one character to spare.
 */
function joinedLineLeftRoom(lines: readonly Line[], index: number): boolean {
  const line = lines[index] as Line;
  const next = lines[index + 1];
  if (!next || next.pageBreakBefore || !/^\p{Ll}/u.test(next.text)) return false;
  const local = measureLocalWidth(lines, index);
  const full: number[] = [];
  for (const at of [...nearbyLines(lines, index, -1), ...nearbyLines(lines, index, 1)]) {
    const other = lines[at] as Line;
    const after = lines[at + 1];
    if (other.text.length > joinedLineRatio * local || !after || after.pageBreakBefore) continue;
    if (/^\p{Ll}/u.test(after.text)) full.push(other.text.length);
  }
  // Full lines of one measure vary by a few characters; a wider spread is no measure (a list, code, a column's
  // edge) and the length of the second part says nothing.
  const fewest = Math.min(...full);
  const most = Math.max(...full);
  if (full.length < fullLinesNeeded || fewest < fullLineSpread * most) return false;
  const room = roomAt(lines, index);
  const text = line.text;
  // The cut leaves a second part of a full line's length and a first part no shorter than a first line may be.
  const shortest = Math.max(text.length - most, Math.ceil(0.6 * local));
  // The first part kept its hyphen on the page, so it ran a character longer than the cut.
  const longest = Math.min(text.length - fewest, most - line.indent - 1);
  let cuts = 0;
  for (let cut = shortest; cut <= longest; cut++) {
    if (!/^\p{L}{2}$/u.test(text.slice(cut - 2, cut)) || !/^\p{L}{2}/u.test(text.slice(cut))) continue;
    cuts++;
    const wordEnd = cut + (/^\S*/u.exec(text.slice(cut))?.[0].length ?? 0);
    if (line.indent + wordEnd + 1 > room) return false;
  }
  return cuts > 0;
}

/** Up to six non-blank lines on one side of `index` (`step` -1 before, 1 after), within twelve lines. */
function nearbyLines(lines: readonly Line[], index: number, step: -1 | 1): number[] {
  const found: number[] = [];
  for (
    let at = index + step;
    at >= 0 && at < lines.length && Math.abs(at - index) <= 12 && found.length < 6;
    at += step
  )
    if (!isBlank(lines[at] as Line)) found.push(at);
  return found;
}

/** Whether `head` and `tail` are one line an extractor broke after a footnote marker ("timidity.5" / "Their"). */
function isBrokenAtMarker(head: Line, tail: Line, width: number): boolean {
  return (
    fusedMarkerEnd.test(head.text) &&
    !loneNumeral.test(tail.text) &&
    head.text.length + 1 + tail.text.length <= 1.1 * width
  );
}

type PageDecision = "continue" | "new" | "continue-uncertain";

/** Whether a block so far is a heading, or a single short capitalized line that does not read as prose. */
function isHeadingSoFar(block: RawBlock, layout: Layout): boolean {
  if (block.kind === "heading") return true;
  const only = block.lines.length === 1 ? block.lines[0] : undefined;
  return (
    only !== undefined &&
    only.text.length < 0.7 * layout.width &&
    /^[\p{Lu}\p{Lt}\d]/u.test(only.text) &&
    !/[.!?…,;:\-‐]["”’)]*\d{0,3}$/u.test(only.text)
  );
}

/** Whether the line after a page break continues the paragraph before it or starts a new one. */
function decideAtPageBreak(
  previous: Line,
  line: Line,
  layout: Layout,
  indents: { paragraph: number; shortLimit: number },
): PageDecision {
  if (endsWithHyphen(previous.text) || !endsSentence(previous.text)) return "continue";
  if (/^[‘“"'([]*\p{Ll}/u.test(line.text)) return "continue";
  if (!layout.blankSeparated) {
    // Pages of text without blank lines start flush: an indent is the paragraph's own.
    if (indents.paragraph > 0) return line.indent >= indents.paragraph ? "new" : "continue";
    return previous.indent + previous.text.length < indents.shortLimit ? "new" : "continue-uncertain";
  }
  if (indents.paragraph > 0 && line.indent >= indents.paragraph + 1) return "new";
  if (previous.text.length < 0.8 * layout.width) return "new";
  return indents.paragraph > 0 ? "continue" : "continue-uncertain";
}

/** The most common indent of all text lines: the left margin that running lines keep. */
function measureBaseIndent(lines: readonly Line[]): number {
  const counts = new Map<number, number>();
  for (const line of lines) if (!isBlank(line)) counts.set(line.indent, (counts.get(line.indent) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/** The most common indent of lines indented deeper than the line before them: paragraph starts without blanks. */
function measureRunInIndent(lines: readonly Line[]): number {
  const counts = new Map<number, number>();
  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    if (isBlank(line) || !previous || isBlank(previous) || line.indent <= previous.indent) return;
    counts.set(line.indent, (counts.get(line.indent) ?? 0) + 1);
  });
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** Whether at least two sentences open on a line indented past the left margin after a sentence ended. */
function showsParagraphIndents(lines: readonly Line[], baseIndent: number): boolean {
  let shown = 0;
  let previous: Line | undefined;
  for (const line of lines) {
    if (isBlank(line)) continue;
    if (previous && line.indent > baseIndent && endsSentence(previous.text) && startsSentence.test(line.text))
      shown++;
    previous = line;
  }
  return shown >= 2;
}

/**
 * Groups lines into raw blocks. A blank line ends a block; so does a lettered heading after a finished
 * sentence, and (in texts without blank lines between paragraphs) an indented line. At a page break the
 * paragraph goes on unless the block so far is a heading, or the line before finished a sentence and was
 * short, or the new line carries a paragraph indent on top of the page-start indent.
 */
export function segmentBlocks(lines: readonly Line[], layout: Layout): Segmentation {
  const result: Segmentation = { blocks: [], pageBreaks: 0, paragraphsJoinedAcrossPages: 0, unresolved: [] };
  const shortLimit = measureShortLimit(lines, layout.width);
  const tight = !layout.blankSeparated || hasParagraphsWithoutBlanks(lines, shortLimit);
  // Only text with paragraphs not separated by blank lines needs the base indent.
  const baseIndent = tight ? measureBaseIndent(lines) : 0;
  const paragraphIndent = layout.blankSeparated ? measureParagraphIndent(lines) : measureRunInIndent(lines);
  // Where the extraction keeps first-line indents they mark paragraphs; the room a line left is only a guess.
  const indentsShown = tight && showsParagraphIndents(lines, baseIndent);
  let current: RawBlock | undefined;
  let previousIndex = -1;
  const start = (line: Line) => {
    current = { kind: isEnumeratedHeading(line.text) ? "heading" : "paragraph", lines: [line] };
    result.blocks.push(current);
  };
  for (const [index, line] of lines.entries()) {
    if (isBlank(line)) {
      if (!(tight && current && continuesPastBlank(current, lines, index, layout))) current = undefined;
      continue;
    }
    const previous = current?.lines[current.lines.length - 1];
    const previousAt = previousIndex;
    previousIndex = index;
    if (!current || !previous) {
      if (line.pageBreakBefore) result.pageBreaks++;
      start(line);
      continue;
    }
    const hangingHeadingLine =
      current.kind === "heading" && current.lines.length < 3 && line.indent > previous.indent + 1;
    if (hangingHeadingLine) {
      current.lines.push(line);
      continue;
    }
    if (line.pageBreakBefore) result.pageBreaks++;
    if (isEnumeratedHeading(line.text) && endsSentence(previous.text)) {
      start(line);
      continue;
    }
    // The tail of a line broken after a footnote marker ends where the whole line does.
    const head = current.lines[current.lines.length - 2];
    const before =
      head && endsSentence(head.text) && isBrokenAtMarker(head, previous, layout.width)
        ? { ...head, text: `${head.text} ${previous.text}` }
        : lastPhysicalLine(lines, previousAt);
    const limitBefore = shortLimitAt(lines, previousAt, shortLimit);
    const next = lines[index + 1];
    const headingHere = () =>
      startsHeadingBetweenParagraphs(previous, line, next, {
        width: layout.width,
        short: shortLimitAt(lines, index + 1, shortLimit),
      });
    if (line.pageBreakBefore) {
      const decision =
        isHeadingSoFar(current, layout) || headingHere()
          ? "new"
          : decideAtPageBreak(before, line, layout, { paragraph: paragraphIndent, shortLimit: limitBefore });
      if (decision === "new") {
        start(line);
        continue;
      }
      result.paragraphsJoinedAcrossPages++;
      if (decision === "continue-uncertain") {
        result.unresolved.push({
          token: `${previous.text.slice(-30)} ¶? ${line.text.slice(0, 30)}`,
          reason: "paragraph may end at this page break; kept as one paragraph",
        });
      }
      current.lines.push(line);
      continue;
    }
    if (
      tight &&
      (line.indent > previous.indent ||
        (line.indent > baseIndent && line.indent === previous.indent && endsSentence(previous.text)) ||
        (startsParagraphAfterShortLine(before, line, limitBefore, layout.width) &&
          !isTailOfLine(lines, index, before)) ||
        (!indentsShown &&
          startsParagraphAfterFullLine(lines, index, before, {
            width: layout.width,
            short: shortLimitAt(lines, index, shortLimit),
          })) ||
        (loneNumeral.test(line.text) && endsSentence(previous.text)) ||
        (startsSentence.test(line.text) && isHeadingSoFar(current, layout)) ||
        headingHere())
    ) {
      start(line);
      continue;
    }
    current.lines.push(line);
  }
  return result;
}

/**
 * Whether the blank line at `index` falls inside a sentence (pdftotext's default mode leaves blank lines between the
 * pieces of a column it reads in several blocks): the block so far is no heading and ends mid-sentence, and the
 * next line goes on in lower case.
 */
function continuesPastBlank(block: RawBlock, lines: readonly Line[], index: number, layout: Layout): boolean {
  const last = block.lines[block.lines.length - 1] as Line;
  if (endsSentence(last.text) || /[:;]$/u.test(last.text) || isHeadingSoFar(block, layout)) return false;
  let at = index + 1;
  while (at < lines.length && isBlank(lines[at] as Line)) at++;
  const next = lines[at];
  return next !== undefined && /^\p{Ll}/u.test(next.text);
}

/**
 * Settles the kinds of joined blocks: a lettered heading stays a heading only if it does not end like a
 * sentence; a short single line with no closing punctuation followed by more text is a heading; a short
 * last block in brackets or naming a translation, source or copyright is the colophon.
 */
export function classifyBlock(
  kind: BlockKind,
  text: string,
  lineCount: number,
  position: { last: boolean },
): BlockKind {
  if (kind !== "paragraph" && kind !== "heading") return kind;
  const withoutMarker = text.replace(/\s?\d{1,3}$/u, "");
  if (position.last && text.length <= 200 && colophonStart.test(text)) return "colophon";
  const closes = /[.,;:!?…]["”’)]*$/u.test(withoutMarker);
  if (kind === "heading") return closes || lineCount > 3 ? "paragraph" : "heading";
  const words = text.split(/\s+/u).length;
  const shortLine = lineCount === 1 && text.length <= 80 && words <= 12 && /^[\p{Lu}\p{Lt}\d]/u.test(text);
  return shortLine && !closes && !position.last ? "heading" : "paragraph";
}
