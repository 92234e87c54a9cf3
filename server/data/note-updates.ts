// Durable Yjs state of private notes (one document per user per room): appended updates plus a snapshot row.
import type { Prisma } from "./database.ts";

export async function loadNoteUpdates(prisma: Prisma, roomId: string, userId: string): Promise<Uint8Array[]> {
  const rows = await prisma.noteUpdate.findMany({
    where: { roomId, userId },
    orderBy: { id: "asc" },
    select: { update: true },
  });
  return rows.map((row) => row.update);
}

export function appendNoteUpdate(prisma: Prisma, roomId: string, userId: string, update: Uint8Array) {
  return prisma.noteUpdate.create({ data: { roomId, userId, update: Buffer.from(update) }, select: { id: true } });
}

/**
 * Replaces the stored rows with one snapshot row holding `state`, which must already contain every one of them
 * (the live document, encoded under the lock its writes take). Returns the number of rows replaced.
 */
export async function compactNoteUpdates(
  prisma: Prisma,
  roomId: string,
  userId: string,
  state: Uint8Array,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.noteUpdate.findMany({ where: { roomId, userId }, select: { id: true } });
    if (rows.length < 2) return 0;
    await tx.noteUpdate.create({ data: { roomId, userId, update: Buffer.from(state), isSnapshot: true } });
    await tx.noteUpdate.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
    return rows.length;
  });
}
