// What the margin holds beside its passage: the thread being written, else the note being edited, else the open
// thread.
import type { Anchor } from "../../../../shared/room-doc.ts";
import { newThreadId, threadCardId } from "../dom-ids.ts";
import type { ViewThread } from "../state/thread-view.ts";

/** A group of the margin and which part of it sits beside which passage. */
export interface MarginTarget {
  blockId: string;
  /** The passage to sit beside; null for the block's top. */
  passage: Anchor | null;
  /** The id of the element of the group that sits beside the passage (a card, the new thread); null: the top. */
  elementId: string | null;
}

/** The target for a draft on a block, a note being edited on a block, and the open thread (by priority). */
export function marginTargetOf(
  draft: Anchor | null,
  noteOpen: string | null,
  active: ViewThread | undefined,
): MarginTarget | null {
  if (draft) return { blockId: draft.blockId, passage: draft, elementId: newThreadId(draft.blockId) };
  if (noteOpen) return { blockId: noteOpen, passage: null, elementId: null };
  if (!active) return null;
  return { blockId: active.anchor.blockId, passage: active.anchor, elementId: threadCardId(active.id) };
}
