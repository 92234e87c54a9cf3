// Hide or unhide a thread or reply, for owners and instructors.
import type { ThreadActions } from "../state/use-thread-actions.ts";

/**
 * Hide (asking for the reason readers will see) or unhide; for owners and instructors. `style` matches the buttons
 * beside it: quiet on a thread, link-like on a reply.
 */
export function ModerateAction(props: {
  kind: "thread" | "comment";
  style: "quiet" | "link";
  id: string;
  hidden: boolean;
  actions: ThreadActions;
}) {
  return (
    <button
      type="button"
      className={`button ${props.style}`}
      onClick={() => {
        if (props.hidden) return props.actions.hide(props.kind, props.id, null);
        const reason = window.prompt("Why hide this? Readers will see the reason.");
        if (reason?.trim()) props.actions.hide(props.kind, props.id, reason.trim());
      }}
    >
      {props.hidden ? "Unhide" : "Hide"}
    </button>
  );
}
