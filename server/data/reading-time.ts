// Reading time rows: seconds per room, reader, paragraph and UTC day, added to in batches.
import type { Db } from "./db.ts";
import { sqlOf } from "./clients.ts";

/** Seconds to add to one (room, user, block, day) row. `day` is a UTC date, "YYYY-MM-DD". */
export interface ReadingTimeIncrement {
  roomId: string;
  userId: string;
  blockId: string;
  day: string;
  seconds: number;
  activeSeconds: number;
}

/**
 * Adds every increment to its row in one statement (creating missing rows). Increments for rooms whose group has
 * `recordReadingTime` off, or for rooms and users deleted meanwhile, are dropped.
 */
export async function addReadingTime(db: Db, increments: ReadingTimeIncrement[]): Promise<void> {
  if (increments.length === 0) return;
  await sqlOf(db).query(
    `INSERT INTO "ReadingTime" ("roomId", "userId", "blockId", day, seconds, "activeSeconds", "updatedAt")
     SELECT t.room_id, t.user_id, t.block_id, t.day, t.seconds, t.active_seconds, now() AT TIME ZONE 'UTC'
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::int[], $6::int[])
            AS t(room_id, user_id, block_id, day, seconds, active_seconds)
       JOIN "Room" r ON r.id = t.room_id
       JOIN "Group" g ON g.id = r."groupId" AND g."recordReadingTime"
       JOIN "User" u ON u.id = t.user_id
     ON CONFLICT ("roomId", "userId", "blockId", day) DO UPDATE
        SET seconds = "ReadingTime".seconds + excluded.seconds,
            "activeSeconds" = "ReadingTime"."activeSeconds" + excluded."activeSeconds",
            "updatedAt" = now() AT TIME ZONE 'UTC'`,
    [
      increments.map((row) => row.roomId),
      increments.map((row) => row.userId),
      increments.map((row) => row.blockId),
      increments.map((row) => row.day),
      increments.map((row) => row.seconds),
      increments.map((row) => row.activeSeconds),
    ],
  );
}
