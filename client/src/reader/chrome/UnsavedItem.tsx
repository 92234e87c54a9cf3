// One change of the list of changes not saved: what it was and on which thread, the words it carried, why it was
// not saved (or what it waits on), and Show / Retry / Discard.
import { useContext } from "react";
import type { FailedMutation } from "../../../../shared/room-client/room-client.ts";
import type { ViewThread } from "../state/thread-view.ts";
import {
  capitalize,
  describeChange,
  failureExplanation,
  typedText,
  UnsavedChangesContext,
} from "../state/unsaved-changes.ts";
import { FailureActions } from "../threads/FailureActions.tsx";

/** Failed mutation `item`; Show (when its thread is among `threads`) calls `onShow` with the thread's id. */
export function UnsavedItem(props: {
  item: FailedMutation;
  threads: readonly ViewThread[];
  userId: string;
  onShow: (threadId: string) => void;
}) {
  const { item } = props;
  const unsaved = useContext(UnsavedChangesContext);
  const threadId = unsaved.threadOf(item);
  const thread = props.threads.find((candidate) => candidate.id === threadId);
  const where =
    item.kind === "thread.create"
      ? ""
      : thread
        ? ` · on ${thread.authorId === props.userId ? "your" : `${thread.authorName}’s`} thread`
        : " · on a thread no longer in this room";
  const text = typedText(item);
  return (
    <>
      <p className="unsaved-what">
        <strong>{capitalize(describeChange(item))}</strong>
        {where}
      </p>
      {text && <blockquote className="unsaved-text">{text}</blockquote>}
      <p className="unsaved-reason">{failureExplanation(item, unsaved.failures)}</p>
      <div className="failure-row">
        {thread && (
          <button
            type="button"
            className="button quiet"
            aria-label={`Show ${describeChange(item)}`}
            onClick={() => props.onShow(thread.id)}
          >
            Show
          </button>
        )}
        <FailureActions item={item} />
      </div>
    </>
  );
}
