// Pure placement of the margin's groups beside their blocks: the group being worked on sits exactly beside its
// block, the others keep their order and move just enough not to overlap.

/** One group of the margin: where its block starts and how tall the group is (pixels, margin coordinates). */
export interface MarginItem {
  top: number;
  height: number;
}

/** Where each group goes (same order as the items), and the height the margin needs to hold them. */
export interface MarginPlacement {
  tops: number[];
  height: number;
}

/**
 * Places `items` (in text order) so that the one at `pivot` sits at its block's top, later ones are pushed down and
 * earlier ones up until `gap` pixels separate neighbours; if that pushes any above 0, all shift down together.
 */
export function placeMarginGroups(items: readonly MarginItem[], pivot: number, gap: number): MarginPlacement {
  if (items.length === 0) return { tops: [], height: 0 };
  const at = Math.min(Math.max(0, pivot), items.length - 1);
  const placed = items.map((item) => item.top);
  for (let i = at + 1; i < items.length; i += 1) {
    placed[i] = Math.max(items[i]!.top, placed[i - 1]! + items[i - 1]!.height + gap);
  }
  for (let i = at - 1; i >= 0; i -= 1) {
    placed[i] = Math.min(items[i]!.top, placed[i + 1]! - items[i]!.height - gap);
  }
  const overflow = Math.min(0, ...placed);
  const tops = placed.map((top) => top - overflow);
  const last = items.length - 1;
  return { tops, height: tops[last]! + items[last]!.height };
}
