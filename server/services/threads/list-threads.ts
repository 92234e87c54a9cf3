// The read API: a room's threads with filters and search (full text or substrings), plus thread counts per block.
import { groupBy } from "../../../shared/group-by.ts";
import type { ThreadFilters } from "../../../shared/schemas/threads.ts";
import { loadDueDates } from "../../data/assignments.ts";
import { countThreadsByBlock } from "../../data/thread-counts.ts";
import { searchThreadIds } from "../../data/thread-search.ts";
import { findMembersAmong } from "../../data/memberships.ts";
import { listCommentRows, listThreadRows, type ThreadFilter } from "../../data/threads.ts";
import { findSection, listSectionPlaces } from "../../data/sections.ts";
import { isSectioned } from "../../domain/sections.ts";
import { notFound } from "../../domain/app-error.ts";
import { neverLateRoles } from "../../domain/assignments.ts";
import { authorize, can } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadRoomActor, type RoomActor } from "./load-room-actor.ts";
import { loadVeil } from "./load-veil.ts";

const pageLimit = 2_000;

/**
 * The members of section `sectionId` of the room's group, for a teacher's filter. Errors: 403 for a member or
 * observer (they read their own section only), 404 for a section not of this group.
 */
async function sectionMemberIds(ctx: ServiceContext, actor: RoomActor, sectionId: string): Promise<string[]> {
  authorize(actor, "room.readAllSections");
  if (!(await findSection(ctx.db, actor.room.groupId, sectionId))) throw notFound("Section");
  const places = await listSectionPlaces(ctx.db, actor.room.groupId);
  return places
    .filter((place) => isSectioned(place.role) && place.sectionId === sectionId)
    .map((place) => place.userId);
}

export async function listThreads(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
  filters: ThreadFilters,
  withComments: boolean,
) {
  const actor = await loadRoomActor(ctx, roomId, userId);
  const moderator = can(actor, "room.readInstructorNotes");
  const veil = await loadVeil(ctx, actor);
  const searchIds = filters.q ? await searchThreadIds(ctx.db, roomId, filters.q, veil?.authorIds) : undefined;
  const filter: ThreadFilter = {
    roomId,
    visibility: moderator ? filters.visibility : "group",
    blockId: filters.blockId,
    authorId: filters.authorId,
    tag: filters.tag?.toLowerCase(),
    status: filters.status,
    ids: searchIds,
    authorIds: veil?.authorIds,
    threadAuthorIds: filters.section ? await sectionMemberIds(ctx, actor, filters.section) : undefined,
  };
  const [rows, blockCounts, due] = await Promise.all([
    listThreadRows(ctx.db, filter, pageLimit),
    countThreadsByBlock(ctx.db, filter),
    loadDueDates(ctx.db, roomId, neverLateRoles()),
  ]);
  const commentRows = withComments
    ? await listCommentRows(
        ctx.db,
        rows.map((row) => row.id),
        veil?.authorIds,
      )
    : undefined;
  const roles = await findMembersAmong(ctx.db, actor.room.groupId, [
    ...new Set(rows.map((row) => row.authorId)),
  ]);
  return {
    rows,
    roles: new Map(roles.map((member) => [member.userId, member.role])),
    comments: commentRows && groupBy(commentRows, (comment) => comment.threadId),
    blockCounts,
    moderator,
    due,
    truncated: rows.length === pageLimit,
  };
}
