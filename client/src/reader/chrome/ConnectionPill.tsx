// The connection pill in the reader's bar: live, syncing, offline or reconnecting with the changes waiting to be
// sent, or disconnected (signed out) and why.
import type { ConnectionState } from "../../../../shared/room-client/room-client.ts";

const changes = (n: number) => `${n} ${n === 1 ? "change" : "changes"}`;

/** The pill's words for `state`: short, as the bar is narrow on phones; the reason of a close is said apart. */
export function connectionLabel({ status, pending, network, signedOut }: ConnectionState): string {
  switch (status) {
    case "live":
      return "Live";
    case "syncing":
      return pending > 0 ? `Sending ${changes(pending)}…` : "Syncing…";
    case "offline": {
      const waiting = pending > 0 ? ` · ${pending} waiting` : "";
      return network ? `Reconnecting…${waiting}` : `Offline${waiting}`;
    }
    case "closed":
      return signedOut ? "Signed out" : "Disconnected";
  }
}

/**
 * The state of the room's connection, announced politely to screen readers as it changes. On a crowded phone bar the
 * words shorten with an ellipsis (all of them in the tooltip) rather than push the bar past the screen's edge.
 */
export function ConnectionPill(props: ConnectionState) {
  const label = connectionLabel(props);
  const waiting =
    props.status === "offline" && props.pending > 0
      ? `${changes(props.pending)} will be sent when the connection is back.`
      : "";
  return (
    <p
      className={`conn conn-${props.status}`}
      role="status"
      aria-live="polite"
      title={[label, props.status === "closed" ? props.reason : waiting].filter(Boolean).join(". ")}
    >
      <span className="dot" aria-hidden="true" />
      <span className="sr-only">Connection: </span>
      <span className="conn-label">{label}</span>
      {props.status === "closed" && props.reason && <span className="sr-only">. {props.reason}</span>}
      {waiting && <span className="sr-only">. {waiting}</span>}
    </p>
  );
}
