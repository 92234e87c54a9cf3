// Finds a quoted passage in a text: the one matcher the server re-anchors with and the reader places highlights with.
import search from "approx-string-match";
import { boundaryAtOrAfter, boundaryAtOrBefore } from "./quote-context.ts";

/** W3C TextQuoteSelector fields: the passage and a little of the text before and after it. */
export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface MatchOptions {
  /** Where the passage was expected to start (UTF-16 offset in `text`), for the position part of the score. */
  hint?: number;
  /** Lowest score (0..1) accepted; below it there is no match. */
  threshold?: number;
  /** How far (0..1) the best candidate's score must lie above the second best's; closer, there is no match. */
  margin?: number;
}

/** A passage found: UTF-16 offsets [start, end) in the text, on character boundaries, and its score 0..1. */
export interface QuoteMatch {
  start: number;
  end: number;
  score: number;
}

/**
 * Default lowest score. An exact quote whose prefix and suffix both changed scores about 0.70 and passes; a quote
 * with a fifth of its characters different and unrelated context scores about 0.6 and does not.
 */
export const defaultMatchThreshold = 0.65;
/** Default lead of the best candidate over the next one (about a quarter of the prefix or suffix agreeing). */
export const defaultMatchMargin = 0.05;
/** At most this share of a quote's characters may differ (edits, insertions, deletions) in an approximate match. */
export const maxErrorShare = 0.2;
/** Quotes shorter than this (after folding) are matched exactly or not at all: a few letters match anywhere. */
export const minFuzzyLength = 12;
/** Candidates weighed at most: a word repeated thousands of times gains nothing from more. */
const maxCandidates = 1_000;

/** Hypothesis's weights: the quote counts most, then its context, and the position only breaks near-ties. */
const weights = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const totalWeight = weights.quote + weights.prefix + weights.suffix + weights.position;

/** Typographic variants read as their plain forms, so a text whose punctuation was normalized still matches. */
const punctuation: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201a": "'",
  "\u201b": "'",
  "\u2032": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u201f": '"',
  "\u2033": '"',
  "\u00ab": '"',
  "\u00bb": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u2026": "...",
};

/**
 * A text folded for comparison (NFC, whitespace runs as one space, typographic punctuation plain), with, for each
 * folded code unit, the [from, to) range of the original text it came from.
 */
export interface FoldedText {
  text: string;
  from: Int32Array;
  to: Int32Array;
}

/**
 * One unit of folding: a whitespace run, a character with its combining marks (Hangul vowel and final jamo count
 * as such, so NFD Hangul composes), or stray marks. Normalizing unit by unit keeps offsets mappable.
 */
const foldUnits = /\s+|[^\p{M}\u1160-\u11ff][\p{M}\u1160-\u11ff]*|[\p{M}\u1160-\u11ff]+/suy;

/** Folded texts kept for reuse: one block is searched for each of its threads, or each of its highlights. */
const foldedCache = new Map<string, FoldedText>();
const foldedCacheSize = 4096;
/** Longer texts are not kept: a window of a long block is folded once, and the cache stays a few megabytes. */
const maxCachedLength = 16_384;

/** Folds `text` for comparison, keeping where each folded unit came from. Linear in the text. */
export function foldText(text: string): FoldedText {
  const cached = foldedCache.get(text);
  if (cached) return cached;
  // Mostly one unit out per unit in; a few more ("…" becomes "...") grow the buffers.
  let units = new Uint16Array(text.length + 16);
  let from = new Int32Array(text.length + 16);
  let to = new Int32Array(text.length + 16);
  let length = 0;
  const put = (unit: number, start: number, end: number) => {
    if (length === units.length) {
      const grow = <T extends Uint16Array | Int32Array>(array: T, make: (size: number) => T) => {
        const bigger = make(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      units = grow(units, (size) => new Uint16Array(size));
      from = grow(from, (size) => new Int32Array(size));
      to = grow(to, (size) => new Int32Array(size));
    }
    units[length] = unit;
    from[length] = start;
    to[length] = end;
    length += 1;
  };
  for (let at = 0; at < text.length;) {
    const code = text.charCodeAt(at);
    // A combining mark (U+0300 onwards) after it would compose with it.
    const plain = code < 0x80 && code !== 0x20 && (code < 0x09 || code > 0x0d);
    if (plain && !(text.charCodeAt(at + 1) >= 0x300)) {
      put(code, at, at + 1);
      at += 1;
      continue;
    }
    foldUnits.lastIndex = at;
    const unit = foldUnits.exec(text)![0];
    if (/^\s/u.test(unit)) put(0x20, at, at + unit.length);
    else {
      for (const char of unit.normalize("NFC")) {
        const out = punctuation[char] ?? char;
        for (let index = 0; index < out.length; index += 1) put(out.charCodeAt(index), at, at + unit.length);
      }
    }
    at += unit.length;
  }
  let folded = "";
  for (let start = 0; start < length; start += 8192)
    folded += String.fromCharCode(...units.subarray(start, Math.min(length, start + 8192)));
  // Copied to their length: a cached text should not hold its buffers' slack.
  const result = { text: folded, from: from.slice(0, length), to: to.slice(0, length) };
  if (text.length > maxCachedLength) return result;
  if (foldedCache.size >= foldedCacheSize) foldedCache.clear();
  foldedCache.set(text, result);
  return result;
}

/** `text` folded as foldText does, without the offsets (for selectors). */
const foldString = (text: string) => foldText(text).text;

/** Two rows of the edit-distance table, reused: contexts are scored for every candidate. */
let rows = [new Int32Array(128), new Int32Array(128)] as const;

/**
 * How well `actual` continues `expected` away from the passage (index 0 of both is next to it), 0..1: one minus the
 * edit distance of all of `expected` against the best-fitting start of `actual`, over the length of `expected`.
 */
function affixSimilarity(expected: string, actual: (index: number) => number, actualLength: number): number {
  const m = expected.length;
  if (rows[0].length <= actualLength)
    rows = [new Int32Array(actualLength * 2), new Int32Array(actualLength * 2)];
  let [previous, current] = rows;
  for (let j = 0; j <= actualLength; j += 1) previous[j] = j;
  for (let i = 1; i <= m; i += 1) {
    current[0] = i;
    const unit = expected.charCodeAt(i - 1);
    for (let j = 1; j <= actualLength; j += 1) {
      const substitution = previous[j - 1]! + (actual(j - 1) === unit ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  let best = m;
  for (let j = 0; j <= actualLength; j += 1) best = Math.min(best, previous[j]!);
  return 1 - best / m;
}

/**
 * Agreement of the folded text before (`prefix`) or after a candidate with the selector's context: 1 when the
 * selector gives none, and for an empty one 1 at the text's edge and 0.5 elsewhere (it said "nothing before").
 */
function contextScore(
  folded: string,
  expected: string | undefined,
  edge: number,
  side: "prefix" | "suffix",
): number {
  if (expected === undefined) return 1;
  const available = side === "prefix" ? edge : folded.length - edge;
  if (expected === "") return available === 0 ? 1 : 0.5;
  // A little slack beyond the context's length lets insertions near the passage cost one error each.
  const span = Math.min(available, expected.length + Math.ceil(expected.length / 4));
  return side === "prefix"
    ? affixSimilarity([...expected].reverse().join(""), (index) => folded.charCodeAt(edge - 1 - index), span)
    : affixSimilarity(expected, (index) => folded.charCodeAt(edge + index), span);
}

/** A candidate in folded offsets, with its errors against the folded quote. */
interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * Exact occurrences, or else (for quotes long enough) the approximate ones with the fewest errors, within
 * maxErrorShare: as in Hypothesis, a place less like the quote than the best one does not compete.
 */
function candidatesOf(folded: string, quote: string): Candidate[] {
  const found: Candidate[] = [];
  for (
    let at = folded.indexOf(quote);
    at >= 0 && found.length < maxCandidates;
    at = folded.indexOf(quote, at + 1)
  )
    found.push({ start: at, end: at + quote.length, errors: 0 });
  // approx-string-match gives the places with the fewest errors only: none but these when the quote is there.
  if (found.length > 0 || quote.length < minFuzzyLength) return found;
  const maxErrors = Math.floor(quote.length * maxErrorShare);
  if (folded.length < quote.length - maxErrors) return found;
  // An occurrence is found at many neighbouring starts and ends; each stands for it by its fewest errors only, so
  // the context (the costly part of the score) is weighed once per place.
  const approximate = search(folded, quote, maxErrors).sort((a, b) => a.errors - b.errors);
  for (const match of approximate) {
    if (found.length >= 2 * maxCandidates) break;
    if (!found.some((other) => other.start < match.end && match.start < other.end)) found.push(match);
  }
  return found;
}

/**
 * Every place in `text` the selector may pick out, scored 0..1 Hypothesis-style (quote similarity 50, prefix 20,
 * suffix 20, closeness to `hint` 2), best first, with overlapping candidates reduced to the best of them. Offsets
 * are UTF-16 offsets in `text` on character boundaries, whatever the normalization or spacing of either side.
 */
export function scoreQuoteCandidates(text: string, selector: QuoteSelector, hint?: number): QuoteMatch[] {
  const quote = foldString(selector.exact);
  if (quote.trim() === "") return [];
  const folded = foldText(text);
  const prefix = selector.prefix === undefined ? undefined : foldString(selector.prefix);
  const suffix = selector.suffix === undefined ? undefined : foldString(selector.suffix);
  const scored = candidatesOf(folded.text, quote).map((candidate) => {
    const start = boundaryAtOrBefore(text, folded.from[candidate.start]!);
    const end = boundaryAtOrAfter(text, folded.to[candidate.end - 1]!);
    const position = hint === undefined ? 1 : 1 - Math.abs(start - hint) / Math.max(text.length, 1);
    const raw =
      weights.quote * (1 - candidate.errors / quote.length) +
      weights.prefix * contextScore(folded.text, prefix, candidate.start, "prefix") +
      weights.suffix * contextScore(folded.text, suffix, candidate.end, "suffix") +
      weights.position * Math.max(0, position);
    return { start, end, score: raw / totalWeight };
  });
  scored.sort((a, b) => b.score - a.score || a.start - b.start);
  const kept: QuoteMatch[] = [];
  for (const candidate of scored) if (!kept.some((other) => overlaps(other, candidate))) kept.push(candidate);
  return kept;
}

const overlaps = (a: QuoteMatch, b: QuoteMatch) => a.start < b.end && b.start < a.end;

/**
 * The best of `candidates` (best first, not overlapping, as scoreQuoteCandidates gives them) when it reaches
 * `threshold` and leads the next by `margin`; else null.
 */
export function pickQuoteMatch(
  candidates: readonly QuoteMatch[],
  threshold = defaultMatchThreshold,
  margin = defaultMatchMargin,
): QuoteMatch | null {
  const [best, second] = candidates;
  if (!best || best.score < threshold) return null;
  if (second && best.score - second.score < margin) return null;
  return best;
}

/**
 * The passage of `text` the selector picks out, or null when none is good enough or two are too alike to choose.
 * Exact occurrences and approximate ones (up to maxErrorShare of the quote different, for quotes of at least
 * minFuzzyLength folded units) are scored by scoreQuoteCandidates; the best must reach `threshold` (default
 * defaultMatchThreshold) and lead the best candidate not overlapping it by `margin` (default defaultMatchMargin).
 */
export function matchQuote(
  text: string,
  selector: QuoteSelector,
  options: MatchOptions = {},
): QuoteMatch | null {
  return pickQuoteMatch(
    scoreQuoteCandidates(text, selector, options.hint),
    options.threshold,
    options.margin,
  );
}
