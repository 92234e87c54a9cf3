// What a collapsed thread card says of its discussion: how many replies, and the reactions with their counts.
import type { ReactionRecord } from "../../../../shared/room-doc.ts";

/** One line under a collapsed card; nothing when there are neither replies nor reactions. */
export function CollapsedSummary(props: {
  replyCount: number;
  reactions: ReadonlyMap<string, readonly Readonly<ReactionRecord>[]>;
}) {
  const reactions = [...props.reactions].filter(([, list]) => list.length > 0);
  if (props.replyCount === 0 && reactions.length === 0) return null;
  return (
    <p className="card-summary">
      {props.replyCount > 0 && (
        <span className="reply-count">
          {props.replyCount} {props.replyCount === 1 ? "reply" : "replies"}
        </span>
      )}
      {reactions.length > 0 && (
        <span className="reaction-counts">
          <span className="sr-only">Reactions: </span>
          {reactions.map(([emoji, list]) => (
            <span key={emoji} className="reaction-count">
              {emoji} {list.length}
            </span>
          ))}
        </span>
      )}
    </p>
  );
}
