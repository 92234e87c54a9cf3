// User rows.
import { prismaOf, sqlOf } from "./clients.ts";
import type { Db, SqlTx } from "./db.ts";

/** Creates an account; throws a unique violation (isUniqueViolation) when the email is already registered. */
export function insertUser(db: Db, user: { email: string; displayName: string; passwordHash: string }) {
  return prismaOf(db).user.create({ data: user });
}

export function findUserByEmail(db: Db, email: string) {
  return prismaOf(db).user.findUnique({ where: { email } });
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await prismaOf(db).user.update({ where: { id: userId }, data: { passwordHash } });
}

/** Display names of `userIds` (those that exist), for writing mentions as @Name. */
export async function findDisplayNames(handle: Db | SqlTx, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const result = await sqlOf(handle).query<{ id: string; displayName: string }>(
    `SELECT id, "displayName" FROM "User" WHERE id = ANY($1::uuid[])`,
    [userIds],
  );
  return new Map(result.rows.map((row) => [row.id, row.displayName]));
}
