// Character boundaries and the quote context (TextQuoteSelector prefix and suffix) of a passage, the same on the
// server, which validates anchors, and in the reader, which makes them from a selection.

/** How much context a quote selector carries on each side, in UTF-16 code units (fewer to end on a boundary). */
export const quoteContextUnits = 32;

/** Splits text into grapheme clusters (a Segmenter's default granularity), where the runtime has one. */
const graphemes = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter() : undefined;

/**
 * How far around an offset grapheme clusters are looked for in a long text. Segmenting is linear in the text
 * (a 4 MB paragraph took ~70 ms per lookup), and no real cluster is this long; shorter texts are segmented whole.
 */
const clusterWindow = 256;

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * True when `offset` splits a surrogate pair (one character outside the BMP, such as most emoji). A lone surrogate
 * is a character of its own; outside the text charCodeAt is NaN, which is neither half.
 */
function splitsSurrogatePair(text: string, offset: number): boolean {
  return isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** True when a regional indicator (U+1F1E6…U+1F1FF, half of a flag such as 🇫🇷) starts at `index`. */
function regionalIndicatorAt(text: string, index: number): boolean {
  const codePoint = text.codePointAt(index) ?? 0; // undefined outside the text
  return codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff;
}

/**
 * Where segmenting starts for a lookup at `offset`: clusterWindow units back, but never inside a surrogate pair nor
 * inside a run of regional indicators, which pair into flags counted from the run's start (a window starting on a
 * flag's second half would pair every later indicator wrongly).
 */
function windowStart(text: string, offset: number): number {
  let from = Math.max(0, offset - clusterWindow);
  if (splitsSurrogatePair(text, from)) from -= 1;
  while (regionalIndicatorAt(text, from - 2)) from -= 2;
  return from;
}

/**
 * The character that `offset` falls inside: the grapheme cluster (what a reader sees as one character: "é" written
 * e + U+0301, a flag, a family emoji) where Intl.Segmenter exists, else the code point. Offsets are UTF-16 code
 * units; when `offset` is a boundary, `start` is `offset`.
 */
function characterAround(text: string, offset: number): { start: number; end: number } {
  if (offset <= 0 || offset >= text.length) return { start: offset, end: offset };
  // Between two ASCII characters there is always a boundary but in CR LF: no segmenting needed (the common case).
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  if (before < 0x80 && after < 0x80 && !(before === 13 && after === 10))
    return { start: offset, end: offset };
  if (!graphemes) {
    return splitsSurrogatePair(text, offset)
      ? { start: offset - 1, end: offset + 1 }
      : { start: offset, end: offset };
  }
  const from = windowStart(text, offset);
  const to = Math.min(text.length, offset + clusterWindow);
  const segment = graphemes.segment(text.slice(from, to)).containing(offset - from)!;
  return { start: from + segment.index, end: from + segment.index + segment.segment.length };
}

/**
 * Why `offset` is not a character boundary of `text` ("between the two halves of a surrogate pair", "inside a
 * character"), or undefined when it is one. Offsets outside 0…text.length are the caller's concern.
 */
export function boundaryProblem(text: string, offset: number): string | undefined {
  if (splitsSurrogatePair(text, offset)) return "falls between the two halves of a surrogate pair";
  if (characterAround(text, offset).start !== offset) return "falls inside a character (a grapheme cluster)";
  return undefined;
}

/** `offset` moved back to the start of the character it is inside (unchanged on a boundary). */
export function boundaryAtOrBefore(text: string, offset: number): number {
  return characterAround(text, offset).start;
}

/** `offset` moved forward to the end of the character it is inside (unchanged on a boundary). */
export function boundaryAtOrAfter(text: string, offset: number): number {
  const around = characterAround(text, offset);
  return around.start === offset ? offset : around.end;
}

/** The context before `start`: at most quoteContextUnits code units, beginning on a character boundary. */
export function quotePrefix(text: string, start: number): string {
  const from = boundaryAtOrAfter(text, Math.max(0, start - quoteContextUnits));
  return text.slice(Math.min(from, start), start);
}

/** The context after `end`: at most quoteContextUnits code units, ending on a character boundary. */
export function quoteSuffix(text: string, end: number): string {
  const to = boundaryAtOrBefore(text, Math.min(text.length, end + quoteContextUnits));
  return text.slice(end, Math.max(to, end));
}

/** A passage's position and quote selectors; offsets in UTF-16 code units of the block text. */
export interface TextQuote {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * The anchor selectors for [start, end) of `text`, with both ends widened to whole characters (a selection that
 * ends inside an emoji takes all of it), so that the server accepts them.
 */
export function quoteSelection(text: string, start: number, end: number): TextQuote {
  const from = boundaryAtOrBefore(text, start);
  const to = boundaryAtOrAfter(text, end);
  return {
    start: from,
    end: to,
    exact: text.slice(from, to),
    prefix: quotePrefix(text, from),
    suffix: quoteSuffix(text, to),
  };
}
