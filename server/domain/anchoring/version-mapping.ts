// Block-level mapping between two versions of a document: unchanged, changed (with a score), removed, added.
import type { Block } from "../../../shared/schemas/documents.ts";
import { candidatesOf } from "./bigram-candidates.ts";
import { followCopies } from "./block-copies.ts";

/** The parts of a block the mapping reads. */
export type MappableBlock = Pick<Block, "anchorId" | "kind" | "text" | "ordinal">;

/** What became of one block of the old version. */
export type BlockFate =
  | { status: "unchanged"; oldAnchorId: string; newAnchorId: string }
  | { status: "changed"; oldAnchorId: string; newAnchorId: string; similarity: number }
  | { status: "removed"; oldAnchorId: string };

/** Fates of the old blocks in old order, and the new blocks nothing was mapped to. */
export interface VersionMapping {
  blocks: BlockFate[];
  added: string[];
  threshold: number;
}

/** Below this similarity a changed-looking pair is treated as a removal plus an addition. */
export const defaultSimilarityThreshold = 0.5;

/** Lowercase word tokens of a text (letters and digits), for similarity. */
function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Word bigrams ("shingles") of a text, with counts; a one-word text is its single word. */
export function shingle(text: string): Map<string, number> {
  const words = tokenize(text);
  const shingles = new Map<string, number>();
  const keys = words.length < 2 ? words : words.slice(1).map((word, index) => `${words[index]} ${word}`);
  for (const key of keys) shingles.set(key, (shingles.get(key) ?? 0) + 1);
  return shingles;
}

function size(shingles: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of shingles.values()) total += count;
  return total;
}

/** Sørensen–Dice coefficient over word bigrams (multisets): 1 for the same words in the same order, 0 for none. */
export function scoreSimilarity(a: string, b: string): number {
  return dice(a, b, shingle(a), shingle(b));
}

/** scoreSimilarity of texts `a` and `b` from their shingles, computed once per block when mapping. */
function dice(
  a: string,
  b: string,
  left: ReadonlyMap<string, number>,
  right: ReadonlyMap<string, number>,
  leftSize = size(left),
  rightSize = size(right),
): number {
  const total = leftSize + rightSize;
  if (total === 0) return a.trim() === b.trim() ? 1 : 0;
  let shared = 0;
  for (const [key, count] of left) shared += Math.min(count, right.get(key) ?? 0);
  return (2 * shared) / total;
}

/** A pair of blocks reaching the threshold, with what orders ties: old block, first bigram shared, new block. */
interface Pair {
  old: MappableBlock;
  next: MappableBlock;
  similarity: number;
  oldIndex: number;
  rank: number;
  newIndex: number;
}

/** Index of the first bigram of `left` (in its order) that `right` holds. */
function firstShared(left: ReadonlyMap<string, number>, right: ReadonlyMap<string, number>): number {
  let index = 0;
  for (const key of left.keys()) {
    if (right.has(key)) return index;
    index += 1;
  }
  return index;
}

/**
 * Maps the blocks of an old version onto a new one. Same anchor id: unchanged (a copy of a repeated block: the copy
 * it is aligned with, block-copies.ts, whose id may have another number). Otherwise the most similar
 * unmatched new block of the same kind, when its word-bigram Dice similarity reaches the threshold, pairs
 * greedily (best scores first, nearer position on ties): changed. Old blocks left over are removed, new ones
 * added. Later work moves annotation threads along this mapping and reports the removed ones as detached.
 */
export function mapVersionBlocks(
  oldBlocks: readonly MappableBlock[],
  newBlocks: readonly MappableBlock[],
  threshold = defaultSimilarityThreshold,
): VersionMapping {
  const newIds = new Set(newBlocks.map((block) => block.anchorId));
  // Copies of a repeated block are followed by the alignment of the two versions (their numbered ids shift).
  const copies = followCopies(oldBlocks, newBlocks);
  const matched = new Map<string, string>();
  const usedNew = new Set<string>();
  const unchanged = new Set<string>();
  for (const block of oldBlocks) {
    const copy = copies.get(block.anchorId);
    const to = copy === undefined ? (newIds.has(block.anchorId) ? block.anchorId : null) : copy;
    if (to === null) continue;
    matched.set(block.anchorId, to);
    usedNew.add(to);
    unchanged.add(block.anchorId);
  }

  const openOld = oldBlocks.filter((block) => !matched.has(block.anchorId));
  const openNew = newBlocks.filter((block) => !usedNew.has(block.anchorId));
  // Look-alike blocks share one text: bigrams, candidates and scores are computed once per distinct text.
  const textIds = new Map<string, number>();
  for (const block of [...openOld, ...openNew])
    if (!textIds.has(block.text)) textIds.set(block.text, textIds.size);
  const shingles = [...textIds.keys()].map((text) => shingle(text));
  const sizes = shingles.map(size);
  // By block: looking a text up compares it whole with its look-alikes'.
  const textIdOf = new Map([...openOld, ...openNew].map((block) => [block, textIds.get(block.text)!]));
  const textOf = (block: MappableBlock) => textIdOf.get(block)!;
  const byShingle = new Map<string, MappableBlock[]>();
  for (const block of openNew) {
    for (const key of shingles[textOf(block)]!.keys()) {
      const holders = byShingle.get(key);
      if (holders) holders.push(block);
      else byShingle.set(key, [block]);
    }
  }

  const newIndex = new Map(openNew.map((block, index) => [block, index]));
  const frequency = (key: string) => byShingle.get(key)?.length ?? 0;
  const candidatesByText = new Map<number, MappableBlock[]>();
  const scores = new Map<number, { similarity: number; rank: number }>();
  const pairs: Pair[] = [];
  for (const [oldIndex, old] of openOld.entries()) {
    const oldText = textOf(old);
    const left = shingles[oldText]!;
    let candidates = candidatesByText.get(oldText);
    if (!candidates)
      candidatesByText.set(
        oldText,
        (candidates = candidatesOf(left, sizes[oldText]!, threshold, byShingle, frequency)),
      );
    for (const next of candidates) {
      if (next.kind !== old.kind) continue;
      const nextText = textOf(next);
      const key = oldText * textIds.size + nextText;
      let score = scores.get(key);
      if (!score) {
        const right = shingles[nextText]!;
        const similarity = dice(old.text, next.text, left, right, sizes[oldText], sizes[nextText]);
        scores.set(key, (score = { similarity, rank: firstShared(left, right) }));
      }
      if (score.similarity < threshold) continue;
      pairs.push({ old, next, ...score, oldIndex, newIndex: newIndex.get(next)! });
    }
  }
  // Best first, nearer position on ties; then in the order the old blocks, their bigrams and the new blocks come,
  // so that ties between look-alikes go as they always went.
  pairs.sort(
    (a, b) =>
      b.similarity - a.similarity ||
      Math.abs(a.old.ordinal - a.next.ordinal) - Math.abs(b.old.ordinal - b.next.ordinal) ||
      a.oldIndex - b.oldIndex ||
      a.rank - b.rank ||
      a.newIndex - b.newIndex,
  );
  const similarityOf = new Map<string, number>();
  for (const { old, next, similarity } of pairs) {
    if (matched.has(old.anchorId) || usedNew.has(next.anchorId)) continue;
    matched.set(old.anchorId, next.anchorId);
    usedNew.add(next.anchorId);
    similarityOf.set(old.anchorId, Math.round(similarity * 1000) / 1000);
  }

  const blocks = oldBlocks.map((block): BlockFate => {
    const newAnchorId = matched.get(block.anchorId);
    if (newAnchorId === undefined) return { status: "removed", oldAnchorId: block.anchorId };
    if (unchanged.has(block.anchorId))
      return { status: "unchanged", oldAnchorId: block.anchorId, newAnchorId };
    const similarity = similarityOf.get(block.anchorId) ?? 0;
    return { status: "changed", oldAnchorId: block.anchorId, newAnchorId, similarity };
  });
  const added = newBlocks.filter((block) => !usedNew.has(block.anchorId)).map((block) => block.anchorId);
  return { blocks, added, threshold };
}
