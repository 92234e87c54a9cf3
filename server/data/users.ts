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

/** A person a mention token names, within the group whose room holds the words. */
export interface MentionInGroup {
  groupId: string;
  userId: string;
}

/**
 * Display names for writing mentions as @Name, by group id, then user id: only of people who are members of the
 * group the mention is in. Anyone else (never a member, or left since) has no name here and is written "@someone",
 * so that a token naming an outsider never reveals who they are.
 */
export async function findMemberNames(
  handle: Db | SqlTx,
  mentions: readonly MentionInGroup[],
): Promise<Map<string, Map<string, string>>> {
  const names = new Map<string, Map<string, string>>();
  if (mentions.length === 0) return names;
  const result = await sqlOf(handle).query<{ groupId: string; userId: string; displayName: string }>(
    `SELECT m."groupId", m."userId", u."displayName"
       FROM unnest($1::uuid[], $2::uuid[]) AS wanted("groupId", "userId")
       JOIN "Membership" m ON m."groupId" = wanted."groupId" AND m."userId" = wanted."userId"
       JOIN "User" u ON u.id = m."userId"`,
    [mentions.map((mention) => mention.groupId), mentions.map((mention) => mention.userId)],
  );
  for (const row of result.rows) {
    let group = names.get(row.groupId);
    if (!group) names.set(row.groupId, (group = new Map()));
    group.set(row.userId, row.displayName);
  }
  return names;
}
