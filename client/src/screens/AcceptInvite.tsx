// An invitation link (/invite/:token) for the signed-in user: says which group and role it is for, and joins on
// request.
import { useEffect, useState } from "react";
import { api, ApiError, type RoomDto } from "../api/http.ts";
import { readerPath } from "../routes.ts";
import { InviteSummary } from "./InviteSummary.tsx";
import { useInvitePreview, withArticle } from "./use-invite-preview.ts";

type Joining = { state: "idle" | "busy" | "done" } | { state: "failed"; error: string };

export function AcceptInvite(props: { token: string; navigate: (path: string) => void }) {
  const preview = useInvitePreview(props.token);
  const [joining, setJoining] = useState<Joining>({ state: "idle" });
  // Once in the group, its texts: a group reading one text offers it straight away.
  const [rooms, setRooms] = useState<RoomDto[] | null>(null);
  const groupId = preview && "invite" in preview ? preview.invite.groupId : null;
  const member =
    joining.state === "done" || Boolean(preview && "invite" in preview && preview.invite.memberRole);
  useEffect(() => {
    if (!member || !groupId) return;
    let live = true;
    api.rooms(groupId).then(
      (result) => live && setRooms(result.rooms),
      () => undefined, // the library is still offered
    );
    return () => {
      live = false;
    };
  }, [member, groupId]);
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
    const onlyRoom = rooms?.length === 1 ? rooms[0]! : null;
    const role = joining.state === "done" ? invite.role : invite.memberRole!;
    return (
      <main className="page narrow-page" id="main">
        <h1>{invite.groupName}</h1>
        <p role="status">
          {joining.state === "done" ? "You have joined" : "You are already in"}{" "}
          <strong>{invite.groupName}</strong> as {withArticle(role)}.
        </p>
        <div className="invite-actions">
          {onlyRoom && (
            <a
              className="button primary"
              href={readerPath(onlyRoom.groupId, onlyRoom.id)}
              onClick={(event) => {
                event.preventDefault();
                props.navigate(readerPath(onlyRoom.groupId, onlyRoom.id));
              }}
            >
              Read {onlyRoom.document.title}
            </a>
          )}
          {toLibrary("Go to the library", !onlyRoom)}
        </div>
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
