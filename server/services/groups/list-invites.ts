// A group's open invites (role, expiry, uses), for those who may make them.
import { limits } from "../../../shared/limits.ts";
import { authorize } from "../../domain/policies.ts";
import { listOpenInvites } from "../../data/invites.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "./load-actor.ts";

/** The invites of the group that can still be used, newest first. 404 for outsiders, 403 for learners. */
export async function listInvites(ctx: ServiceContext, userId: string, groupId: string) {
  authorize(await loadActor(ctx, groupId, userId), "group.invite.list");
  return listOpenInvites(ctx.db, groupId, ctx.now(), limits.openInvitesMax);
}
