// The reader's commands as stable callbacks for the text, the margin and the sheet: open a thread, start one on a
// selection or a block, open a note or a block's threads, each dispatched to the reader state.
import { useCallback, useLayoutEffect, useRef, type Dispatch } from "react";
import type { ComposerOptions } from "../../components/Composer.tsx";
import type { Anchor } from "../../../../shared/room-doc.ts";
import { focusMarginGroup } from "../margin/Margin.tsx";
import type { ReaderAction, SelectionBubble } from "../state/reader-state.ts";
import type { ViewThread } from "../state/thread-view.ts";
import type { CreateThread } from "../state/use-thread-actions.ts";

/**
 * Callbacks over `dispatch`; on `narrow` screens a block's discussion opens in the bottom sheet. `threads`: those
 * placed in the text (a thread opened that is not among them opens without a sheet).
 */
export function useReaderCommands(
  dispatch: Dispatch<ReaderAction>,
  narrow: boolean,
  threads: readonly ViewThread[],
  createThread: CreateThread,
) {
  /** The element that opened the bottom sheet, which gets focus back when it closes. */
  const sheetReturn = useRef<HTMLElement | null>(null);
  // Read through a ref, so `activate` stays the same function as threads change: every block of the text takes it,
  // and a new one would re-render them all on each change of the room.
  const latestThreads = useRef(threads);
  useLayoutEffect(() => {
    latestThreads.current = threads;
  });
  const activate = useCallback(
    (threadId: string | null, focus = false) => {
      const blockId = latestThreads.current.find((thread) => thread.id === threadId)?.anchor.blockId ?? null;
      dispatch({ type: "activate", threadId, blockId, focus });
    },
    [dispatch],
  );
  const create = useCallback(
    (anchor: Anchor, body: string, tags: string[], options: ComposerOptions) => {
      const threadId = createThread(anchor, body, tags, options);
      if (!threadId) return;
      const announcement = options.instructorsOnly
        ? "Thread started, visible to instructors and owners."
        : "Thread started.";
      dispatch({ type: "threadStarted", threadId, announcement });
    },
    [dispatch, createThread],
  );
  const annotate = useCallback(() => {
    dispatch({ type: "annotate" });
    window.getSelection()?.removeAllRanges();
  }, [dispatch]);
  const select = useCallback(
    (selection: SelectionBubble | null) => dispatch({ type: "select", selection }),
    [dispatch],
  );
  const comment = useCallback((blockId: string) => dispatch({ type: "comment", blockId }), [dispatch]);
  const openSheet = useCallback(
    (blockId: string, from: HTMLElement | null) => {
      sheetReturn.current = from;
      dispatch({ type: "openSheet", blockId });
    },
    [dispatch],
  );
  const openNote = useCallback(
    (blockId: string, from: HTMLElement) => {
      dispatch({ type: "openNote", blockId });
      if (narrow) openSheet(blockId, from);
    },
    [dispatch, narrow, openSheet],
  );
  const openThreads = useCallback(
    (blockId: string, from: HTMLElement) => (narrow ? openSheet(blockId, from) : focusMarginGroup(blockId)),
    [narrow, openSheet],
  );
  const focused = useCallback(() => dispatch({ type: "focused" }), [dispatch]);
  return { sheetReturn, activate, create, annotate, select, comment, openNote, openThreads, focused };
}
