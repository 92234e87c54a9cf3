// Whether an invite can still be used, and the words for when it cannot: shared by the preview and the accept.
import { AppError } from "../../domain/app-error.ts";

/** An invite link that names no invite (never made, or a typo). */
export const unknownInvite = () =>
  new AppError("not_found", "This invite link is not valid. Ask for a new one.");

/** Why `invite` cannot be used at `now` (410), or undefined while it can. */
export function unusableInvite(
  invite: { revokedAt: Date | null; expiresAt: Date; uses: number; maxUses: number },
  now: Date,
): AppError | undefined {
  if (invite.revokedAt) {
    return new AppError("invite_unusable", "This invite link was revoked. Ask for a new one.");
  }
  if (invite.expiresAt <= now) {
    return new AppError("invite_unusable", "This invite link has expired. Ask for a new one.");
  }
  if (invite.uses >= invite.maxUses) return usedUp();
  return undefined;
}

export const usedUp = () =>
  new AppError(
    "invite_unusable",
    "This invite link has been used the maximum number of times. Ask for a new one.",
  );
