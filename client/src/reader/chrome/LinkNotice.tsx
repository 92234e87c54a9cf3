// What the reader says when a link names a thread it cannot open.
import type { LinkProblem } from "../hooks/use-thread-link.ts";

const messages: Record<LinkProblem, string> = {
  deleted: "The thread this link points to was deleted.",
  missing:
    "This link points to a thread that is not in this room: it may have been deleted, or be visible to instructors only.",
};

/** A notice under the bars, until dismissed. */
export function LinkNotice(props: { problem: LinkProblem; onDismiss: () => void }) {
  return (
    <div className="link-notice" role="alert">
      <p>{messages[props.problem]}</p>
      <button type="button" className="button quiet" onClick={props.onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
