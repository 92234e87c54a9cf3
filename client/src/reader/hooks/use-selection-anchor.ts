// A selection inside the text → the passage anchor it covers and where its floating "Annotate" button goes.
import { useCallback, useEffect, type RefObject } from "react";
import type { SelectionBubble } from "../state/reader-state.ts";
import { anchorFromSelection } from "../text/anchoring.ts";

/**
 * Returns a function that reads the window's selection inside `root` and reports it to `onSelect` (null when there
 * is none, it lies outside the text, or `canWrite` is false); a collapsed selection also reports null.
 */
export function useSelectionAnchor(
  root: RefObject<HTMLElement | null>,
  textOfBlock: (blockId: string) => string | undefined,
  canWrite: boolean,
  onSelect: (selection: SelectionBubble | null) => void,
): () => void {
  const readSelection = useCallback(() => {
    const current = window.getSelection();
    if (!current || current.rangeCount === 0 || current.isCollapsed) return onSelect(null);
    const range = current.getRangeAt(0);
    if (!root.current?.contains(range.commonAncestorContainer)) return onSelect(null);
    const anchor = anchorFromSelection(range, textOfBlock);
    if (!anchor || !canWrite) return onSelect(null);
    const rect = range.getBoundingClientRect();
    // Above the selection, like a text editor's bubble; below it when that would hide under the top bars.
    const above = rect.top - 44;
    onSelect({
      anchor,
      top: above > 110 ? above : rect.bottom + 8,
      left: Math.max(8, rect.left + rect.width / 2 - 60),
    });
  }, [root, textOfBlock, canWrite, onSelect]);
  useEffect(() => {
    const onChange = () => {
      if (window.getSelection()?.isCollapsed) onSelect(null);
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [onSelect]);
  return readSelection;
}
