// Tells apart copies of one repeated block across versions: their ids count copies in order, so they shift.
import { diffArrays } from "diff";
import type { MappableBlock } from "./version-mapping.ts";

/** The content part of an anchor id ("<hash>-<n>" → "<hash>"); copies of one block share it. */
const contentOf = (anchorId: string) => anchorId.replace(/-\d+$/u, "");

/**
 * Where each copy of a repeated block went. Ids number identical blocks in order ("h-1", "h-2"), so when a copy is
 * added or removed, "h-1" of the new version may be another copy than "h-1" of the old, and a thread kept by id
 * would sit on a look-alike. The two versions' blocks are aligned by content (Myers' diff over the content part of
 * the ids, `diff`'s diffArrays: the longest common subsequence of blocks), and a copy is followed to the new block
 * it is aligned with. Returns old id → new id for every copy of a block repeated in either version, null for a copy
 * that is not in the alignment (removed, or moved past the others: which copy it is cannot be told); blocks not
 * repeated are absent.
 */
export function followCopies(
  oldBlocks: readonly MappableBlock[],
  newBlocks: readonly MappableBlock[],
): Map<string, string | null> {
  const oldKeys = oldBlocks.map((block) => contentOf(block.anchorId));
  const newKeys = newBlocks.map((block) => contentOf(block.anchorId));
  const repeated = repeatedKeys([oldKeys, newKeys]);
  const followed = new Map<string, string | null>();
  if (repeated.size === 0) return followed;
  for (const [index, key] of oldKeys.entries())
    if (repeated.has(key)) followed.set(oldBlocks[index]!.anchorId, null);
  let oldAt = 0;
  let newAt = 0;
  for (const part of diffArrays(oldKeys, newKeys)) {
    const count = part.value.length;
    if (part.added) newAt += count;
    else if (part.removed) oldAt += count;
    else {
      for (let i = 0; i < count; i += 1) {
        const old = oldBlocks[oldAt + i]!;
        if (repeated.has(oldKeys[oldAt + i]!)) followed.set(old.anchorId, newBlocks[newAt + i]!.anchorId);
      }
      oldAt += count;
      newAt += count;
    }
  }
  return followed;
}

/** Content keys occurring more than once in any of the lists. */
function repeatedKeys(lists: readonly (readonly string[])[]): Set<string> {
  const repeated = new Set<string>();
  for (const keys of lists) {
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) repeated.add(key);
      seen.add(key);
    }
  }
  return repeated;
}
