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

/** The command for `key` pressed outside a text field (Escape counts everywhere); null when it means nothing. */
export function commandForKey(
  key: string,
  state: Pick<ReaderState, "activeId" | "selection">,
  visible: readonly ViewThread[],
  may: KeyPermissions,
): KeyCommand | null {
  const index = visible.findIndex((thread) => thread.id === state.activeId);
  switch (key) {
    case "Escape":
      return { type: "escape" };
    case "j":
    case "k": {
      if (visible.length === 0) return null;
      const next =
        key === "j"
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
