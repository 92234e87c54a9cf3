// The bottom sheet that holds a block's discussion on narrow screens, and the reader's dialogs: modal, with focus
// kept inside.
import { useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from "react";
import { revealEvent } from "../../components/reveal.ts";

/**
 * A modal sheet titled `title`; a click on the backdrop or Close calls `onClose`. It takes focus when it opens
 * (unless something inside, a composer, already has it) and gives it back when it closes: to `returnFocus` (which it
 * then clears, so a later sheet cannot send focus to a stale place), else to what had focus before. Neither moves
 * the page behind it. A dialog also closes on Escape.
 */
export function BottomSheet(props: {
  title: string;
  /** "dialog": centred on wide screens (still a bottom sheet on narrow ones). */
  variant?: "sheet" | "dialog";
  returnFocus?: RefObject<HTMLElement | null>;
  /** What gets focus when it closes if nothing (or only the page) had it when it opened; read at closing. */
  fallbackFocus?: () => HTMLElement | null;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const { returnFocus } = props;
  const fallbackFocus = useRef(props.fallbackFocus);
  fallbackFocus.current = props.fallbackFocus;
  // A layout effect, so the opener is read before a composer inside takes focus (in its own effect).
  useLayoutEffect(() => {
    const opener = returnFocus?.current ?? (document.activeElement as HTMLElement | null);
    return () => {
      if (returnFocus) returnFocus.current = null;
      // Opened by a key with nothing focused (j, k): focus would go back to <body>, and Tab from there out of the page.
      const usable = opener && opener !== document.body && opener.isConnected;
      (usable ? opener : fallbackFocus.current?.())?.focus({ preventScroll: true });
    };
  }, [returnFocus]);
  useEffect(() => {
    const sheet = ref.current;
    if (sheet && !sheet.contains(document.activeElement)) sheet.focus({ preventScroll: true });
  }, []);
  // What asks to be seen (an opened composer or thread) is scrolled into the sheet's body, never the page. Listening
  // from a layout effect catches the requests children make in their first effects.
  useLayoutEffect(() => {
    const scroller = body.current;
    if (!scroller) return;
    const onReveal = (event: Event) => {
      event.preventDefault();
      const target = (event.target as HTMLElement).getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      if (target.bottom > view.bottom)
        scroller.scrollTop += Math.min(target.bottom - view.bottom, target.top - view.top);
      else if (target.top < view.top) scroller.scrollTop -= view.top - target.top;
    };
    scroller.addEventListener(revealEvent, onReveal);
    return () => scroller.removeEventListener(revealEvent, onReveal);
  }, []);
  return (
    <div className={`sheet-backdrop${props.variant === "dialog" ? " centred" : ""}`} onClick={props.onClose}>
      <div
        ref={ref}
        className={`sheet${props.variant === "dialog" ? " dialog" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        tabIndex={-1}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          // Escape closes a dialog, as every modal does; kept from the reader, whose Escape would close the thread
          // behind it. (The discussion sheet is closed by the reader's Escape, which first steps out of a lead.)
          if (event.key === "Escape" && props.variant === "dialog") {
            event.stopPropagation();
            // Escape that ends an input method's composition (Japanese, Chinese…) cancels the candidate only: closing
            // would throw away what is being written in the dialog (a pasted text, a corrected block).
            if (!event.nativeEvent.isComposing) props.onClose();
            return;
          }
          // Keep Tab inside the open sheet (it is modal), wrapping at both ends.
          if (event.key !== "Tab" || !ref.current) return;
          const focusable = [
            ...ref.current.querySelectorAll<HTMLElement>(
              "button, a[href], textarea, input, select, [tabindex='0']",
            ),
          ].filter((element) => !element.hasAttribute("disabled"));
          const first = focusable[0];
          const last = focusable.at(-1);
          if (!first || !last) return;
          if (
            event.shiftKey &&
            (document.activeElement === first || document.activeElement === ref.current)
          ) {
            event.preventDefault();
            last.focus();
          } else if (!event.shiftKey && document.activeElement === last) {
            event.preventDefault();
            first.focus();
          }
        }}
      >
        <div className="sheet-head">
          <h2>{props.title}</h2>
          <button type="button" className="button quiet" onClick={props.onClose}>
            Close
          </button>
        </div>
        <div ref={body} className="sheet-body">
          {props.children}
        </div>
      </div>
    </div>
  );
}
