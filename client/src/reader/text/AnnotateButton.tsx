// The floating "Annotate" button beside a selected passage.
import type { SelectionBubble } from "../state/reader-state.ts";

/** Shown at `selection`'s place; pressing it keeps the selection (mousedown would collapse it). */
export function AnnotateButton(props: { selection: SelectionBubble; onAnnotate: () => void }) {
  return (
    <button
      type="button"
      className="annotate-button"
      style={{ top: props.selection.top, left: props.selection.left }}
      onMouseDown={(event) => event.preventDefault()}
      onClick={props.onAnnotate}
    >
      Annotate <kbd>c</kbd>
    </button>
  );
}
