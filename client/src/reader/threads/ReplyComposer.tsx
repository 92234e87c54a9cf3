// The reply box of a thread, which tells the room while a reply is being written ("Ana is replying…").
import { Composer } from "../../components/Composer.tsx";
import { useReplySignal } from "../../realtime/use-typing.ts";

/** A reply to `authorName` in thread `threadId`; `onSubmit` gets the body, `onCancel` closes the box. */
export function ReplyComposer(props: {
  threadId: string;
  authorName: string;
  onSubmit: (body: string) => void;
  onCancel: () => void;
}) {
  const onBodyChange = useReplySignal(props.threadId);
  return (
    <Composer
      label={`Reply to ${props.authorName}`}
      submitLabel="Reply"
      autoFocus
      onCancel={props.onCancel}
      onSubmit={(body) => props.onSubmit(body)}
      onBodyChange={onBodyChange}
    />
  );
}
