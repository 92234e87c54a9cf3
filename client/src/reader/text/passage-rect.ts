// Where a passage of the text is on screen: block offsets back to a DOM range (the inverse of textOffsetWithin).
import type { Anchor } from "../../../../shared/room-doc.ts";
import { blockAttr, locateAnchor, noOffsetAttr } from "./anchoring.ts";

/** The DOM range of offsets [start, end) of the block rendered at `block`, skipping text that is not the block's. */
export function rangeOfOffsets(block: Element, start: number, end: number): Range | null {
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest(`[${noOffsetAttr}]`) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const range = block.ownerDocument.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const next = seen + node.data.length;
    if (!started && start < next) {
      range.setStart(node, start - seen);
      started = true;
    }
    if (started && end <= next) {
      range.setEnd(node, end - seen);
      return range;
    }
    seen = next;
  }
  return null;
}

/**
 * The box of the first line of `anchor`'s passage inside `root` (or of its block for a block anchor, or when the
 * passage is no longer in the block's text); null when the block is not rendered there.
 */
export function passageRect(
  root: Element,
  anchor: Anchor,
  textOfBlock: (blockId: string) => string | undefined,
) {
  const block = root.querySelector(`[${blockAttr}="${CSS.escape(anchor.blockId)}"]`);
  if (!block) return null;
  const text = textOfBlock(anchor.blockId);
  const found = text === undefined ? null : locateAnchor(anchor, text);
  const range = found && found.end > found.start ? rangeOfOffsets(block, found.start, found.end) : null;
  return range?.getClientRects()[0] ?? block.getBoundingClientRect();
}
