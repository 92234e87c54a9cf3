// User rows.
import type { Prisma } from "./database.ts";

export type UserRow = NonNullable<Awaited<ReturnType<Prisma["user"]["findUnique"]>>>;

export function findUserByEmail(prisma: Prisma, email: string) {
  return prisma.user.findUnique({ where: { email } });
}

export function countUsers(prisma: Prisma) {
  return prisma.user.count();
}
