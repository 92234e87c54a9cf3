// User rows.
import type { Prisma } from "./database.ts";

export function findUserByEmail(prisma: Prisma, email: string) {
  return prisma.user.findUnique({ where: { email } });
}
