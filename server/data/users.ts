// User rows.
import { prismaOf } from "./clients.ts";
import type { Db } from "./db.ts";

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
