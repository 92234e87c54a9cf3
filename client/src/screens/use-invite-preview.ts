// Loads what an invite link is for (group, role, expiry), for the invitation and sign-in screens.
import { useEffect, useState } from "react";
import { api, ApiError, type InvitePreviewDto } from "../api/http.ts";

/** The invite while loading (undefined), once loaded, or the reason it cannot be used. */
export type InvitePreviewState = undefined | { invite: InvitePreviewDto } | { error: string };

export function useInvitePreview(token: string | undefined): InvitePreviewState {
  const [state, setState] = useState<InvitePreviewState>(undefined);
  useEffect(() => {
    if (token === undefined) return;
    let current = true;
    api.invitePreview(token).then(
      ({ invite }) => current && setState({ invite }),
      (error: unknown) =>
        current &&
        setState({
          error: error instanceof ApiError ? error.message : "The invitation could not be loaded.",
        }),
    );
    return () => {
      current = false;
    };
  }, [token]);
  return state;
}

/** What each role may do, in a phrase that follows "as a member, you can …". */
export const roleAbilities: Record<InvitePreviewDto["role"], string> = {
  owner: "do everything, including changing roles",
  instructor: "upload texts, invite members, and resolve or hide comments",
  member: "read the texts and discuss them in the margins",
  observer: "read the texts and the discussion",
};

/** "a member", "an instructor", "an observer", "an owner". */
export const withArticle = (role: InvitePreviewDto["role"]) =>
  `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;
