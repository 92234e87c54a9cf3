// An invitation link (/invite/:token) for the signed-in user: says which group and role it is for, and joins on
// request.
import { useState } from "react";
import { api, ApiError } from "../api/http.ts";
import { InviteSummary } from "./InviteSummary.tsx";
import { useInvitePreview, withArticle } from "./use-invite-preview.ts";

type Joining = { state: "idle" | "busy" | "done" } | { state: "failed"; error: string };

export function AcceptInvite(props: { token: string; navigate: (path: string) => void }) {
  const preview = useInvitePreview(props.token);
  const [joining, setJoining] = useState<Joining>({ state: "idle" });
  const toLibrary = (label: string, primary = true) => (
    <button
      type="button"
      className={`button ${primary ? "primary" : ""}`}
      onClick={() => props.navigate("/")}
    >
      {label}
    </button>
  );
  const join = () => {
    setJoining({ state: "busy" });
    api.acceptInvite(props.token).then(
      () => setJoining({ state: "done" }),
      (error: unknown) =>
        setJoining({
          state: "failed",
          error: error instanceof ApiError ? error.message : "Something went wrong.",
        }),
    );
  };

  if (preview === undefined) {
    return (
      <main className="page narrow-page" id="main">
        <h1>Invitation</h1>
        <p aria-busy="true">Opening the invitation…</p>
      </main>
    );
  }
  if ("error" in preview) {
    return (
      <main className="page narrow-page" id="main">
        <h1>Invitation</h1>
        <p className="error" role="alert">
          {preview.error}
        </p>
        {toLibrary("Go to the library")}
      </main>
    );
  }
  const { invite } = preview;
  if (joining.state === "done" || invite.memberRole) {
    const role = joining.state === "done" ? invite.role : invite.memberRole!;
    return (
      <main className="page narrow-page" id="main">
        <h1>{invite.groupName}</h1>
        <p role="status">
          {joining.state === "done" ? "You have joined" : "You are already in"}{" "}
          <strong>{invite.groupName}</strong> as {withArticle(role)}.
        </p>
        {toLibrary("Go to the library")}
      </main>
    );
  }
  return (
    <main className="page narrow-page" id="main">
      <h1>Join {invite.groupName}?</h1>
      <InviteSummary invite={invite} />
      {joining.state === "failed" && (
        <p className="error" role="alert">
          {joining.error}
        </p>
      )}
      <div className="invite-actions">
        <button type="button" className="button primary" disabled={joining.state === "busy"} onClick={join}>
          Join {invite.groupName}
        </button>
        {toLibrary("Not now", false)}
      </div>
    </main>
  );
}
