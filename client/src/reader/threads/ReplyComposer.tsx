// The reply box of a thread, which tells the room while a reply is being written ("Ana is replying…").
import { Composer } from "../../components/Composer.tsx";
import type { Audience } from "../../components/mentions/members.ts";
import { useReplySignal } from "../../realtime/use-typing.ts";

/** A reply to `authorName` in thread `threadId`; `onSubmit` gets the body, `onCancel` closes the box. */
export function ReplyComposer(props: {
  threadId: string;
  authorName: string;
  /** Who sees the thread (whom the box offers to mention; default: the group). */
  audience?: Audience;
  onSubmit: (body: string) => void;
  onCancel: () => void;
  /** See Composer's keepKey. */
  keepKey?: string;
}) {
  const onBodyChange = useReplySignal(props.threadId);
  return (
    <Composer
      label={`Reply to ${props.authorName}`}
      submitLabel="Reply"
      audience={props.audience}
      autoFocus
      onCancel={props.onCancel}
      onSubmit={(body) => props.onSubmit(body)}
      onBodyChange={onBodyChange}
      keepKey={props.keepKey}
    />
  );
}
