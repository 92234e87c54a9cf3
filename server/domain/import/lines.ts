// Source text to lines: Unicode NFC, one newline convention, indentation measured, page feeds kept as marks.

/** One physical line of the source with its indentation measured and edges trimmed. */
export interface Line {
  /** The line without leading and trailing whitespace. */
  text: string;
  /** Leading spaces (a tab counts as four). */
  indent: number;
  /** A page break (form feed, removed page number or running header, or a page-start cue) comes before it. */
  pageBreakBefore: boolean;
}

/** Normalizes a source text: NFC, no BOM, "\n" line ends, no-break and odd spaces as plain spaces. */
export function normalizeSource(source: string): string {
  return source
    .replace(/^\uFEFF/u, "")
    .replace(/\r\n?/gu, "\n")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F]/gu, " ")
    .normalize("NFC");
}

const softHyphen = "\u00AD";

/**
 * A trimmed line's soft hyphens (U+00AD) as a word break at its end only: those inside it are invisible and go, a
 * run at its end (with spaces before it) becomes one, right after the word it breaks.
 */
function keepLineEndSoftHyphen(text: string): string {
  return text.replace(/\u00AD+(?!\u00AD*$)/gu, "").replace(/(?<!\s)\s*\u00AD+$/u, softHyphen);
}

/**
 * Splits a normalized text into lines; a form feed starts a new line flagged as following a page break. Soft hyphens
 * are kept only at line ends, where they mark a word broken across lines: one that starts a line (or stands alone
 * on it) is moved to the end of the line before, so "Po" / "\u00AD" / "litik" is one word broken once.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pageBreak = false;
  for (const physical of text.split("\n")) {
    const parts = physical.split("\f");
    parts.forEach((part, index) => {
      if (index > 0) pageBreak = true;
      const expanded = part.replace(/\t/gu, "    ");
      let trimmed = expanded.trim();
      if (trimmed.startsWith(softHyphen)) {
        trimmed = trimmed.replace(/^\u00AD+\s*/u, "");
        const previous = lines.at(-1);
        if (previous && previous.text.length > 0 && !/[-‐\u00AD]$/u.test(previous.text))
          previous.text += softHyphen;
        if (trimmed.length === 0) return;
      }
      trimmed = keepLineEndSoftHyphen(trimmed);
      if (trimmed.length === 0 && index < parts.length - 1) return;
      lines.push({
        text: trimmed,
        indent: expanded.length - expanded.trimStart().length,
        pageBreakBefore: pageBreak,
      });
      if (trimmed.length > 0) pageBreak = false;
    });
  }
  return lines;
}

/** Whether a line is empty after trimming. */
export function isBlank(line: Line): boolean {
  return line.text.length === 0;
}

/** The length of a full line of running text: the 80th percentile of non-blank line lengths. */
export function measureLineWidth(lines: readonly Line[]): number {
  const lengths = lines
    .filter((line) => line.text.length > 0)
    .map((line) => line.text.length)
    .sort((a, b) => a - b);
  // floor(0.8n) ≤ n − 1 for every n ≥ 1, so the index is always inside the list; an empty list gives 0.
  return lengths[Math.floor(lengths.length * 0.8)] ?? 0;
}

/** How many lines on each side measureLocalWidth looks at. */
const neighbourhood = 5;
/** How far from the line its neighbours may lie. */
const reach = 50;

const localWidths = new WeakMap<readonly Line[], Float64Array>();

/**
 * The measure around line `index` in characters: the median length of up to five non-blank lines on each side (within
 * fifty), so a stretch set narrower (a column, a quotation) has its own. Infinity when the line has no non-blank
 * neighbour. Measured for all of `lines` at the first call and kept while the array lives (do not change it after).
 */
export function measureLocalWidth(lines: readonly Line[], index: number): number {
  let widths = localWidths.get(lines);
  if (!widths) {
    widths = measureLocalWidths(lines);
    localWidths.set(lines, widths);
  }
  return widths[index] ?? Number.POSITIVE_INFINITY;
}

function measureLocalWidths(lines: readonly Line[]): Float64Array {
  const filled: number[] = [];
  lines.forEach((line, index) => {
    if (line.text.length > 0) filled.push(index);
  });
  const widths = new Float64Array(lines.length).fill(Number.POSITIVE_INFINITY);
  const window: number[] = [];
  let after = 0;
  for (let index = 0; index < lines.length; index++) {
    while (after < filled.length && (filled[after] as number) <= index) after++;
    const before = after > 0 && filled[after - 1] === index ? after - 2 : after - 1;
    window.length = 0;
    for (let at = before; at >= 0 && at > before - neighbourhood; at--) {
      const other = filled[at] as number;
      if (index - other >= reach) break;
      window.push((lines[other] as Line).text.length);
    }
    for (let at = after; at < filled.length && at < after + neighbourhood; at++) {
      const other = filled[at] as number;
      if (other - index >= reach) break;
      window.push((lines[other] as Line).text.length);
    }
    if (window.length === 0) continue;
    window.sort((a, b) => a - b);
    widths[index] = window[Math.floor(window.length / 2)] as number;
  }
  return widths;
}

/** Whether a line ends a sentence: . ! ? … possibly followed by closing quotes, brackets or a footnote number. */
export function endsSentence(text: string): boolean {
  return /[.!?…][’”"')\]]*\d{0,3}$/u.test(text);
}
