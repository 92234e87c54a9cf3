// Reads of a room's threads and replies in their relational copy: the read API's list, where a thread or reply
// is (room and visibility) before a mutation, and a hidden body. The copy is written by discussion-rows.ts in the
// mutation commit; search and the counts per block are thread-search.ts and thread-counts.ts.
import { prismaOf } from "./clients.ts";
import type { Db } from "./db.ts";

/** Which of a room's threads to read; an absent or empty field does not filter. */
export interface ThreadFilter {
  roomId: string;
  visibility?: string | undefined;
  blockId?: string | undefined;
  authorId?: string | undefined;
  tag?: string | undefined;
  status?: string | undefined;
  /** Only these ids (a search's matches). */
  ids?: string[] | undefined;
  /** Only threads and replies by these people (a reader's veil, domain/hide-until-posted.ts). */
  authorIds?: string[] | undefined;
  /** Only threads started by these people, whoever replied (a teacher's filter by discussion section). */
  threadAuthorIds?: string[] | undefined;
}

/** The room's live and deleted threads matching `filter`, pinned first, then oldest first, at most `limit`, with their author. */
export function listThreadRows(db: Db, filter: ThreadFilter, limit: number) {
  return prismaOf(db).thread.findMany({
    where: {
      roomId: filter.roomId,
      ...(filter.visibility ? { visibility: filter.visibility } : {}),
      ...(filter.blockId ? { blockId: filter.blockId } : {}),
      ...(filter.authorId ? { authorId: filter.authorId } : {}),
      ...(filter.tag ? { tags: { has: filter.tag } } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.ids ? { id: { in: filter.ids } } : {}),
      // Beside the authorId filter, not in its place: a reader's own filter narrows what the veil lets through.
      AND: [filter.authorIds, filter.threadAuthorIds]
        .filter((ids) => ids !== undefined)
        .map((ids) => ({ authorId: { in: ids } })),
    },
    orderBy: [{ pinnedAt: { sort: "desc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
    take: limit,
    include: {
      author: { select: { id: true, displayName: true } },
      // Replies the reader cannot see are not counted either.
      _count: {
        select: { comments: filter.authorIds ? { where: { authorId: { in: filter.authorIds } } } : true },
      },
    },
  });
}

/** The replies of these threads (by `authorIds` only, when given), oldest first, with their author. */
export function listCommentRows(db: Db, threadIds: string[], authorIds?: string[]) {
  return prismaOf(db).comment.findMany({
    where: { threadId: { in: threadIds }, ...(authorIds ? { authorId: { in: authorIds } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { author: { select: { id: true, displayName: true } } },
  });
}

/** The room and visibility of thread `threadId` of room `roomId`, or null. */
export function findThreadPlace(db: Db, roomId: string, threadId: string) {
  return prismaOf(db).thread.findFirst({
    where: { id: threadId, roomId },
    select: { roomId: true, visibility: true, authorId: true, deletedAt: true, hiddenAt: true },
  });
}

/** The thread and the thread's room and visibility of reply `commentId` in room `roomId`, or null. */
export function findCommentPlace(db: Db, roomId: string, commentId: string) {
  return prismaOf(db).comment.findFirst({
    where: { id: commentId, thread: { roomId } },
    select: {
      threadId: true,
      authorId: true,
      thread: { select: { roomId: true, visibility: true, authorId: true } },
    },
  });
}

/** The stored body of a thread of the room (kept there while the thread is hidden), or undefined. */
export async function findThreadBody(db: Db, roomId: string, threadId: string): Promise<string | undefined> {
  const row = await prismaOf(db).thread.findFirst({
    where: { id: threadId, roomId },
    select: { body: true },
  });
  return row?.body;
}

/** The stored body of a reply in the room (kept there while the reply is hidden), or undefined. */
export async function findCommentBody(
  db: Db,
  roomId: string,
  commentId: string,
): Promise<string | undefined> {
  const row = await prismaOf(db).comment.findFirst({
    where: { id: commentId, thread: { roomId } },
    select: { body: true },
  });
  return row?.body;
}
