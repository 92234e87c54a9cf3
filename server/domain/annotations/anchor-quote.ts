// Anchors an imported passage in a room's text: where the file says it is if the text there agrees, else by its
// exact quote (context and position choosing between repeats), else by an approximate match within a threshold;
// otherwise it is detached, with the reason, and never moved to a look-alike passage.
import search from "approx-string-match";
import { maxErrorShare, minFuzzyLength } from "../../../shared/anchoring/match-quote.ts";
import {
  boundaryAtOrAfter,
  boundaryAtOrBefore,
  quotePrefix,
  quoteSuffix,
} from "../../../shared/anchoring/quote-context.ts";
import type { Anchor } from "../../../shared/room-doc.ts";
import type { SourceQuote } from "./source-annotation.ts";

/** A block of the room's version, with where it starts in the whole text (blocks joined by "\n\n"). */
export interface TextBlock {
  anchorId: string;
  text: string;
  offset: number;
}

/**
 * Where a quote anchored (`fuzzy` for a close match rather than the exact words), or why it is detached: not found,
 * found in several places nothing tells apart, or found only where the file's own context says it is not.
 */
export type Anchoring = { anchor: Anchor; fuzzy: boolean } | { detached: string };

/**
 * The shared matcher's limits (shared/anchoring/match-quote.ts): at most this share of a quote's characters may
 * differ in an approximate match, and quotes shorter than fuzzyMinLength match exactly or not at all.
 */
export { maxErrorShare as fuzzyErrorShare, minFuzzyLength as fuzzyMinLength };
/** Occurrences of one exact quote weighed at most: a word repeated thousands of times gains nothing from more. */
const maxCandidates = 1_000;
/** Characters of text around a candidate compared with the file's prefix and suffix (they are 32 in Scholia's). */
const contextSpan = 64;

const nfc = (text: string) => text.normalize("NFC");
/** Context compared without regard to how whitespace is written: tools join paragraphs and lines differently. */
const flat = (text: string) => nfc(text).replace(/\s+/gu, " ");

interface Candidate {
  block: TextBlock;
  /** The block's place in the list. */
  index: number;
  start: number;
  end: number;
  errors: number;
}

/** The anchor of [start, end) in a block: the whole block when it covers all of it. */
function anchorAt({ block, start, end }: Candidate): Anchor {
  if (start === 0 && end === block.text.length) return { blockId: block.anchorId };
  return {
    blockId: block.anchorId,
    start,
    end,
    exact: block.text.slice(start, end),
    prefix: quotePrefix(block.text, start),
    suffix: quoteSuffix(block.text, end),
  };
}

/** Length of the longest common end (`fromEnd`) or start of two strings. */
function common(a: string, b: string, fromEnd: boolean): number {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && (fromEnd ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])) n += 1;
  return n;
}

/**
 * How well the text beside a candidate agrees with the context the file gives: 2 when it is the same, 1 when at
 * least half of it is (tools cut and space context differently) or when the room's text ends (`atEdge`) with all
 * there is agreeing (a web page has a header before the text begins), 0 when it says otherwise.
 */
function contextScore(given: string, actual: string, side: "prefix" | "suffix", atEdge: boolean): number {
  const want = flat(given);
  const have = flat(actual);
  const shared = common(want, have, side === "prefix");
  if (shared === want.length) return 2;
  if (shared * 2 >= want.length) return 1;
  return atEdge && (have.trim() === "" || shared === have.length) ? 1 : 0;
}

/**
 * The room's text before and after a candidate, across blocks (joined by "\n\n" as the whole text is): walked out
 * from the candidate's block only as far as contextSpan reaches, so a long text costs nothing more.
 */
function around(blocks: readonly TextBlock[], { block, index, start, end }: Candidate) {
  let before = block.text.slice(Math.max(0, start - contextSpan), start);
  for (let i = index - 1; i >= 0 && before.length < contextSpan; i -= 1)
    before = `${blocks[i]!.text}\n\n${before}`.slice(-contextSpan);
  let after = block.text.slice(end, end + contextSpan);
  for (let i = index + 1; i < blocks.length && after.length < contextSpan; i += 1)
    after = `${after}\n\n${blocks[i]!.text}`.slice(0, contextSpan);
  return { before, after };
}

/**
 * How well a candidate agrees with the rest of the selector, Hypothesis-style: fewer quote errors first, then
 * prefix and suffix agreement and the block named, then closeness to the position given. `contradicted` when the
 * file gives a prefix or suffix and none of it fits here.
 */
function rank(blocks: readonly TextBlock[], candidate: Candidate, quote: SourceQuote) {
  const { before, after } = around(blocks, candidate);
  // Shorter than the span only where the room's text begins or ends.
  const prefix = quote.prefix?.trim()
    ? contextScore(quote.prefix, before, "prefix", before.length < contextSpan)
    : undefined;
  const suffix = quote.suffix?.trim()
    ? contextScore(quote.suffix, after, "suffix", after.length < contextSpan)
    : undefined;
  const contradicted = (prefix !== undefined || suffix !== undefined) && !prefix && !suffix;
  const agreement = (prefix ?? 0) + (suffix ?? 0) + (quote.block?.id === candidate.block.anchorId ? 3 : 0);
  const distance = quote.position
    ? Math.abs(candidate.block.offset + candidate.start - quote.position.start)
    : 0;
  return { score: [candidate.errors * 100 - agreement, distance] as const, contradicted };
}

const overlap = (a: Candidate, b: Candidate) => a.block === b.block && a.start < b.end && b.start < a.end;

/**
 * The one candidate the selector picks out, or why none: every candidate contradicted by the file's context, or
 * several (not overlapping: an approximate match is found at a few neighbouring starts) fitting equally well.
 */
function choose(
  blocks: readonly TextBlock[],
  candidates: readonly Candidate[],
  quote: SourceQuote,
): { candidate: Candidate } | { contradicted: number } | { ties: number } | undefined {
  if (candidates.length === 0) return undefined;
  const ranked = candidates
    .map((candidate) => ({ candidate, ...rank(blocks, candidate, quote) }))
    .filter((entry) => !entry.contradicted);
  if (ranked.length === 0) return { contradicted: candidates.length };
  const better = (a: readonly number[], b: readonly number[]) => a[0]! - b[0]! || a[1]! - b[1]!;
  ranked.sort((a, b) => better(a.score, b.score));
  const top = ranked[0]!;
  const ties = ranked.filter(
    (entry) => better(entry.score, top.score) === 0 && !overlap(entry.candidate, top.candidate),
  ).length;
  return ties > 0 ? { ties: ties + 1 } : { candidate: top.candidate };
}

function exactCandidates(blocks: readonly TextBlock[], exact: string): Candidate[] {
  const found: Candidate[] = [];
  for (const [index, block] of blocks.entries()) {
    for (let at = block.text.indexOf(exact); at >= 0 && found.length < maxCandidates;) {
      found.push({ block, index, start: at, end: at + exact.length, errors: 0 });
      at = block.text.indexOf(exact, at + 1);
    }
  }
  return found;
}

function fuzzyCandidates(blocks: readonly TextBlock[], exact: string): Candidate[] {
  const maxErrors = Math.floor(exact.length * maxErrorShare);
  const found: Candidate[] = [];
  for (const [index, block] of blocks.entries()) {
    if (block.text.length < exact.length - maxErrors) continue;
    for (const match of search(block.text, exact, maxErrors)) {
      // Widened to whole characters: a match may end inside an emoji or a combining sequence.
      const start = boundaryAtOrBefore(block.text, match.start);
      const end = boundaryAtOrAfter(block.text, match.end);
      if (end > start) found.push({ block, index, start, end, errors: match.errors });
    }
  }
  return found;
}

/** Where the file's own block and offsets put the passage, if the text there is the quote. */
function atHint(blocks: readonly TextBlock[], quote: SourceQuote, exact: string): Candidate | undefined {
  const hint = quote.block;
  const index = hint ? blocks.findIndex((candidate) => candidate.anchorId === hint.id) : -1;
  const block = blocks[index];
  if (!block || hint?.start === undefined || hint.end === undefined) return undefined;
  if (nfc(block.text.slice(hint.start, hint.end)) !== exact) return undefined;
  return { block, index, start: hint.start, end: hint.end, errors: 0 };
}

/** Why a choice that found no single place leaves the annotation detached. */
function reasonOf(choice: { contradicted: number } | { ties: number }, approximately: boolean): string {
  const quote = approximately ? "a close match of its quote" : "its quote";
  if ("ties" in choice)
    return `${quote} occurs ${choice.ties} times and nothing in the file (prefix, suffix, position) tells which one is meant`;
  const times = choice.contradicted === 1 ? "once" : `${choice.contradicted} times`;
  return `${quote} occurs ${times}, but the prefix and suffix the file gives fit none of those places`;
}

/**
 * Finds the passage `quote` selects in `blocks`. Scholia anchors live inside one block: a quote that spans
 * blocks is detached. Returns the anchor (passage offsets and quote context taken from the room's text) and
 * whether it was matched approximately, or why it is detached: never a guess between places.
 */
export function anchorQuote(blocks: readonly TextBlock[], quote: SourceQuote): Anchoring {
  const exact = nfc(quote.exact);
  if (exact.trim() === "") return { detached: "its quote is empty" };
  if (exact.includes("\n\n")) return { detached: "its quote spans more than one paragraph" };
  const hinted = atHint(blocks, quote, exact);
  if (hinted) return { anchor: anchorAt(hinted), fuzzy: false };
  const exactChoice = choose(blocks, exactCandidates(blocks, exact), quote);
  if (exactChoice && "candidate" in exactChoice)
    return { anchor: anchorAt(exactChoice.candidate), fuzzy: false };
  if (exactChoice && "ties" in exactChoice) return { detached: reasonOf(exactChoice, false) };
  if (exact.length < minFuzzyLength)
    return {
      detached: exactChoice
        ? reasonOf(exactChoice, false)
        : `its quote is not in the room's text (quotes under ${minFuzzyLength} characters must match exactly)`,
    };
  // The words are not there exactly (or only where the context says they are not): perhaps they were edited.
  const fuzzyChoice = choose(
    blocks,
    fuzzyCandidates(blocks, exact).filter((candidate) => candidate.errors > 0 || !exactChoice),
    quote,
  );
  if (fuzzyChoice && "candidate" in fuzzyChoice)
    return { anchor: anchorAt(fuzzyChoice.candidate), fuzzy: true };
  if (exactChoice) return { detached: reasonOf(exactChoice, false) };
  if (fuzzyChoice) return { detached: reasonOf(fuzzyChoice, true) };
  return {
    detached: `its quote is not in the room's text, not even with ${Math.round(maxErrorShare * 100)}% of it different`,
  };
}
