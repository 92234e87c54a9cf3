// One paragraph naming the group and the role an invite link is for, shown before anyone joins.
import type { InvitePreviewDto } from "../api/http.ts";
import { roleAbilities, withArticle } from "./use-invite-preview.ts";

export function InviteSummary(props: { invite: InvitePreviewDto }) {
  const { invite } = props;
  const until = new Date(invite.expiresAt).toLocaleDateString(undefined, { dateStyle: "long" });
  return (
    <div className="invite-summary">
      <p>
        You are invited to join <strong>{invite.groupName}</strong> as {withArticle(invite.role)}: you can{" "}
        {roleAbilities[invite.role]}.
      </p>
      {invite.groupDescription && <p className="muted">{invite.groupDescription}</p>}
      {invite.valid && <p className="muted">The link works until {until}.</p>}
    </div>
  );
}
