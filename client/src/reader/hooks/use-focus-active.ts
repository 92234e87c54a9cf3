// After keyboard navigation or a thread link: focus moves to the open thread's card, and its paragraph comes into
// view.
import { useEffect } from "react";
import { blockRowId, threadCardId } from "../dom-ids.ts";
import type { ReaderState } from "../state/reader-state.ts";
import type { ViewThread } from "../state/thread-view.ts";

/**
 * Focuses the active card when `state.focusActive` asks for it (bringing it into view unless "in-place"), then calls
 * `onFocused`; a card not rendered yet (a thread just started, whose card comes with the next change of `visible`)
 * is waited for.
 */
export function useFocusActive(
  state: Pick<ReaderState, "activeId" | "focusActive">,
  visible: readonly ViewThread[],
  onFocused: () => void,
) {
  const { activeId, focusActive } = state;
  useEffect(() => {
    if (!activeId || !focusActive) return;
    const thread = visible.find((candidate) => candidate.id === activeId);
    const card = document.getElementById(threadCardId(activeId));
    if (!card) return;
    onFocused();
    card.focus({ preventScroll: true });
    if (focusActive === "in-place") return;
    // Its paragraph, where the card goes beside it; a detached thread's card, which has none.
    const row = thread && document.getElementById(blockRowId(thread.anchor.blockId));
    (row ?? card).scrollIntoView?.({ block: "center" });
  }, [activeId, focusActive, visible, onFocused]);
}
