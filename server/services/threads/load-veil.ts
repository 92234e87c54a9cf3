// The veil a reader reads a room through while it hides the class's threads until they start one (undefined: none).
import { listMemberIdsWithRoles, loadHideState } from "../../data/hide-until-posted.ts";
import { isVeiled, teacherRoles, veilFor, type Veil } from "../../domain/hide-until-posted.ts";
import { can } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import type { RoomActor } from "./load-room-actor.ts";

/** Read fresh on every call (never cached): a reader's first thread or a switched setting opens the room at once. */
export async function loadVeil(ctx: ServiceContext, actor: RoomActor): Promise<Veil | undefined> {
  // Teachers see everything: no query for them.
  if (can(actor, "room.readBeforePosting")) return undefined;
  const state = await loadHideState(ctx.db, actor.room.id, actor.userId);
  if (!state || !isVeiled(actor, state, state.posted)) return undefined;
  const teachers = state.instructorThreadsVisible
    ? await listMemberIdsWithRoles(ctx.db, actor.room.groupId, teacherRoles())
    : [];
  return veilFor(actor, state, teachers);
}
