// Members written straight into Postgres for benchmarks that need hundreds of them: one set-based statement.
import type pg from "pg";

/**
 * Adds `count` new users to `groupId`, the first `instructors` of them as instructors and the rest as members. They
 * cannot sign in (no password hash): they stand for people whose rows the benchmark writes.
 */
export async function seedMembers(
  client: pg.Client,
  groupId: string,
  count: number,
  instructors = 0,
): Promise<void> {
  await client.query(
    `WITH people AS (SELECT gen_random_uuid() AS id, i FROM generate_series(1, $2::int) i),
     users AS (
       INSERT INTO "User" (id, email, "displayName", "passwordHash", "createdAt")
       SELECT id, 'reader' || i || '@bench.test', 'Reader ' || i, 'not a hash', now() AT TIME ZONE 'UTC' FROM people
     )
     INSERT INTO "Membership" ("groupId", "userId", role, "createdAt")
     SELECT $1::uuid, id, CASE WHEN i <= $3::int THEN 'instructor'::"Role" ELSE 'member'::"Role" END,
            now() AT TIME ZONE 'UTC'
       FROM people`,
    [groupId, count, instructors],
  );
}
