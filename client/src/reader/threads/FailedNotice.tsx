// Where a thread or reply shows what of it was not saved: each failed change with the server's reason (or what it
// waits on), the words of an edit that did not go through, and Retry / Discard.
import { useContext } from "react";
import { writeMentions } from "../../../../shared/mentions.ts";
import type { FailedMutation } from "../../../../shared/room-client/room-client.ts";
import { MembersContext } from "../../components/mentions/members.ts";
import {
  capitalize,
  createsRecord,
  describeChange,
  failureExplanation,
  typedText,
  UnsavedChangesContext,
} from "../state/unsaved-changes.ts";
import { FailureActions } from "./FailureActions.tsx";

/** The failed changes of record `recordId` (its `failures` from the overlay), its own creation first. */
export function FailedNotice(props: { recordId: string; failures?: readonly FailedMutation[] }) {
  const { failures: all } = useContext(UnsavedChangesContext);
  const { nameOf } = useContext(MembersContext);
  if (!props.failures?.length) return null;
  const ordered = [...props.failures].sort(
    (a, b) => Number(createsRecord(b, props.recordId)) - Number(createsRecord(a, props.recordId)),
  );
  return (
    <>
      {ordered.map((item) => {
        const own = createsRecord(item, props.recordId);
        const what = describeChange(item);
        const edit = own ? null : typedText(item);
        return (
          <div key={item.key} className="failed-notice" role="group" aria-label={`Not saved: ${what}`}>
            <p>
              <strong>{own ? "Not saved." : `${capitalize(what)} was not saved.`}</strong>{" "}
              {failureExplanation(item, all)}
            </p>
            {edit && <blockquote className="unsaved-text">{writeMentions(edit, nameOf)}</blockquote>}
            <FailureActions item={item} />
          </div>
        );
      })}
    </>
  );
}
