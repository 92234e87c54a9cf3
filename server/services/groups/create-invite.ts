// Creates an invite link: a random token (returned once) whose hash, role, expiry and use limit are stored.
import { limits } from "../../../shared/limits.ts";
import type { CreateInviteInput } from "../../../shared/schemas/groups.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { insertInvite, listOpenInvites } from "../../data/invites.ts";
import { lockGroup } from "../../data/memberships.ts";
import { generateToken, hashToken } from "../../data/tokens.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "./load-actor.ts";

const dayMs = 24 * 60 * 60 * 1000;

export async function createInvite(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  input: CreateInviteInput,
) {
  const actor = await loadActor(ctx, groupId, userId);
  authorize(actor, "group.invite.create", { grantedRole: input.role });
  const token = generateToken();
  const invite = await inTransaction(ctx.db, async (tx) => {
    // Under the group's lock, so that concurrent creations cannot pass the limit together.
    if (!(await lockGroup(tx, groupId))) throw notFound("Group");
    const open = await listOpenInvites(tx, groupId, ctx.now(), limits.openInvitesMax);
    if (open.length >= limits.openInvitesMax) {
      throw new AppError(
        "conflict",
        `This group already has ${limits.openInvitesMax} open invites. Revoke some before making more.`,
      );
    }
    const created = await insertInvite(tx, {
      tokenHash: hashToken(token, ctx.sessionSecret),
      groupId,
      role: input.role,
      createdById: userId,
      expiresAt: new Date(ctx.now().getTime() + input.expiresInDays * dayMs),
      maxUses: input.maxUses,
    });
    await recordAudit(tx, {
      groupId,
      actorId: userId,
      action: "invite.created",
      targetId: created.id,
      details: { role: input.role, maxUses: input.maxUses, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return { invite, token, url: `${ctx.publicUrl}/invite/${token}` };
}
