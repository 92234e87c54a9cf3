// Tells apart copies of one repeated block across versions: their ids count copies in order, so they shift.
import type { MappableBlock } from "./version-mapping.ts";

/** The content part of an anchor id ("<hash>-<n>" → "<hash>"); copies of one block share it. */
const contentOf = (anchorId: string) => anchorId.replace(/-\d+$/u, "");

/** Ids of the blocks before and after each block, "^" and "$" at the ends. */
function neighbours(blocks: readonly MappableBlock[]): Map<string, [string, string]> {
  return new Map(
    blocks.map((block, index) => [
      block.anchorId,
      [blocks[index - 1]?.anchorId ?? "^", blocks[index + 1]?.anchorId ?? "$"],
    ]),
  );
}

/**
 * Where each copy of a repeated block went. Ids number identical blocks in order ("h-1", "h-2"), so when a copy is
 * added, removed or moved past another, "h-1" of the new version may be another copy than "h-1" of the old, and a
 * thread kept by id would sit on a look-alike. A copy is followed to the new copy with the same block before or
 * after it; without such a neighbour it keeps its id only when the number of copies did not change and no other
 * copy claimed that id. Returns old id → new id for every copy of a block repeated in either version, null where
 * it cannot be told (the copy is gone, or it is a guess); blocks not repeated are absent.
 */
export function followCopies(
  oldBlocks: readonly MappableBlock[],
  newBlocks: readonly MappableBlock[],
): Map<string, string | null> {
  const copiesOf = (blocks: readonly MappableBlock[]) => {
    const copies = new Map<string, string[]>();
    for (const { anchorId } of blocks) {
      const key = contentOf(anchorId);
      const list = copies.get(key);
      if (list) list.push(anchorId);
      else copies.set(key, [anchorId]);
    }
    return copies;
  };
  const oldCopies = copiesOf(oldBlocks);
  const newCopies = copiesOf(newBlocks);
  const oldNeighbours = neighbours(oldBlocks);
  const newNeighbours = neighbours(newBlocks);
  const followed = new Map<string, string | null>();
  for (const [key, olds] of oldCopies) {
    const news = newCopies.get(key) ?? [];
    if (olds.length < 2 && news.length < 2) continue;
    const claimed = new Set<string>();
    const unsure: string[] = [];
    for (const id of olds) {
      const [before, after] = oldNeighbours.get(id)!;
      const matches = news.filter((next) => {
        const [nextBefore, nextAfter] = newNeighbours.get(next)!;
        return nextBefore === before || nextAfter === after;
      });
      if (matches.length === 1) {
        followed.set(id, matches[0]!);
        claimed.add(matches[0]!);
      } else unsure.push(id);
    }
    // Two copies followed to one: one of them is gone, and nothing says which.
    for (const id of olds) {
      const to = followed.get(id);
      if (to && olds.some((other) => other !== id && followed.get(other) === to)) unsure.push(id);
    }
    for (const id of unsure) claimed.delete(followed.get(id) ?? "");
    const sameCount = olds.length === news.length;
    for (const id of unsure) followed.set(id, sameCount && news.includes(id) && !claimed.has(id) ? id : null);
  }
  return followed;
}
