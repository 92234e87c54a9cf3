// Who is in the group, loaded when opened; owners change roles, owners and instructors remove (after confirming).
import { useState } from "react";
import { api, type MemberDto, type Role } from "../../api/http.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { errorText } from "./error-text.ts";
import { canChangeRoles, canRemove } from "./manage-permissions.ts";

const roleNames: Role[] = ["owner", "instructor", "member", "observer"];

/** The member list of `groupId`, with the controls the viewer's `role` allows. */
export function MemberList(props: { groupId: string; count: number; role: Role; userId: string }) {
  const [members, setMembers] = useState<MemberDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = () =>
    api.members(props.groupId).then(
      (result) => setMembers(result.members),
      (caught: unknown) => setError(errorText(caught)),
    );

  const change = async (member: MemberDto, role: Role) => {
    setError(null);
    try {
      await api.changeRole(props.groupId, member.userId, role);
      setStatus(
        `${member.displayName} is now ${role === "instructor" || role === "owner" ? "an" : "a"} ${role}.`,
      );
      await load();
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const remove = async (member: MemberDto) => {
    if (!window.confirm(`Remove ${member.displayName} from the group? They lose access at once.`)) return;
    setError(null);
    try {
      await api.removeMember(props.groupId, member.userId);
      setStatus(`${member.displayName} was removed.`);
      await load();
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const count = members?.length ?? props.count;
  return (
    <details
      className="members"
      onToggle={(event) => {
        if (event.currentTarget.open && !members) void load();
      }}
    >
      <summary>
        {count} {count === 1 ? "member" : "members"}
      </summary>
      <ErrorAlert error={error} />
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
      {members === null && !error && <p className="muted">Loading…</p>}
      {members && (
        <ul className="member-list">
          {members.map((member) => (
            <li key={member.userId}>
              <span className="member-name">{member.displayName}</span>{" "}
              {canChangeRoles(props.role) ? (
                <select
                  aria-label={`Role of ${member.displayName}`}
                  value={member.role}
                  onChange={(event) => void change(member, event.target.value as Role)}
                >
                  {roleNames.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="muted">· {member.role}</span>
              )}
              {member.userId !== props.userId && canRemove(props.role, member.role) && (
                <button
                  type="button"
                  className="button quiet"
                  aria-label={`Remove ${member.displayName}`}
                  onClick={() => void remove(member)}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
