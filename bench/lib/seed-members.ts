// Members written straight into Postgres for benchmarks that need hundreds or thousands of them: one set-based
// statement.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { generateToken, hashToken } from "../../server/data/tokens.ts";
import { sessionCookieName } from "../../server/http/middleware/auth.ts";

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

/**
 * Adds one new member of `groupId` per session token in `tokens`, each signed in with that token (a live session
 * stored as its hash under `sessionSecret`, the servers' SESSION_SECRET), in one statement: thousands of readers
 * without thousands of sign-ups (argon2 hashing, the sign-up limit). Returns the session cookies, in token order.
 */
export async function seedSignedInMembers(
  client: pg.Client,
  groupId: string,
  count: number,
  sessionSecret: string,
): Promise<string[]> {
  const tokens = Array.from({ length: count }, generateToken);
  const batch = randomUUID().slice(0, 8);
  await client.query(
    `WITH people AS (
       SELECT gen_random_uuid() AS id, i, hash
         FROM unnest($2::text[]) WITH ORDINALITY AS t(hash, i)
     ),
     users AS (
       INSERT INTO "User" (id, email, "displayName", "passwordHash", "createdAt")
       SELECT id, 'reader-' || $3 || '-' || i || '@bench.test', 'Reader ' || i, 'not a hash',
              now() AT TIME ZONE 'UTC'
         FROM people
     ),
     members AS (
       INSERT INTO "Membership" ("groupId", "userId", role, "createdAt")
       SELECT $1::uuid, id, 'member'::"Role", now() AT TIME ZONE 'UTC' FROM people
     )
     INSERT INTO "Session" (id, "tokenHash", "userId", "createdAt", "expiresAt")
     SELECT gen_random_uuid(), hash, id, now() AT TIME ZONE 'UTC', (now() + interval '1 day') AT TIME ZONE 'UTC'
       FROM people`,
    [groupId, tokens.map((token) => hashToken(token, sessionSecret)), batch],
  );
  return tokens.map((token) => `${sessionCookieName}=${token}`);
}
