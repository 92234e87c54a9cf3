// The reader's keys as pure commands: j/k next/previous thread, r reply, x resolve or reopen, c annotate, Escape.
import type { ReaderState } from "./reader-state.ts";
import type { ViewThread } from "./thread-view.ts";

/** What a key asks the reader to do. */
export type KeyCommand =
  | { type: "escape" }
  | { type: "open"; threadId: string; blockId: string }
  | { type: "reply"; threadId: string }
  | { type: "resolve"; threadId: string; resolved: boolean }
  | { type: "annotate" };

/** What the reader may do with the open thread. */
export interface KeyPermissions {
  write: boolean;
  resolve(thread: ViewThread): boolean;
}

/** Where the reader is: each block's position in reading order, and the block at the reading line (null: above all). */
export interface ReadingPlace {
  order: ReadonlyMap<string, number>;
  blockId: string | null;
}

/**
 * With no thread open, the thread j or k starts from: the first at or after the block being read (j), or the last
 * at or before it (k); past either end, the nearest. `visible` is in reading order; detached threads (on no
 * block of the text, or marked detached) come last.
 */
function threadFromPlace(key: "j" | "k", visible: readonly ViewThread[], place: ReadingPlace): ViewThread {
  const at = place.blockId === null ? -1 : (place.order.get(place.blockId) ?? -1);
  // A thread marked detached is listed last even when its block is still in the text: it counts as past the end,
  // or k from the middle would pick it (the last in the list) over the thread just above the reader.
  const position = (thread: ViewThread) =>
    thread.anchorStatus === "detached" ? Infinity : (place.order.get(thread.anchor.blockId) ?? Infinity);
  return key === "j"
    ? (visible.find((thread) => position(thread) >= at) ?? visible.at(-1)!)
    : (visible.findLast((thread) => position(thread) <= at) ?? visible[0]!);
}

/**
 * The command for `key` pressed outside a text field (Escape counts everywhere); null when it means nothing. j and k
 * move from the open thread, or else from `place` (from either end of the list without it).
 */
export function commandForKey(
  key: string,
  state: Pick<ReaderState, "activeId" | "selection">,
  visible: readonly ViewThread[],
  may: KeyPermissions,
  place?: ReadingPlace,
): KeyCommand | null {
  const index = visible.findIndex((thread) => thread.id === state.activeId);
  switch (key) {
    case "Escape":
      return { type: "escape" };
    case "j":
    case "k": {
      if (visible.length === 0) return null;
      const next =
        index < 0 && place
          ? threadFromPlace(key, visible, place)
          : key === "j"
            ? visible[index < 0 ? 0 : Math.min(index + 1, visible.length - 1)]!
            : visible[index < 0 ? visible.length - 1 : Math.max(index - 1, 0)]!;
      return { type: "open", threadId: next.id, blockId: next.anchor.blockId };
    }
    case "r":
      return state.activeId && may.write ? { type: "reply", threadId: state.activeId } : null;
    case "x": {
      const thread = visible[index];
      return thread && may.resolve(thread)
        ? { type: "resolve", threadId: thread.id, resolved: thread.status !== "resolved" }
        : null;
    }
    case "c":
      return state.selection ? { type: "annotate" } : null;
    default:
      return null;
  }
}
