// User rows.
import type { Prisma } from "./database.ts";

export function findUserByEmail(prisma: Prisma, email: string) {
  return prisma.user.findUnique({ where: { email } });
}

export async function updatePasswordHash(prisma: Prisma, userId: string, passwordHash: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { passwordHash } });
}
