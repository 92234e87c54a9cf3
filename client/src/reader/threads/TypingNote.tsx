// "Ana is replying…" under a thread, while others write in it.
import { typingText } from "../../realtime/typing-board.ts";
import { useTypists } from "../../realtime/use-typing.ts";

/** Who else is replying in `threadId`, said politely to screen readers; nothing when nobody is. */
export function TypingNote(props: { threadId: string }) {
  const text = typingText(useTypists(props.threadId));
  return (
    <p className="typing-note" role="status" aria-live="polite">
      {text}
    </p>
  );
}
