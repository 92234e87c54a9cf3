// The read API: a room's threads with filters and search (full text or substrings), plus thread counts per block.
import type { ThreadFilters } from "../../../shared/schemas/threads.ts";
import { countThreadsByBlock } from "../../data/thread-counts.ts";
import { searchThreadIds } from "../../data/thread-search.ts";
import { can } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadRoomActor } from "./load-room-actor.ts";

const pageLimit = 2_000;

export async function listThreads(
  ctx: ServiceContext,
  roomId: string,
  userId: string,
  filters: ThreadFilters,
  withComments: boolean,
) {
  const actor = await loadRoomActor(ctx, roomId, userId);
  const moderator = can(actor, "room.readInstructorNotes");
  const searchIds = filters.q ? await searchThreadIds(ctx.sql, roomId, filters.q) : undefined;
  const visibility = moderator ? filters.visibility : "group";
  const tag = filters.tag?.toLowerCase();
  const where = {
    roomId,
    ...(visibility ? { visibility } : {}),
    ...(filters.blockId ? { blockId: filters.blockId } : {}),
    ...(filters.authorId ? { authorId: filters.authorId } : {}),
    ...(tag ? { tags: { has: tag } } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(searchIds ? { id: { in: searchIds } } : {}),
  };
  const [rows, blockCounts] = await Promise.all([
    ctx.prisma.thread.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: pageLimit,
      include: {
        author: { select: { id: true, displayName: true } },
        _count: { select: { comments: true } },
      },
    }),
    countThreadsByBlock(ctx.sql, {
      roomId,
      visibility,
      blockId: filters.blockId,
      authorId: filters.authorId,
      tag,
      status: filters.status,
      ids: searchIds,
    }),
  ]);
  const commentRows = withComments
    ? await ctx.prisma.comment.findMany({
        where: { threadId: { in: rows.map((row) => row.id) } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: { author: { select: { id: true, displayName: true } } },
      })
    : undefined;
  const comments = new Map<string, NonNullable<typeof commentRows>>();
  for (const comment of commentRows ?? []) {
    const list = comments.get(comment.threadId);
    if (list) list.push(comment);
    else comments.set(comment.threadId, [comment]);
  }
  return {
    rows,
    comments: commentRows && comments,
    blockCounts,
    moderator,
    truncated: rows.length === pageLimit,
  };
}
