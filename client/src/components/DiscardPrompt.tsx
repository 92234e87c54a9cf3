// The question a form asks when Escape would throw away unsaved writing.
import type { DiscardGuard } from "./use-discard-guard.ts";

/** "Discard what you wrote?" with its two answers; focus stays in the text box, where a second Escape discards. */
export function DiscardPrompt(props: { guard: DiscardGuard }) {
  if (!props.guard.asking) return null;
  return (
    <p className="discard-prompt" role="alert">
      <span>Discard what you wrote? Press Escape again to discard.</span>
      <button type="button" className="button link danger" onClick={props.guard.discard}>
        Discard
      </button>
      <button type="button" className="button link" onClick={props.guard.keep}>
        Keep writing
      </button>
    </p>
  );
}
