// Reactions to a thread or reply: the emoji with their counts and who reacted, and a picker to add one.
import { useContext, useState } from "react";
import { limits } from "../../../../shared/limits.ts";
import { PermissionsContext } from "../permissions.ts";
import type { ThreadActions } from "../state/use-thread-actions.ts";

/** The reactions to `targetId`; the reader's own are pressed and toggle off. */
export function Reactions(props: { targetId: string; userId: string; actions: ThreadActions }) {
  const permissions = useContext(PermissionsContext);
  const [picking, setPicking] = useState(false);
  const grouped = props.actions.reactionsOf(props.targetId);
  return (
    <div className="reactions">
      {[...grouped].map(([emoji, list]) => {
        const mine = list.some((reaction) => reaction.userId === props.userId);
        return (
          <button
            key={emoji}
            type="button"
            className={`reaction${mine ? " mine" : ""}`}
            aria-pressed={mine}
            aria-label={`${emoji} ${list.length}: ${list.map((reaction) => reaction.userName).join(", ")}`}
            disabled={!permissions.write}
            onClick={() => props.actions.react(props.targetId, emoji, !mine)}
          >
            {emoji} {list.length}
          </button>
        );
      })}
      {permissions.write && (
        <button
          type="button"
          className="reaction add"
          aria-label="Add a reaction"
          aria-expanded={picking}
          onClick={() => setPicking(!picking)}
        >
          ☺+
        </button>
      )}
      {picking && (
        <span className="picker" role="group" aria-label="Reactions">
          {limits.reactions.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="reaction"
              onClick={() => {
                props.actions.react(props.targetId, emoji, true);
                setPicking(false);
              }}
            >
              {emoji}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}
