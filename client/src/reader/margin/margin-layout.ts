// Pure placement of the margin's groups beside their blocks: one group is held where it should be (the one being
// worked on beside its passage, else the one the reader is looking at where it already is), and the others keep
// their order and move just enough not to overlap, so nothing in view moves when something changes elsewhere.

/** One group of the margin: where its block starts and how tall the group is (pixels, margin coordinates). */
export interface MarginItem {
  top: number;
  height: number;
}

/** The group to hold still (`index`), and where (`top`). */
export interface MarginPivot {
  index: number;
  top: number;
}

/** Where each group goes (same order as the items), and the height the margin needs to hold them. */
export interface MarginPlacement {
  tops: number[];
  height: number;
}

/**
 * Where each group goes with nothing held: at its block, or `gap` pixels below the group above where that one
 * reaches lower (pixels, margin coordinates).
 */
function stackedDown(items: readonly MarginItem[], gap: number): number[] {
  const tops: number[] = [];
  items.forEach((item, i) => {
    tops.push(
      i === 0 ? Math.max(0, item.top) : Math.max(item.top, tops[i - 1]! + items[i - 1]!.height + gap),
    );
  });
  return tops;
}

/**
 * Places `items` (in text order) with `gap` pixels between neighbours. The pivot (the first group at its block
 * when null) goes to its top; later groups are pushed down, earlier ones up from where they would be with nothing
 * held. Groups pushed above 0 are stacked down from 0 instead, and the pivot moves only when they cannot fit above
 * it. Holding a group where it would be with nothing held therefore places every group as if nothing were held: a
 * layout repeated with nothing changed moves nothing, whichever group it holds.
 */
export function placeMarginGroups(
  items: readonly MarginItem[],
  pivot: MarginPivot | null,
  gap: number,
): MarginPlacement {
  if (items.length === 0) return { tops: [], height: 0 };
  const at = pivot ? Math.min(Math.max(0, pivot.index), items.length - 1) : 0;
  const unheld = stackedDown(items, gap);
  const tops = [...unheld];
  tops[at] = Math.max(0, pivot && pivot.index === at ? pivot.top : items[at]!.top);
  const bottom = (i: number) => tops[i]! + items[i]!.height + gap;
  for (let i = at - 1; i >= 0; i -= 1) tops[i] = Math.min(unheld[i]!, tops[i + 1]! - items[i]!.height - gap);
  if (tops[0]! < 0) {
    tops[0] = 0;
    for (let i = 1; i <= at; i += 1) tops[i] = Math.max(tops[i]!, bottom(i - 1));
  }
  for (let i = at + 1; i < items.length; i += 1) tops[i] = Math.max(items[i]!.top, bottom(i - 1));
  const last = items.length - 1;
  return { tops, height: tops[last]! + items[last]!.height };
}

/** A group as the margin last saw it. */
export interface MarginGroupState extends MarginItem {
  /** Where the previous layout put the group and where its block was then; absent for a group new to the margin. */
  last?: { top: number; blockTop: number };
}

/** The group being worked on (a new thread, the open thread, a note), and where it should sit. */
export interface MarginFocus {
  index: number;
  top: number;
  /** True on the first layout after the reader opened it: it is placed even if its passage is out of view. */
  fresh: boolean;
}

/**
 * Which group to hold still, given the window's extent in margin coordinates: the focus group when just opened or
 * in view; else the first group in view, where it already is (at its block, if the text reflowed); else none.
 */
export function choosePivot(
  groups: readonly MarginGroupState[],
  focus: MarginFocus | null,
  view: { top: number; bottom: number },
): MarginPivot | null {
  const inView = (top: number, height: number) => top < view.bottom && top + height > view.top;
  if (focus && (focus.fresh || inView(focus.top, groups[focus.index]!.height))) {
    return { index: focus.index, top: focus.top };
  }
  const index = groups.findIndex((group) => group.last && inView(group.last.top, group.height));
  if (index < 0) return null;
  const { last, top } = groups[index]!;
  return { index, top: last!.blockTop === top ? last!.top : top };
}
