// The library: my groups and the texts they read; create a group, invite people, upload a text and see its report;
// owners and instructors run the group from here (members and roles, invites, texts, the activity log).
import { useCallback, useEffect, useState } from "react";
import {
  api,
  type GroupDto,
  type ImportReport,
  type InviteDto,
  type RoomDto,
  type UploadResult,
} from "../api/http.ts";
import { NotificationBell } from "../notifications/NotificationBell.tsx";
import { readerPath } from "../routes.ts";
import { AddText } from "./AddText.tsx";
import { AuditLog } from "./group/AuditLog.tsx";
import { errorText } from "./group/error-text.ts";
import { GroupSettingsForm } from "./group/GroupSettingsForm.tsx";
import { describeInvite, InvitePanel } from "./group/InvitePanel.tsx";
import { canEditGroup, canManage } from "./group/manage-permissions.ts";
import { MemberList } from "./group/MemberList.tsx";
import { RemovedTexts } from "./group/RemovedTexts.tsx";
import { Sections } from "./group/Sections.tsx";
import { TextActions } from "./group/TextActions.tsx";
import { ImportReportDetails } from "./ImportReportDetails.tsx";
import type { SessionUser } from "../session.ts";

interface GroupView {
  group: GroupDto;
  rooms: RoomDto[];
}

export function Library(props: {
  user: SessionUser;
  navigate: (path: string) => void;
  onSignOut: () => void;
}) {
  const [groups, setGroups] = useState<GroupView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");

  const load = useCallback(async () => {
    try {
      const { groups: list } = await api.groups();
      const views = await Promise.all(
        list.map(async (group) => ({ group, rooms: (await api.rooms(group.id)).rooms })),
      );
      setGroups(views);
    } catch (caught) {
      setError(errorText(caught));
    }
  }, []);
  useEffect(() => {
    document.title = "Library · Scholia";
    void load();
  }, [load]);

  return (
    <div className="library">
      <a className="skip-link" href="#main">
        Skip to the library
      </a>
      <header className="app-bar">
        <p className="brand">Scholia</p>
        <p className="who">
          Signed in as <strong>{props.user.displayName}</strong>
        </p>
        <NotificationBell navigate={props.navigate} />
        <button type="button" className="button quiet" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <h1>Library</h1>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <form
          className="inline-form"
          aria-label="Create a group"
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) return;
            api.createGroup(name.trim()).then(
              () => {
                setName("");
                void load();
              },
              (caught: unknown) => setError(errorText(caught)),
            );
          }}
        >
          <label>
            <span>New group</span>
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder="Reading group name"
            />
          </label>
          <button type="submit" className="button primary">
            Create group
          </button>
        </form>
        {groups === null && !error && <p className="muted">Loading your groups…</p>}
        {groups?.length === 0 && (
          <p className="muted">You are not in any group yet. Create one, or open an invite link.</p>
        )}
        {groups?.map((view) => (
          <GroupCard
            key={view.group.id}
            view={view}
            userId={props.user.id}
            navigate={props.navigate}
            onChanged={load}
          />
        ))}
      </main>
    </div>
  );
}

function GroupCard(props: {
  view: GroupView;
  userId: string;
  navigate: (path: string) => void;
  onChanged: () => Promise<void>;
}) {
  const { group, rooms } = props.view;
  const manager = canManage(group.role);
  const [invite, setInvite] = useState<(InviteDto & { url: string }) | null>(null);
  // Bumped by each invite made here, so the open-invites list shows it without a reload.
  const [invitesChanged, setInvitesChanged] = useState(0);
  const [copied, setCopied] = useState(false);
  const [upload, setUpload] = useState<UploadResult | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `group-${group.id}`;

  /**
   * Makes an invite link (a member's, on the default terms) and copies it. A link is shown once by the server, so
   * the link made here is kept: pressing again copies it again while it is still open (not used up, expired or
   * revoked), rather than making one more; `fresh` makes a new one whatever.
   */
  const copyInvite = async (fresh = false) => {
    setError(null);
    try {
      let current = fresh ? null : invite;
      if (current) {
        const listed = (await api.invites(group.id)).invites.find((open) => open.id === current!.id);
        current = listed ? { ...listed, url: current.url } : null;
      }
      if (!current) {
        current = (await api.invite(group.id)).invite;
        setInvitesChanged((count) => count + 1);
      }
      setInvite(current);
      try {
        await navigator.clipboard.writeText(current.url);
        setCopied(true);
      } catch {
        setCopied(false); // no clipboard permission: the link is shown to copy by hand
      }
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  /** A published text gets its room, which opens; if the room cannot be made, the report says what was stored. */
  const onPublished = async (result: UploadResult) => {
    setUpload(result);
    setAdding(false);
    try {
      const { room } = await api.createRoom(group.id, result.document.id);
      await props.onChanged();
      props.navigate(readerPath(group.id, room.id));
    } catch (caught) {
      setError(errorText(caught));
      await props.onChanged();
    }
  };

  return (
    <section className="group-card" aria-labelledby={headingId}>
      <div className="group-head">
        <h2 id={headingId}>{group.name}</h2>
        <p className="muted">
          You are {/^[aeiou]/.test(group.role) ? "an" : "a"} {group.role}
        </p>
      </div>
      {group.description && <p className="group-description">{group.description}</p>}
      {rooms.length === 0 ? (
        <p className="muted">No texts yet.</p>
      ) : (
        <ul className="rooms">
          {rooms.map((room) => {
            const href = readerPath(group.id, room.id);
            return (
              <li key={room.id}>
                <a
                  href={href}
                  onClick={(event) => {
                    event.preventDefault();
                    props.navigate(href);
                  }}
                >
                  <span className="room-title">{room.document.title}</span>
                  {room.document.author && <span className="room-author">{room.document.author}</span>}
                </a>
                {manager && <TextActions room={room} onChanged={props.onChanged} />}
              </li>
            );
          })}
        </ul>
      )}
      <MemberList groupId={group.id} count={group.memberCount} role={group.role} userId={props.userId} />
      {manager && <Sections groupId={group.id} />}
      {manager && <InvitePanel groupId={group.id} role={group.role} changed={invitesChanged} />}
      {canEditGroup(group.role) && <GroupSettingsForm group={group} onSaved={props.onChanged} />}
      {manager && <RemovedTexts groupId={group.id} />}
      {manager && <AuditLog groupId={group.id} />}
      {manager && (
        <div className="group-actions">
          <button type="button" className="button" onClick={() => void copyInvite()}>
            {invite ? "Copy invite link" : "New member invite link"}
          </button>
          <button
            type="button"
            className="button"
            aria-expanded={adding}
            onClick={() => {
              setUpload(null);
              setAdding(!adding);
            }}
          >
            Add a text
          </button>
        </div>
      )}
      {invite && (
        <p className="invite" role="status">
          {copied ? "Invite link copied: " : "Invite link: "}
          <input
            readOnly
            aria-label="Invite link"
            value={invite.url}
            onFocus={(event) => event.target.select()}
          />{" "}
          <span className="muted">{describeInvite(invite)}</span>{" "}
          <button type="button" className="button link" onClick={() => void copyInvite(true)}>
            Make a new link
          </button>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {adding && (
        <AddText target={{ groupId: group.id }} onPublished={onPublished} onClose={() => setAdding(false)} />
      )}
      {upload && <ImportReportView result={upload} />}
    </section>
  );
}

/** What the importer did to the text, in words a reader can check. */
export function ImportReportView({ result }: { result: UploadResult }) {
  const report: ImportReport | undefined = result.report;
  return (
    <div className="import-report" role="status">
      <p>
        <strong>{result.message}</strong>
      </p>
      {report && <ImportReportDetails report={report} />}
    </div>
  );
}
