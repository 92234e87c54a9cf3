// What the reader says when the room moved to another version of its text while it was open (or offline).
import type { VersionSwitch } from "../hooks/use-live-text.ts";

/** A notice under the bars, until dismissed; a status, so that screen readers hear the text changed. */
export function VersionNotice(props: { moved: VersionSwitch; onDismiss: () => void }) {
  return (
    <div className="link-notice version-notice" role="status">
      <p>
        The room moved to version {props.moved.number}.
        {props.moved.held
          ? " Its text will show once you have sent or cancelled the thread you are writing."
          : ""}
        {props.moved.problem ? ` ${props.moved.problem} Reload the page to try again.` : ""}
      </p>
      <button type="button" className="button quiet" onClick={props.onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
