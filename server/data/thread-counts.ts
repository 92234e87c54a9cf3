// Thread counts per block for the read API's first paint, over every matching thread (not one page of them).
import { sqlOf } from "./clients.ts";
import type { Db } from "./db.ts";
import type { ThreadFilter } from "./threads.ts";

export async function countThreadsByBlock(db: Db, filter: ThreadFilter): Promise<Record<string, number>> {
  // One fixed statement (absent filters are NULL), in plain SQL: the first list request of a fresh process would
  // otherwise wait for Prisma to compile a group-by.
  const { rows } = await sqlOf(db).query<{ blockId: string; count: number }>(
    `SELECT "blockId", count(*)::int AS count FROM "Thread"
      WHERE "roomId" = $1 AND "deletedAt" IS NULL
        AND ($2::text IS NULL OR visibility = $2)
        AND ($3::text IS NULL OR "blockId" = $3)
        AND ($4::uuid IS NULL OR "authorId" = $4)
        AND ($5::text IS NULL OR $5 = ANY(tags))
        AND ($6::text IS NULL OR status = $6)
        AND ($7::uuid[] IS NULL OR id = ANY($7))
        AND ($8::uuid[] IS NULL OR "authorId" = ANY($8))
        AND ($9::uuid[] IS NULL OR "authorId" = ANY($9))
      GROUP BY "blockId"`,
    [
      filter.roomId,
      // An empty filter is no filter, as for the list itself.
      filter.visibility || null,
      filter.blockId || null,
      filter.authorId || null,
      filter.tag || null,
      filter.status || null,
      filter.ids ?? null,
      filter.authorIds ?? null,
      filter.threadAuthorIds ?? null,
    ],
  );
  return Object.fromEntries(rows.map((row) => [row.blockId, row.count]));
}
