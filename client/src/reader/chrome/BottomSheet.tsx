// The bottom sheet that holds a block's discussion on narrow screens: modal, with focus kept inside.
import { useEffect, useRef, type ReactNode, type RefObject } from "react";

/**
 * A modal sheet titled `title`; a click on the backdrop or Close calls `onClose`. It takes focus when it opens and
 * gives it to `returnFocus` when it closes.
 */
export function BottomSheet(props: {
  title: string;
  returnFocus?: RefObject<HTMLElement | null>;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { returnFocus } = props;
  useEffect(() => {
    const opener = returnFocus?.current;
    ref.current?.focus();
    return () => opener?.focus();
  }, [returnFocus]);
  return (
    <div className="sheet-backdrop" onClick={props.onClose}>
      <div
        ref={ref}
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        tabIndex={-1}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
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
        <div className="sheet-body">{props.children}</div>
      </div>
    </div>
  );
}
