// On a closed thread card: that some of its replies (or changes to them) were not saved, so the reader opens it.
import type { ViewComment } from "../state/thread-view.ts";
import { summarizeChanges } from "../state/unsaved-changes.ts";

/** A line naming the failed changes among `comments`; nothing when there are none. */
export function UnsavedRepliesNote(props: { comments: readonly ViewComment[] }) {
  const failures = props.comments.flatMap((comment) => comment.failures ?? []);
  if (failures.length === 0) return null;
  return (
    <p className="unsaved-replies">
      <strong>Not saved:</strong> {summarizeChanges(failures)}. Open the thread to retry or discard.
    </p>
  );
}
