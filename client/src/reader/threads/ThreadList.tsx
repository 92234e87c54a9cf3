// The threads of one paragraph as margin cards: compact until opened, beyond a limit behind "Show n more".
import { memo, useState } from "react";
import type { ThreadActions } from "../state/use-thread-actions.ts";
import type { ViewThread } from "../state/thread-view.ts";
import { ThreadCard } from "./ThreadCard.tsx";

export interface ThreadListProps {
  threads: ViewThread[];
  userId: string;
  activeId: string | null;
  /** Bumps when the room changes, so memoised cards refresh their replies and reactions. */
  revision: number;
  actions: ThreadActions;
  onActivate: (threadId: string | null) => void;
  /** How many cards to show before "Show n more". */
  limit?: number;
  /** Thread id whose reply box should open (keyboard "r"). */
  replyTo?: string | null;
  /** The threads are no longer in the text (see ThreadCard). */
  detached?: boolean;
  onAttach?: (threadId: string) => void;
  /** The thread being attached to a passage, if any. */
  attachingId?: string | null;
}

/** The threads of one block, in the order given. */
export const ThreadList = memo(function ThreadList(props: ThreadListProps) {
  const [expanded, setExpanded] = useState(false);
  const limit = props.limit ?? 3;
  const activeIndex = props.threads.findIndex((thread) => thread.id === props.activeId);
  const visible =
    expanded || props.threads.length <= limit
      ? props.threads
      : props.threads.filter((_, index) => index < limit || index === activeIndex);
  const hidden = props.threads.length - visible.length;
  return (
    <ul
      className="thread-list"
      aria-label={`${props.threads.length} ${props.threads.length === 1 ? "thread" : "threads"}`}
    >
      {visible.map((thread) => (
        <li key={thread.id}>
          <ThreadCard
            thread={thread}
            userId={props.userId}
            active={thread.id === props.activeId}
            revision={props.revision}
            actions={props.actions}
            onActivate={props.onActivate}
            replyOpen={props.replyTo === thread.id}
            {...(props.detached
              ? { detached: true, onAttach: props.onAttach, attaching: props.attachingId === thread.id }
              : {})}
          />
        </li>
      ))}
      {hidden > 0 && (
        <li>
          <button type="button" className="button link" onClick={() => setExpanded(true)}>
            Show {hidden} more {hidden === 1 ? "thread" : "threads"}
          </button>
        </li>
      )}
    </ul>
  );
});
