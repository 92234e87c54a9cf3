// "Follow" on a thread card: replies in a followed thread notify the reader.
import { useContext } from "react";
import { FollowedThreadsContext } from "../state/followed-threads.ts";

/** A toggle button (pressed while following `threadId`). */
export function FollowButton(props: { threadId: string }) {
  const { followed, setFollowed } = useContext(FollowedThreadsContext);
  const on = followed.has(props.threadId);
  return (
    <button
      type="button"
      className={`button quiet follow-toggle${on ? " on" : ""}`}
      aria-pressed={on}
      title={
        on ? "Replies in this thread notify you. Click to stop." : "Be notified of replies in this thread"
      }
      onClick={() => setFollowed(props.threadId, !on)}
    >
      {on ? "Following" : "Follow"}
    </button>
  );
}
