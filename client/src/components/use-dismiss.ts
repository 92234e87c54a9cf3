// Closing a popover the way people expect: Escape (focus back on its button) or a press outside it.
import { useEffect, type RefObject } from "react";

/**
 * While `open`, Escape anywhere closes it and returns focus to `button`, before the reader reads the key as
 * "close the thread"; a press outside `root` closes it too.
 */
export function useDismiss(
  open: boolean,
  close: () => void,
  root: RefObject<HTMLElement | null>,
  button: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      // The outermost open popover answers alone: one Escape, one close, focus on a button still shown.
      event.stopImmediatePropagation();
      close();
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) close();
    };
    window.addEventListener("keydown", onKey, true);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, close, root, button]);
}
