// The reader bar's secondary actions on a phone, gathered behind one "More" button so the title keeps its room.
import { useCallback, useId, useRef, useState, type ReactNode } from "react";
import { useDismiss } from "../../components/use-dismiss.ts";

/** A "More" button showing `children` (the bar's secondary buttons); choosing one that opens a dialog closes it. */
export function MoreMenu(props: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, root, button);
  return (
    <div ref={root} className="more-menu">
      <button
        ref={button}
        type="button"
        className="button quiet"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        More
      </button>
      {open && (
        <div
          id={id}
          className="more-menu-panel"
          role="group"
          aria-label="More actions"
          onClick={(event) => {
            if (!(event.target as Element).closest("[aria-haspopup='dialog']")) return;
            close();
            // The chosen button goes with the menu: focus on More (before the dialog opens and notes what had it) is
            // where the dialog gives it back when it closes, instead of <body>.
            button.current?.focus({ preventScroll: true });
          }}
        >
          {props.children}
        </div>
      )}
    </div>
  );
}
