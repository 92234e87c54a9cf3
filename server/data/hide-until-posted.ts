// What hide-until-posted needs from the database: a reader's state in a room, and the same
// rule as SQL for set-based reads (whom a notification may reach).
import { sqlOf } from "./clients.ts";
import type { Db } from "./db.ts";

/** The room's switches and whether `userId` has started a thread there (deleted or hidden ones count), or undefined. */
export async function loadHideState(db: Db, roomId: string, userId: string) {
  // One round trip: every read of a member in a room asks it.
  const { rows } = await sqlOf(db).query<{
    hideUntilPosted: boolean;
    instructorThreadsVisible: boolean;
    posted: boolean;
  }>(
    `SELECT r."hideUntilPosted", r."instructorThreadsVisible",
            EXISTS (SELECT 1 FROM "Thread" t WHERE t."roomId" = r.id AND t."authorId" = $2::uuid) AS posted
       FROM "Room" r WHERE r.id = $1::uuid`,
    [roomId, userId],
  );
  return rows[0];
}

/**
 * domain/hide-until-posted.ts as a boolean SQL condition over aliases `r` (the Room), `m` (the reader's Membership),
 * `t` (the Thread) and `c` (a Comment, or nulls for the thread itself); `teacherRoles` is the placeholder of a text[]
 * parameter holding teacherRoles(). True when the reader is not veiled, or the thread and the reply are by people
 * the veil lets through.
 */
export const seenBeforePosting = (teacherRoles: string): string => {
  const teacher = (author: string) =>
    `EXISTS (SELECT 1 FROM "Membership" tm
              WHERE tm."groupId" = r."groupId" AND tm."userId" = ${author}
                AND tm.role::text = ANY(${teacherRoles}::text[]))`;
  return `
  (NOT r."hideUntilPosted"
   OR m.role::text = ANY(${teacherRoles}::text[])
   OR EXISTS (SELECT 1 FROM "Thread" own WHERE own."roomId" = r.id AND own."authorId" = m."userId")
   OR ((t."authorId" = m."userId" OR (r."instructorThreadsVisible" AND ${teacher(`t."authorId"`)}))
       AND (c.id IS NULL OR c."authorId" = m."userId" OR ${teacher(`c."authorId"`)})))`;
};
