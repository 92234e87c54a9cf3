// The read API: a room's threads with filters and full-text search (Postgres), plus thread counts per block.
import type { ThreadFilters } from "../../../shared/schemas/threads.ts";
import { countThreadsByBlock } from "../../data/thread-counts.ts";
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
  const searchIds = filters.q ? await searchThreadIds(ctx, roomId, filters.q) : undefined;
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

/** Threads whose body, or one of whose visible replies, matches the query (English stemming). */
async function searchThreadIds(ctx: ServiceContext, roomId: string, q: string): Promise<string[]> {
  const rows = await ctx.prisma.$queryRaw<{ id: string }[]>`
    SELECT t.id FROM "Thread" t
     WHERE t."roomId" = ${roomId}::uuid AND t."deletedAt" IS NULL AND t."hiddenAt" IS NULL
       AND (to_tsvector('english', t.body) @@ plainto_tsquery('english', ${q})
            OR EXISTS (SELECT 1 FROM "Comment" c
                        WHERE c."threadId" = t.id AND c."deletedAt" IS NULL AND c."hiddenAt" IS NULL
                          AND to_tsvector('english', c.body) @@ plainto_tsquery('english', ${q})))`;
  return rows.map((row) => row.id);
}
