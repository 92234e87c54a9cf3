// What a thread says about the last version move of the room's text: a moved thread's "Passage changed in version
// N" marker, which shows the old quote on demand, and a detached thread's version of origin.
import { useId, useState } from "react";
import type { ViewThread } from "../state/thread-view.ts";

/**
 * The passage a thread's card quotes: its own, or, for a detached thread kept without one, the quote it had on
 * the version it was last found in.
 */
export const quoteOf = (thread: ViewThread): string | undefined =>
  thread.anchor.exact ??
  (thread.anchorStatus === "detached" ? thread.anchorChange?.previous.exact : undefined);

/** The note, or nothing for a thread the moves left as it was. */
export function AnchorChangeNote(props: { thread: ViewThread; detached: boolean }) {
  const { thread } = props;
  const change = thread.anchorChange ?? null;
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  if (props.detached) {
    const from = change?.fromVersion ?? thread.version;
    if (from === undefined) return null;
    return (
      <p className="anchor-note">
        From version {from}
        {change ? `; not found in version ${change.toVersion}` : ""}.
      </p>
    );
  }
  if (thread.anchorStatus !== "moved" || !change) return null;
  const label = change.reattached
    ? `Attached to this passage by ${change.reattached.byName}`
    : `Passage changed in version ${change.toVersion}`;
  const before = change.previous.exact;
  return (
    <div className="anchor-note">
      <button
        type="button"
        className="badge anchor-marker"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      <div id={detailsId} hidden={!open}>
        {change.split && (
          <p>The paragraph was split in two; the thread stayed with the part holding most of its passage.</p>
        )}
        {before ? (
          <>
            <p>Before{change.reattached ? "" : `, in version ${change.fromVersion}`}:</p>
            <blockquote className="quote old-quote">{before}</blockquote>
          </>
        ) : (
          <p>It was on the whole paragraph{change.reattached ? "" : ` in version ${change.fromVersion}`}.</p>
        )}
      </div>
    </div>
  );
}
