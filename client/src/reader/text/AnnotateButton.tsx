// The floating "Annotate" button beside a selected passage ("Attach here" while a detached thread is being attached).
import type { SelectionBubble } from "../state/reader-state.ts";

/** Shown at `selection`'s place; pressing it keeps the selection (mousedown would collapse it). */
export function AnnotateButton(props: {
  selection: SelectionBubble;
  onAnnotate: () => void;
  attach?: boolean;
}) {
  return (
    <button
      type="button"
      className="annotate-button"
      style={{ top: props.selection.top, left: props.selection.left }}
      onMouseDown={(event) => event.preventDefault()}
      onClick={props.onAnnotate}
    >
      {props.attach ? "Attach here" : "Annotate"} <kbd>c</kbd>
    </button>
  );
}
