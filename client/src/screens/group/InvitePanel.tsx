// Invite links with their terms chosen (role, expiry, maximum uses), the group's open invites shown, and revoking.
import { useCallback, useEffect, useState } from "react";
import { limits } from "../../../../shared/limits.ts";
import { api, type InviteDto, type Role } from "../../api/http.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { errorText } from "./error-text.ts";
import { canRevoke, invitableRoles } from "./manage-permissions.ts";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** One open invite in words: "Member invite · 2 of 25 uses · expires 7 Dec 2026, 10:00". */
export const describeInvite = (invite: InviteDto) =>
  `${invite.role.charAt(0).toUpperCase()}${invite.role.slice(1)} invite · ${invite.uses} of ${invite.maxUses} ${
    invite.maxUses === 1 ? "use" : "uses"
  } · expires ${dateFormat.format(new Date(invite.expiresAt))}`;

/**
 * The invites of `groupId` for a manager of role `role`: make one with chosen terms, see the open ones, revoke.
 * `changed` counts the invites made elsewhere on the page (the card's invite link button): each change reloads the list.
 */
export function InvitePanel(props: { groupId: string; role: Role; changed?: number }) {
  const roles = invitableRoles(props.role);
  const [role, setRole] = useState<Role>("member");
  const [days, setDays] = useState("7");
  const [uses, setUses] = useState("25");
  const [link, setLink] = useState<string | null>(null);
  const [invites, setInvites] = useState<InviteDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { changed = 0, groupId } = props;
  const load = useCallback(
    () =>
      api.invites(groupId).then(
        (result) => setInvites(result.invites),
        (caught: unknown) => setError(errorText(caught)),
      ),
    [groupId],
  );
  useEffect(() => {
    if (changed > 0) void load();
  }, [changed, load]);

  const create = async () => {
    setError(null);
    try {
      const { invite } = await api.invite(props.groupId, {
        role,
        expiresInDays: Number(days),
        maxUses: Number(uses),
      });
      setLink(invite.url);
      await load();
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const revoke = async (invite: InviteDto) => {
    setError(null);
    try {
      await api.revokeInvite(props.groupId, invite.id);
      await load();
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <details
      className="invites"
      onToggle={(event) => {
        if (event.currentTarget.open && !invites) void load();
      }}
    >
      <summary>Invites</summary>
      <form
        className="inline-form invite-form"
        aria-label="New invite link"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label>
          <span>Role</span>
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {roles.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label="Expires after (days)"
          max={limits.inviteMaxDays}
          value={days}
          onChange={setDays}
        />
        <NumberField label="Maximum uses" max={limits.inviteMaxUses} value={uses} onChange={setUses} />
        <button type="submit" className="button">
          Create invite link
        </button>
      </form>
      {link && (
        <p className="invite" role="status">
          New invite link:{" "}
          <input readOnly aria-label="New invite link" value={link} onFocus={(e) => e.target.select()} />
        </p>
      )}
      <ErrorAlert error={error} />
      {invites?.length === 0 && <p className="muted">No open invites.</p>}
      {invites && invites.length > 0 && (
        <ul className="open-invites" aria-label="Open invites">
          {invites.map((invite) => (
            <li key={invite.id}>
              <span>{describeInvite(invite)}</span>
              {canRevoke(props.role, invite.role) && (
                <button type="button" className="button quiet" onClick={() => void revoke(invite)}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** A whole number from 1 to `max`, as typed. */
function NumberField(props: {
  label: string;
  max: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      <span>{props.label}</span>
      <input
        type="number"
        min={1}
        max={props.max}
        required
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}
