// The badge of a thread or reply not yet saved: being sent, or waiting for the network or for the user to sign in.
import { useContext } from "react";
import { ConnectionContext } from "../state/status-context.tsx";

/** "Sending…" while connected; what it waits for otherwise. */
export function PendingBadge() {
  const { status, signedOut } = useContext(ConnectionContext);
  const label =
    status === "offline"
      ? "Waiting to send"
      : status === "closed" && signedOut
        ? "Waiting for sign-in"
        : "Sending…";
  return <span className="badge pending-badge">{label}</span>;
}
