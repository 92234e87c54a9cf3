// The threads a person follows (ThreadFollow): a reply in one notifies them (kind activity).
import { prismaOf } from "./clients.ts";
import type { Db } from "./db.ts";

/** Follows or unfollows `threadId` for `userId`; doing it twice changes nothing. */
export async function setThreadFollowed(
  db: Db,
  userId: string,
  threadId: string,
  followed: boolean,
): Promise<void> {
  if (followed) {
    await prismaOf(db).threadFollow.upsert({
      where: { userId_threadId: { userId, threadId } },
      create: { userId, threadId },
      update: {},
    });
  } else {
    await prismaOf(db).threadFollow.deleteMany({ where: { userId, threadId } });
  }
}

/**
 * The threads of `roomId` that `userId` follows, among `visibilities`, leaving out deleted threads, and hidden
 * ones unless `hidden`.
 */
export async function listFollowedThreadIds(
  db: Db,
  userId: string,
  roomId: string,
  /** `authorIds`: only threads by these people (a reader's veil, domain/hide-until-posted.ts). */
  readable: { visibilities: string[]; hidden: boolean; authorIds?: string[] | undefined },
): Promise<string[]> {
  const rows = await prismaOf(db).threadFollow.findMany({
    where: {
      userId,
      thread: {
        roomId,
        visibility: { in: readable.visibilities },
        deletedAt: null,
        ...(readable.hidden ? {} : { hiddenAt: null }),
        ...(readable.authorIds ? { authorId: { in: readable.authorIds } } : {}),
      },
    },
    orderBy: { createdAt: "asc" },
    select: { threadId: true },
  });
  return rows.map((row) => row.threadId);
}
