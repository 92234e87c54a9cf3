// Anchors an imported passage in a room's text: where the file says it is if the text there agrees, else by its
// exact quote (context and position choosing between repeats), else by an approximate match within a threshold;
// otherwise it is detached, with the reason, and never moved to a look-alike passage.
import search from "approx-string-match";
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
 * Where a quote anchored: `fuzzy` for a close match rather than the exact words; `ties` when other places fit just
 * as well (the first in reading order was taken) — both worth telling the importer.
 */
export type Anchoring = { anchor: Anchor; fuzzy: boolean; ties: number } | { detached: string };

/** At most this share of a quote's characters may differ (edits, insertions, deletions) in an approximate match. */
export const fuzzyErrorShare = 0.2;
/** Quotes shorter than this are matched exactly or not at all: a few letters approximately match anywhere. */
export const fuzzyMinLength = 12;
/** Occurrences of one exact quote weighed at most: a word repeated thousands of times gains nothing from more. */
const maxCandidates = 1_000;

const nfc = (text: string) => text.normalize("NFC");

interface Candidate {
  block: TextBlock;
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

/**
 * How well a candidate agrees with the rest of the selector, Hypothesis-style: fewer quote errors first, then
 * prefix and suffix agreement and the block named, then closeness to the position given.
 */
function rank(candidate: Candidate, quote: SourceQuote): [number, number] {
  const { block, start, end } = candidate;
  let agreement = 0;
  if (quote.prefix && nfc(block.text.slice(Math.max(0, start - 64), start)).endsWith(nfc(quote.prefix)))
    agreement += 2;
  if (quote.suffix && nfc(block.text.slice(end, end + 64)).startsWith(nfc(quote.suffix))) agreement += 2;
  if (quote.block?.id === block.anchorId) agreement += 3;
  const distance = quote.position ? Math.abs(block.offset + start - quote.position.start) : 0;
  return [candidate.errors * 100 - agreement, distance];
}

/** The best-ranked candidate (the first of equals), and how many others rank just as well. */
function best(
  candidates: Candidate[],
  quote: SourceQuote,
): { candidate: Candidate; ties: number } | undefined {
  let top: { candidate: Candidate; score: [number, number]; ties: number } | undefined;
  for (const candidate of candidates) {
    const score = rank(candidate, quote);
    if (!top || score[0] < top.score[0] || (score[0] === top.score[0] && score[1] < top.score[1]))
      top = { candidate, score, ties: 0 };
    else if (score[0] === top.score[0] && score[1] === top.score[1]) top.ties += 1;
  }
  return top && { candidate: top.candidate, ties: top.ties };
}

function exactCandidates(blocks: readonly TextBlock[], exact: string): Candidate[] {
  const found: Candidate[] = [];
  for (const block of blocks) {
    for (let at = block.text.indexOf(exact); at >= 0 && found.length < maxCandidates;) {
      found.push({ block, start: at, end: at + exact.length, errors: 0 });
      at = block.text.indexOf(exact, at + 1);
    }
  }
  return found;
}

function fuzzyCandidates(blocks: readonly TextBlock[], exact: string): Candidate[] {
  const maxErrors = Math.floor(exact.length * fuzzyErrorShare);
  const found: Candidate[] = [];
  for (const block of blocks) {
    if (block.text.length < exact.length - maxErrors) continue;
    for (const match of search(block.text, exact, maxErrors)) {
      // Widened to whole characters: a match may end inside an emoji or a combining sequence.
      const start = boundaryAtOrBefore(block.text, match.start);
      const end = boundaryAtOrAfter(block.text, match.end);
      if (end > start) found.push({ block, start, end, errors: match.errors });
    }
  }
  return found;
}

/** Where the file's own block and offsets put the passage, if the text there is the quote. */
function atHint(blocks: readonly TextBlock[], quote: SourceQuote, exact: string): Candidate | undefined {
  const hint = quote.block;
  const block = hint && blocks.find((candidate) => candidate.anchorId === hint.id);
  if (!block || hint.start === undefined || hint.end === undefined) return undefined;
  if (nfc(block.text.slice(hint.start, hint.end)) !== exact) return undefined;
  return { block, start: hint.start, end: hint.end, errors: 0 };
}

/**
 * Finds the passage `quote` selects in `blocks`. Scholia anchors live inside one block: a quote that spans
 * blocks is detached. Returns the anchor (passage offsets and quote context taken from the room's text) and
 * whether it was matched approximately, or why it is detached.
 */
export function anchorQuote(blocks: readonly TextBlock[], quote: SourceQuote): Anchoring {
  const exact = nfc(quote.exact);
  if (exact.trim() === "") return { detached: "its quote is empty" };
  if (exact.includes("\n\n")) return { detached: "its quote spans more than one paragraph" };
  const hinted = atHint(blocks, quote, exact);
  if (hinted) return { anchor: anchorAt(hinted), fuzzy: false, ties: 0 };
  const exactMatch = best(exactCandidates(blocks, exact), quote);
  if (exactMatch) return { anchor: anchorAt(exactMatch.candidate), fuzzy: false, ties: exactMatch.ties };
  if (exact.length < fuzzyMinLength)
    return {
      detached: `its quote is not in the room's text (quotes under ${fuzzyMinLength} characters must match exactly)`,
    };
  const fuzzyMatch = best(fuzzyCandidates(blocks, exact), quote);
  if (fuzzyMatch) return { anchor: anchorAt(fuzzyMatch.candidate), fuzzy: true, ties: fuzzyMatch.ties };
  return {
    detached: `its quote is not in the room's text, not even with ${Math.round(fuzzyErrorShare * 100)}% of it different`,
  };
}
