// Under the bars while the room's connection is closed for good: why, what happens to waiting changes, and the way
// back (signing in again, or reloading).
import type { ConnectionState } from "../../../../shared/room-client/room-client.ts";

/** The notice for a closed connection; the pill already announced it, so this is not a live region. */
export function ConnectionNotice(props: ConnectionState) {
  const changes = `${props.pending} ${props.pending === 1 ? "change" : "changes"}`;
  const waiting = props.pending === 0 ? "" : ` ${changes} will be sent once you are signed in.`;
  const unsent = props.pending === 0 ? "" : ` ${changes} could not be sent.`;
  return (
    <div className="conn-notice">
      {props.signedOut ? (
        <>
          <p>You were signed out, so the room is no longer live. Sign in again to carry on.{waiting}</p>
          {/* Loading the page again shows the sign-in form, then this room. */}
          <a className="button primary" href={window.location.pathname}>
            Sign in
          </a>
        </>
      ) : (
        <>
          <p>
            Disconnected: {props.reason ?? "the server closed the connection."}
            {unsent} Reload the page to try again.
          </p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </>
      )}
    </div>
  );
}
