// Carries a thread's anchor from one version of a text to the next, or says it is detached (pure).
import {
  defaultMatchMargin,
  defaultMatchThreshold,
  pickQuoteMatch,
  scoreQuoteCandidates,
  type QuoteMatch,
  type QuoteSelector,
} from "../../../shared/anchoring/match-quote.ts";
import {
  boundaryAtOrAfter,
  boundaryAtOrBefore,
  quotePrefix,
  quoteSelection,
  quoteSuffix,
} from "../../../shared/anchoring/quote-context.ts";
import type { Anchor, AnchorStatus } from "../../../shared/room-doc.ts";
import { followCopies } from "./block-copies.ts";
import {
  mapVersionBlocks,
  shingle,
  type BlockFate,
  type MappableBlock,
  type VersionMapping,
} from "./version-mapping.ts";

/** Where an anchor stands on the new version. Detached anchors are returned unchanged (old block, old offsets). */
export interface Reanchoring {
  status: AnchorStatus;
  anchor: Anchor;
  /** How sure a moved anchor is, 0..1 (absent when unchanged or detached). */
  score?: number;
  /** A paragraph split in two: the anchor went to the part holding most of its text. */
  split?: boolean;
}

/** Re-anchors any number of anchors between one pair of versions, with the work shared between them done once. */
export interface Reanchorer {
  reanchor(anchor: Anchor): Reanchoring;
}

/** Inside the block a changed paragraph became: the matcher's defaults (an exact quote with new context passes). */
const inBlockThreshold = defaultMatchThreshold;
const inBlockMargin = defaultMatchMargin;
/**
 * Anywhere else in the new text: the quote nearly as it was and most of its context too, well ahead of any other
 * place. Only text new in this version is searched, and a quote the old version also held elsewhere detaches.
 */
const wholeTextThreshold = 0.85;
const wholeTextMargin = 0.1;

/** A new block holding at least this share of an old block's word bigrams can take its threads (a merge). */
const mergedShare = 0.6;
/** A part of a split: mostly (this share of its bigrams) the old block's text… */
const splitPartPurity = 0.6;
/** …and holding at least this share of the old block's bigrams. */
const splitPartShare = 0.2;
/** Bigrams found in more blocks than this ("of the") say little about where a text went, and cost the most. */
const commonBigram = 64;
/**
 * A block is searched for a quote when it holds at least this share of the quote's word bigrams: the strict
 * whole-text threshold needs the quote nearly as it was.
 */
const quoteShare = 1 / 2;
/** New blocks searched at most for a quote in the whole text, those sharing most of its bigrams first. */
const maxWholeTextBlocks = 8;
/**
 * Blocks longer than this (UTF-16 units; an import may make a whole book one paragraph) are searched only around
 * where the passage is expected, never whole for each thread, and not at all in the whole-text stage.
 */
const longBlock = 65_536;
/** Around the expected place in a long block, this much text each side (plus the quote's length) is searched. */
const longBlockWindow = 8_192;
/**
 * How far edits before a passage in a long block may have moved it and it is still looked for: beyond, it is
 * detached rather than searched for through megabytes.
 */
const maxLongBlockSpread = 65_536;

/** Where the text of an old block went: the new blocks to search, the one a paragraph thread follows. */
interface Destination {
  targets: string[];
  score: number;
  split: boolean;
}

type Bigrams = ReadonlySet<string>;

/** A fresh block holding an old block's text: the shares of the old one's and of its own bigrams. */
interface Holder {
  id: string;
  ofOld: number;
  ofNew: number;
}

/** Where the bigrams of an old block went: the parts of a split (best first), the block holding most of it. */
interface Spread {
  parts: Holder[];
  merged: Holder | undefined;
}

const bigramsOf = (text: string): Bigrams => new Set(shingle(text).keys());

/** An inverted index from word bigram to the ids of the blocks holding it. */
function indexBigrams(blocks: Iterable<MappableBlock>, bigrams: (block: MappableBlock) => Bigrams) {
  const index = new Map<string, string[]>();
  for (const block of blocks) {
    for (const key of bigrams(block)) {
      const list = index.get(key);
      if (list) list.push(block.anchorId);
      else index.set(key, [block.anchorId]);
    }
  }
  return index;
}

/**
 * Ids of indexed blocks sharing the most of `keys`, most first: at least `share` of the keys that are not common,
 * at most `limit` of them.
 */
function blocksSharing(
  index: ReadonlyMap<string, string[]>,
  keys: Iterable<string>,
  share: number,
  limit: number,
) {
  return countSharing(index, keys, share, limit).map(([id]) => id);
}

/**
 * blocksSharing with, for each block, the most keys it can share: those counted plus the common ones, which are
 * not looked at.
 */
function countSharing(
  index: ReadonlyMap<string, string[]>,
  keys: Iterable<string>,
  share: number,
  limit: number,
): [string, number][] {
  const counts = new Map<string, number>();
  let counted = 0;
  let common = 0;
  for (const key of keys) {
    const list = index.get(key);
    if (!list) continue;
    if (list.length > commonBigram) {
      common += 1;
      continue;
    }
    counted += 1;
    for (const id of list) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const least = Math.max(1, Math.ceil(counted * share));
  return [...counts]
    .filter(([, count]) => count >= least)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([id, count]) => [id, count + common]);
}

/** How many bigrams of `a` are in `b` and not in `except`. */
function shared(a: Bigrams, b: Bigrams, except?: Bigrams): number {
  let count = 0;
  for (const key of a) if (b.has(key) && !except?.has(key)) count += 1;
  return count;
}

/** Candidates of several blocks in one list, best first; a candidate of one block never overlaps another's. */
type BlockMatch = QuoteMatch & { blockId: string };

/**
 * Candidates in one block; in a long block only within longBlockWindow plus `spread` (how far edits may have
 * moved the passage) of `hint`, and none without a hint.
 */
function scoreInBlock(
  block: MappableBlock,
  selector: QuoteSelector,
  hint: number | undefined,
  spread: number,
): BlockMatch[] {
  const { text, anchorId: blockId } = block;
  if (text.length <= longBlock)
    return scoreQuoteCandidates(text, selector, hint).map((match) => ({ ...match, blockId }));
  if (hint === undefined) return [];
  const reach = longBlockWindow + Math.min(spread, maxLongBlockSpread) + selector.exact.length;
  const from = boundaryAtOrBefore(text, Math.max(0, hint - reach));
  const to = boundaryAtOrAfter(text, Math.min(text.length, hint + reach + selector.exact.length));
  const window = text.slice(from, to);
  // The very words once in the window are the passage (its block's successor, near its place): no folding needed.
  const at = window.indexOf(selector.exact);
  if (at >= 0 && window.indexOf(selector.exact, at + 1) < 0)
    return [{ start: from + at, end: from + at + selector.exact.length, score: 1, blockId }];
  return scoreQuoteCandidates(window, selector, hint - from).map((match) => ({
    ...match,
    start: match.start + from,
    end: match.end + from,
    blockId,
  }));
}

/** How many code units two texts share at their start, and at their end without overlapping that. */
function commonEnds(a: string, b: string): { head: number; tail: number } {
  const max = Math.min(a.length, b.length);
  let head = 0;
  while (head < max && a.charCodeAt(head) === b.charCodeAt(head)) head += 1;
  let tail = 0;
  while (tail < max - head && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail))
    tail += 1;
  return { head, tail };
}

/**
 * Prepares re-anchoring from `oldBlocks` to `newBlocks` (with their block mapping, computed when not given).
 * Indexes once what every anchor needs (blocks by id, the fates of old blocks, word bigrams of the text that is new
 * in this version and of the old text that changed), so each anchor costs a few block-sized searches at most.
 *
 * The returned reanchor(anchor) answers:
 * - block id in the new version with the same text → `unchanged`, the anchor as it was (a copy of a repeated block
 *   follows its copy by neighbours, block-copies.ts: `moved` to that copy's id when ids shifted);
 * - a changed block (by the mapping, or split into parts or merged into another by where its word bigrams went) →
 *   a paragraph anchor follows it (to the part holding most of the text, `split`), a passage is looked for in it
 *   (inBlockThreshold / inBlockMargin), then in the text new in this version (wholeTextThreshold / wholeTextMargin);
 *   found → `moved` (or `unchanged` when block and offsets are the same), with quote and context from the new text
 *   and the match's `score`;
 * - otherwise `detached`, the anchor returned untouched. Never moved to a passage the old text already held
 *   elsewhere (a look-alike paragraph's).
 */
export function prepareReanchor(
  oldBlocks: readonly MappableBlock[],
  newBlocks: readonly MappableBlock[],
  mapping: VersionMapping = mapVersionBlocks(oldBlocks, newBlocks),
): Reanchorer {
  const oldById = new Map(oldBlocks.map((block) => [block.anchorId, block]));
  const newById = new Map(newBlocks.map((block) => [block.anchorId, block]));
  const fateOf = new Map<string, BlockFate>(mapping.blocks.map((fate) => [fate.oldAnchorId, fate]));
  const fresh = new Set(mapping.added);
  /** The old block each changed new block was mapped from. */
  const partnerOf = new Map<string, string>();
  for (const fate of mapping.blocks) {
    if (fate.status !== "changed") continue;
    fresh.add(fate.newAnchorId);
    partnerOf.set(fate.newAnchorId, fate.oldAnchorId);
  }
  const freshBlocks = newBlocks.filter((block) => fresh.has(block.anchorId));
  const staleBlocks = oldBlocks.filter((block) => fateOf.get(block.anchorId)?.status !== "unchanged");

  // By text: the copies of a repeated paragraph (thousands in a long text) share their bigrams.
  const bigramCache = new Map<string, Bigrams>();
  // And by block: looking a text up compares it whole with its look-alikes'.
  const blockBigrams = new Map<MappableBlock, Bigrams>();
  const cachedBigrams = (block: MappableBlock) => {
    let bigrams = blockBigrams.get(block);
    if (bigrams) return bigrams;
    bigrams = bigramCache.get(block.text);
    if (!bigrams) bigramCache.set(block.text, (bigrams = bigramsOf(block.text)));
    blockBigrams.set(block, bigrams);
    return bigrams;
  };
  // Long blocks stay out of the indexes: never searched whole, and their bigrams would cost more than the rest.
  const isShort = (block: MappableBlock) => block.text.length <= longBlock;
  const freshIndex = indexBigrams(freshBlocks.filter(isShort), cachedBigrams);
  const staleIndex = indexBigrams(staleBlocks.filter(isShort), cachedBigrams);
  const longStaleBlocks = staleBlocks.filter((block) => !isShort(block));

  const copies = followCopies(oldBlocks, newBlocks);
  const ends = new Map<string, { head: number; tail: number }>();
  /** commonEnds of an old block and a new one, once per pair: linear in the text, and a block may be megabytes. */
  const endsOf = (old: MappableBlock, next: MappableBlock) => {
    const key = `${old.anchorId}\u0000${next.anchorId}`;
    let found = ends.get(key);
    if (!found) ends.set(key, (found = commonEnds(old.text, next.text)));
    return found;
  };
  /** Per old text, the fresh blocks sharing enough of its bigrams to be a part of it or to have taken it whole. */
  const sharingByText = new Map<string, Map<string, number>>();
  /**
   * Per old text, and per fresh block whose predecessor the old block is ("" for none among them), the parts of a
   * split and the block a merge went to: the same for every copy of a repeated paragraph.
   */
  const spreads = new Map<string, Map<string, Spread>>();
  function spreadOf(old: MappableBlock, fate: BlockFate | undefined): Spread {
    const bigrams = cachedBigrams(old);
    let sharing = sharingByText.get(old.text);
    if (!sharing) {
      sharing = new Map(countSharing(freshIndex, bigrams, splitPartShare / 2, Number.POSITIVE_INFINITY));
      sharingByText.set(old.text, sharing);
    }
    const successor = fate?.status === "changed" && sharing.has(fate.newAnchorId) ? fate.newAnchorId : "";
    let byText = spreads.get(old.text);
    if (!byText) spreads.set(old.text, (byText = new Map()));
    const known = byText.get(successor);
    if (known) return known;
    // A block that cannot share enough to be a part or to have taken the text whole is not weighed: most of them.
    const holders = [...sharing]
      .filter(
        ([id, most]) =>
          most / bigrams.size >= mergedShare ||
          most / cachedBigrams(newById.get(id)!).size >= splitPartPurity,
      )
      .map(([id]) => {
        const next = cachedBigrams(newById.get(id)!);
        // Text the block's own predecessor also had is its, not ours: a look-alike's successor holds much of ours.
        const partner = partnerOf.get(id);
        const own = partner && partner !== old.anchorId ? cachedBigrams(oldById.get(partner)!) : undefined;
        const common = shared(bigrams, next, own);
        return { id, ofOld: common / bigrams.size, ofNew: common / next.size };
      });
    holders.sort((a, b) => b.ofOld - a.ofOld);
    // Each part must hold its own share of the text: a block repeating what another part holds is no part.
    const covered = new Set<string>();
    const parts = holders.filter((h) => {
      if (h.ofNew < splitPartPurity) return false;
      const next = cachedBigrams(newById.get(h.id)!);
      const own = [...bigrams].filter((key) => next.has(key) && !covered.has(key));
      if (own.length < splitPartShare * bigrams.size) return false;
      for (const key of own) covered.add(key);
      return true;
    });
    const spread = { parts, merged: holders.find((h) => h.ofOld >= mergedShare) };
    byText.set(successor, spread);
    return spread;
  }
  const scoredCache = new Map<string, BlockMatch[]>();
  /**
   * Candidates in `blocks`, best first. Once per block, quote, context, hint and spread: the copies of a repeated
   * paragraph bring the same quotes to the same blocks, and each search may cost an approximate match.
   */
  function scoreInBlocks(
    blocks: readonly MappableBlock[],
    selector: QuoteSelector,
    hint: number | undefined,
    spread = 0,
  ): BlockMatch[] {
    const quote = [selector.exact, selector.prefix ?? "\u0001", selector.suffix ?? "\u0001"].join("\u0000");
    return blocks
      .flatMap((block) => {
        const key = `${block.anchorId}\u0000${hint}\u0000${spread}\u0000${quote}`;
        let found = scoredCache.get(key);
        if (!found) scoredCache.set(key, (found = scoreInBlock(block, selector, hint, spread)));
        return found;
      })
      .sort((a, b) => b.score - a.score);
  }
  const destinations = new Map<string, Destination | null>();
  /** Where the text of a changed old block went, by the mapping and by where its bigrams are now. */
  function destinationOf(old: MappableBlock): Destination | null {
    const known = destinations.get(old.anchorId);
    if (known !== undefined) return known;
    const fate = fateOf.get(old.anchorId);
    if (!isShort(old)) {
      // A long block follows the mapping only: looking for its parts elsewhere would cost more than all the rest.
      const mapped =
        fate?.status === "changed"
          ? { targets: [fate.newAnchorId], score: fate.similarity, split: false }
          : null;
      destinations.set(old.anchorId, mapped);
      return mapped;
    }
    const bigrams = cachedBigrams(old);
    const { parts, merged } = spreadOf(old, fate);
    let destination: Destination | null = null;
    if (bigrams.size >= 2 && parts.length >= 2)
      destination = { targets: parts.map((h) => h.id), score: parts[0]!.ofOld, split: true };
    else if (fate?.status === "changed")
      destination = { targets: [fate.newAnchorId], score: fate.similarity, split: false };
    else if (bigrams.size >= 2 && merged)
      destination = { targets: [merged.id], score: merged.ofOld, split: false };
    destinations.set(old.anchorId, destination);
    return destination;
  }

  /**
   * The quote in text new to this version, strictly; null when not found, not clearly in one place, or when the
   * old version held it in another changed block too (the twin would be the one found).
   */
  function findInNewText(
    selector: QuoteSelector,
    oldId: string,
    searched: readonly string[],
  ): BlockMatch | null {
    const keys = [...bigramsOf(selector.exact)];
    if (keys.length < 2) return null;
    const blocks = blocksSharing(freshIndex, keys, quoteShare, maxWholeTextBlocks + searched.length)
      .filter((id) => !searched.includes(id) && newById.get(id)!.text.length <= longBlock)
      .slice(0, maxWholeTextBlocks)
      .map((id) => newById.get(id)!);
    const found = pickQuoteMatch(
      scoreInBlocks(blocks, selector, undefined),
      wholeTextThreshold,
      wholeTextMargin,
    );
    if (!found) return null;
    // Words the old text also had elsewhere are no one passage's: finding them in new text would be a guess.
    if (heldElsewhere(selector.exact, oldId)) return null;
    const twins = blocksSharing(staleIndex, keys, quoteShare, maxWholeTextBlocks + 1)
      .filter((id) => id !== oldId)
      .map((id) => oldById.get(id)!);
    // A long old block is only asked whether it held the very words.
    const longTwin = longStaleBlocks.some(
      (block) => block.anchorId !== oldId && block.text.includes(selector.exact),
    );
    if (longTwin) return null;
    const twin = scoreInBlocks(twins, selector, undefined)[0];
    // Looser than the search itself: an old look-alike only a little less like the quote still makes it a guess.
    return twin && twin.score >= inBlockThreshold ? null : (found as BlockMatch);
  }

  /** Whether an old block other than `oldId` holds `exact` word for word (asked only of a whole-text find). */
  function heldElsewhere(exact: string, oldId: string): boolean {
    return oldBlocks.some((block) => block.anchorId !== oldId && block.text.includes(exact));
  }

  function moveTo(anchor: Anchor, match: BlockMatch): Reanchoring {
    const text = newById.get(match.blockId)!.text;
    const moved = { blockId: match.blockId, ...quoteSelection(text, match.start, match.end) };
    const same = moved.blockId === anchor.blockId && moved.start === anchor.start && moved.end === anchor.end;
    // Same place, but the text around may be spelled differently: the quote and context are the new text's.
    if (same) return { status: "unchanged", anchor: moved };
    return { status: "moved", anchor: moved, score: round(match.score) };
  }

  function reanchor(anchor: Anchor): Reanchoring {
    const detached: Reanchoring = { status: "detached", anchor };
    const old = oldById.get(anchor.blockId);
    const copy = copies.get(anchor.blockId);
    const same = newById.get(copy === undefined ? anchor.blockId : (copy ?? ""));
    if (same && (!old || old.text === same.text)) {
      // A copy whose id shifted (copies before it came or went) is the same passage: only its number changed.
      if (same.anchorId === anchor.blockId) return { status: "unchanged", anchor };
      return { status: "unchanged", anchor: { ...anchor, blockId: same.anchorId } };
    }
    // Same id, other text: the ids are hashed from normalized text, so only spacing or normalization differ.
    const destination = same
      ? { targets: [same.anchorId], score: 1, split: false }
      : old
        ? destinationOf(old)
        : null;
    const { start, end } = anchor;
    if (start === undefined || end === undefined) {
      if (!destination) return detached;
      const blockId = destination.targets[0]!;
      if (blockId === anchor.blockId) return { status: "unchanged", anchor };
      return {
        status: "moved",
        anchor: { blockId },
        score: round(destination.score),
        ...(destination.split ? { split: true } : {}),
      };
    }
    const exact = anchor.exact ?? old?.text.slice(start, end);
    if (!exact) return detached;
    const selector: QuoteSelector = {
      exact,
      prefix: anchor.prefix ?? (old ? quotePrefix(old.text, start) : undefined),
      suffix: anchor.suffix ?? (old ? quoteSuffix(old.text, end) : undefined),
    };
    const targets = destination?.targets ?? [];
    let hint = targets.length === 1 ? start : undefined;
    let spread = 0;
    if (old && targets.length === 1 && exact === old.text.slice(start, end)) {
      // Where the old and new text agree up to the passage (or from it to the end), it is where it was: no search.
      const next = newById.get(targets[0]!)!;
      const { head, tail } = endsOf(old, next);
      const shift = next.text.length - old.text.length;
      const at = end <= head ? start : start >= old.text.length - tail ? start + shift : undefined;
      if (at !== undefined && isBoundary(next.text, at) && isBoundary(next.text, at + end - start))
        return moveTo(anchor, { blockId: next.anchorId, start: at, end: at + end - start, score: 1 });
      // Otherwise it lies between the edits, moved by at most their net length (for the window of a long block).
      hint = at ?? start;
      spread = Math.abs(shift);
    }
    const inBlock = pickQuoteMatch(
      scoreInBlocks(
        targets.map((id) => newById.get(id)!),
        selector,
        hint,
        spread,
      ),
      inBlockThreshold,
      inBlockMargin,
    ) as BlockMatch | null;
    if (inBlock) return moveTo(anchor, inBlock);
    // A lost copy of a repeated block: its twins are the other copies, which the whole-text guard does not see.
    if (copy === null) return detached;
    const elsewhere = findInNewText(selector, anchor.blockId, targets);
    return elsewhere ? moveTo(anchor, elsewhere) : detached;
  }

  return { reanchor };
}

const round = (score: number) => Math.round(score * 1000) / 1000;

const isBoundary = (text: string, offset: number) =>
  offset <= text.length && boundaryAtOrBefore(text, offset) === offset;
