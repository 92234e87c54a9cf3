// Compounds an extractor fused when it joined a line cut at its hyphen ("twenty-" / "two" → "twentytwo"): hyphen restored.
import { isDictionaryWord } from "./dictionary.ts";
import type { Dictionary } from "./dictionary.ts";
import { replaceGlyphsForLookup } from "./ligatures.ts";
import type { GlyphTable } from "./ligatures.ts";
import { measureLocalWidth } from "./lines.ts";
import type { Line } from "./lines.ts";

/** A line this much longer than the measure holds two lines joined by the extractor. */
const joinedLineRatio = 1.15;
/** Where the first of two joined lines ended, as a share of the measure: it was full, or nearly. */
const joinWindow = { from: 0.7, to: 1.15 };

/** Lines of prose hold a few words at least: around shorter lines (a list, verse, fragments) nothing was joined. */
const shortestMeasure = 16;
/**
 * A measure is known from several lines: with fewer other non-blank lines than this within `reach` lines, a line a
 * little longer than its one or two neighbours (a two-line paragraph alone) is only a longer line.
 */
const fewestMeasuredLines = 4;
/** How far (lines) the lines that establish a measure may lie, as measureLocalWidth looks. */
const reach = 50;

/** For each line, how many other non-blank lines lie within `reach` lines of it. */
function linesAround(lines: readonly Line[]): number[] {
  const before = [0];
  for (const line of lines) before.push((before.at(-1) as number) + (line.text.length > 0 ? 1 : 0));
  return lines.map((line, index) => {
    const from = Math.max(0, index - reach + 1);
    const to = Math.min(lines.length, index + reach);
    return (before[to] as number) - (before[from] as number) - (line.text.length > 0 ? 1 : 0);
  });
}

const wordPattern = /\p{L}+/gu;

/** The words printed on lines of ordinary length, lowercase, glyphs replaced: the document's own spellings. */
function collectPlainWords(
  lines: readonly Line[],
  joined: readonly boolean[],
  glyphs: GlyphTable,
): Set<string> {
  const words = new Set<string>();
  for (const [index, line] of lines.entries()) {
    if (joined[index]) continue;
    for (const token of line.text.split(/\s+/u))
      words.add(replaceGlyphsForLookup(token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ""), glyphs).toLowerCase());
  }
  return words;
}

/** What restoring needs: the dictionary, the learned glyphs, and the measure (characters in a full line). */
export interface FusedCompoundContext {
  dictionary: Dictionary;
  glyphs: GlyphTable;
  width: number;
}

/**
 * Restores the hyphens of compounds that an extractor fused when it joined a line ending in a hyphen to the next
 * (pdftotext's default mode drops every line-end hyphen, also a real compound's: "long-" / "established" becomes
 * "longestablished" inside a line twice the measure long). A word is split again only on such a joined line
 * (longer than 1.15 × the measure, the lesser of `width` and that of the lines around, at least 16, with at least
 * four other lines around to measure it by), at a point where the first line would have ended (0.7–1.15 × `width` into it),
 * when the word is neither a dictionary word nor printed whole elsewhere in the document, its first letter is
 * lower case (or it starts a sentence: a fused proper name stays), and both halves are dictionary words. Returns
 * the lines (the same objects where nothing changed; `lines` itself when nothing did, so that the local measures
 * taken on it serve the next pass too) and how many hyphens were restored.
 */
export function restoreFusedCompounds(
  lines: readonly Line[],
  context: FusedCompoundContext,
): { lines: readonly Line[]; restored: number } {
  const { dictionary, glyphs } = context;
  const widths = lines.map((_, index) => Math.min(context.width, measureLocalWidth(lines, index)));
  const around = linesAround(lines);
  const joined = lines.map((line, index) => {
    const width = widths[index] as number;
    return (
      width >= shortestMeasure &&
      (around[index] as number) >= fewestMeasuredLines &&
      line.text.length > joinedLineRatio * width
    );
  });
  let plainWords: Set<string> | undefined;
  let restored = 0;
  const isWord = (word: string) => isDictionaryWord(dictionary, word);
  const result = lines.map((line, index) => {
    if (!joined[index]) return line;
    const width = widths[index] as number;
    let text = line.text;
    for (const match of [...line.text.matchAll(wordPattern)].reverse()) {
      const start = match.index;
      const word = match[0];
      const end = start + word.length;
      if (end <= joinWindow.from * width || start >= joinWindow.to * width || word.length < 6) continue;
      const sentenceStart = start === 0 || /[.!?…]["”’)]*\s+$/u.test(text.slice(0, start));
      if (/^\p{Lu}/u.test(word) && !sentenceStart) continue;
      // Part of a hyphenated word, or of one broken at this line's end (a soft hyphen): not fused.
      if (/[-‐\u00AD]$/u.test(text.slice(0, start)) || /^[-‐\u00AD]/u.test(text.slice(end))) continue;
      const lookup = replaceGlyphsForLookup(word, glyphs).toLowerCase();
      if (lookup.length !== word.length || isWord(lookup)) continue;
      plainWords ??= collectPlainWords(lines, joined, glyphs);
      if (plainWords.has(lookup)) continue;
      const split = bestSplit(lookup, start, width, { isWord, printed: plainWords });
      if (split === undefined) continue;
      text = `${text.slice(0, start + split)}-${text.slice(start + split)}`;
      restored++;
    }
    return text === line.text ? line : { ...line, text };
  });
  return { lines: restored === 0 ? lines : result, restored };
}

/**
 * The split of `word` (at `start` in its line) into two dictionary words at a plausible line end: the one with more
 * halves the document prints elsewhere, then the one with the shorter head: compounds mostly lead with a short word
 * ("long" / "established", not "longe" / "stablished").
 */
function bestSplit(
  word: string,
  start: number,
  width: number,
  words: { isWord: (word: string) => boolean; printed: ReadonlySet<string> },
): number | undefined {
  let best: number | undefined;
  let bestScore = 0;
  for (let at = 3; at <= word.length - 3; at++) {
    const lineEnd = start + at + 1;
    if (lineEnd < joinWindow.from * width || lineEnd > joinWindow.to * width) continue;
    const [head, tail] = [word.slice(0, at), word.slice(at)];
    if (!words.isWord(head) || !words.isWord(tail)) continue;
    const printed = Number(words.printed.has(head)) + Number(words.printed.has(tail));
    const score = printed * word.length + word.length - at;
    if (score > bestScore) [best, bestScore] = [at, score];
  }
  return best;
}
