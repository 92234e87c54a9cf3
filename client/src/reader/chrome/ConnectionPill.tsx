// The connection pill in the reader's bar: live, syncing, offline with changes waiting, or disconnected and why.
import type { ConnectionState } from "../../../../shared/room-client/room-client.ts";

/** The state of the room's connection, announced to screen readers as it changes. */
export function ConnectionPill({ status, pending, reason }: ConnectionState) {
  const label =
    status === "closed"
      ? `Disconnected: ${reason ?? "the server closed the connection."}`
      : status === "live"
        ? "Live"
        : status === "syncing"
          ? pending > 0
            ? `Syncing ${pending} ${pending === 1 ? "change" : "changes"}`
            : "Syncing…"
          : `Offline${pending > 0 ? ` · ${pending} pending` : ""}`;
  return (
    <p className={`conn conn-${status}`} role="status" aria-label={`Connection: ${label}`}>
      <span className="dot" aria-hidden="true" />
      {label}
    </p>
  );
}
