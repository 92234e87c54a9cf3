// The reader's UI state as a pure reducer: the open thread, the new-thread draft, the selection, the bottom sheet,
// the reply and note being written, the filters and what to announce.
import type { Anchor } from "../../../../shared/room-doc.ts";
import { noFilters, type Filters } from "./filters.ts";

/** A selected passage the reader may annotate, with where its floating button goes (viewport pixels). */
export interface SelectionBubble {
  anchor: Anchor;
  top: number;
  left: number;
}

export interface ReaderState {
  /** Narrow screens show the discussion in a bottom sheet instead of the margin. */
  narrow: boolean;
  filters: Filters;
  /** The open thread. */
  activeId: string | null;
  /**
   * Move focus to the open thread's card once it renders and bring it into view (keyboard navigation), or only
   * focus it, "in-place" (a thread just started, whose card is where its composer was: the page must not move).
   */
  focusActive: boolean | "in-place";
  /** Thread whose reply box should open (keyboard "r"). */
  replyTo: string | null;
  /** The anchor of a thread being written. */
  draft: Anchor | null;
  selection: SelectionBubble | null;
  /** The block whose discussion the bottom sheet shows. */
  sheetBlock: string | null;
  /** The block whose private note is being edited. */
  noteOpen: string | null;
  /** The last message for screen readers. */
  announcement: string;
}

export type ReaderAction =
  | { type: "resize"; narrow: boolean }
  | { type: "filter"; filters: Filters }
  /** Open a thread (null closes it); `blockId` is its block, for the sheet; `focus` moves focus to its card. */
  | { type: "activate"; threadId: string | null; blockId?: string | null; focus?: boolean }
  | { type: "focused" }
  | { type: "reply"; threadId: string }
  | { type: "select"; selection: SelectionBubble | null }
  /** Start a thread on the selected passage. */
  | { type: "annotate" }
  /** Start a thread on a whole block. */
  | { type: "comment"; blockId: string }
  | { type: "cancelDraft" }
  | { type: "threadStarted"; threadId: string; announcement: string }
  | { type: "openSheet"; blockId: string }
  | { type: "closeSheet" }
  | { type: "openNote"; blockId: string }
  | { type: "closeNote" }
  | { type: "announce"; message: string }
  /** Escape: close the sheet (and its thread), else drop the draft, else close the thread. */
  | { type: "escape" };

export const initialReaderState = (narrow: boolean): ReaderState => ({
  narrow,
  filters: noFilters,
  activeId: null,
  focusActive: false,
  replyTo: null,
  draft: null,
  selection: null,
  sheetBlock: null,
  noteOpen: null,
  announcement: "",
});

/** The next state after `action`; returns `state` itself when nothing changes. */
export function readerReducer(state: ReaderState, action: ReaderAction): ReaderState {
  switch (action.type) {
    case "resize":
      return state.narrow === action.narrow ? state : { ...state, narrow: action.narrow };
    case "filter":
      return { ...state, filters: action.filters };
    case "activate": {
      const sheetBlock =
        action.threadId && state.narrow && action.blockId ? action.blockId : state.sheetBlock;
      return {
        ...state,
        activeId: action.threadId,
        replyTo: null,
        focusActive: action.focus ?? false,
        sheetBlock,
      };
    }
    case "focused":
      return state.focusActive ? { ...state, focusActive: false } : state;
    case "reply":
      return { ...state, replyTo: action.threadId };
    case "select":
      return state.selection === action.selection ? state : { ...state, selection: action.selection };
    case "annotate": {
      if (!state.selection) return state;
      const { anchor } = state.selection;
      return {
        ...state,
        draft: anchor,
        sheetBlock: state.narrow ? anchor.blockId : state.sheetBlock,
        selection: null,
      };
    }
    case "comment":
      return {
        ...state,
        draft: { blockId: action.blockId },
        sheetBlock: state.narrow ? action.blockId : state.sheetBlock,
      };
    case "cancelDraft":
      return { ...state, draft: null };
    case "threadStarted":
      // Focus goes to the new thread's card: the composer it was written in is gone, and focus must not fall to
      // the page.
      return {
        ...state,
        draft: null,
        activeId: action.threadId,
        focusActive: "in-place",
        announcement: action.announcement,
      };
    case "openSheet":
      return { ...state, sheetBlock: action.blockId };
    case "closeSheet":
      // The sheet is where a phone shows the open thread: closing it closes the thread (and its address) too.
      return { ...state, sheetBlock: null, draft: null, activeId: null, replyTo: null };
    case "openNote":
      return { ...state, noteOpen: action.blockId };
    case "closeNote":
      return { ...state, noteOpen: null };
    case "announce":
      return { ...state, announcement: action.message };
    case "escape":
      if (state.sheetBlock) return readerReducer(state, { type: "closeSheet" });
      if (state.draft) return { ...state, draft: null };
      return { ...state, activeId: null };
  }
}
