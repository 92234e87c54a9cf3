// The veil a reader reads a room through (undefined: none): the room's hide-until-posted and the reader's
// discussion section, combined by domain/hide-until-posted.ts combineVeil into one list of whose words show.
import { loadHideState } from "../../data/hide-until-posted.ts";
import { listSectionPlaces } from "../../data/sections.ts";
import { combineVeil, isVeiled, teacherRoles, veilFor, type Veil } from "../../domain/hide-until-posted.ts";
import { can } from "../../domain/policies.ts";
import { isSectioned, sectionAuthors } from "../../domain/sections.ts";
import type { ServiceContext } from "../context.ts";
import type { RoomActor } from "./load-room-actor.ts";

/**
 * Read fresh on every call (never cached): a reader's first thread, a switched setting or a move between sections
 * changes what they see at once.
 */
export async function loadVeil(ctx: ServiceContext, actor: RoomActor): Promise<Veil | undefined> {
  // Teachers see everything: no query for them.
  if (can(actor, "room.readBeforePosting") && can(actor, "room.readAllSections")) return undefined;
  const [state, places] = await Promise.all([
    loadHideState(ctx.db, actor.room.id, actor.userId),
    listSectionPlaces(ctx.db, actor.room.groupId),
  ]);
  const teachers = teacherRoles();
  const teacherIds = places.filter((place) => teachers.includes(place.role)).map((place) => place.userId);
  const learners = places.filter((place) => isSectioned(place.role));
  const reader = places.find((place) => place.userId === actor.userId);
  const untilPosted =
    state && isVeiled(actor, state, state.posted) ? veilFor(actor, state, teacherIds) : undefined;
  return combineVeil(untilPosted, sectionAuthors(actor, reader?.sectionId ?? null, learners, teacherIds));
}
