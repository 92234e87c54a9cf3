// Durable Yjs state of private notes (one document per user per room): appended updates plus a snapshot row.
import { clientsOf, prismaOf } from "./clients.ts";
import type { Db } from "./db.ts";

export async function loadNoteUpdates(db: Db, roomId: string, userId: string): Promise<Uint8Array[]> {
  const rows = await prismaOf(db).noteUpdate.findMany({
    where: { roomId, userId },
    orderBy: { id: "asc" },
    select: { update: true },
  });
  return rows.map((row) => row.update);
}

export function appendNoteUpdate(db: Db, roomId: string, userId: string, update: Uint8Array) {
  return prismaOf(db).noteUpdate.create({
    data: { roomId, userId, update: Buffer.from(update) },
    select: { id: true },
  });
}

/**
 * Replaces the stored rows with one snapshot row, `merge` of them all, in one transaction. Returns the merged state
 * (undefined when there was nothing to merge).
 */
export async function compactNoteUpdates(
  db: Db,
  roomId: string,
  userId: string,
  merge: (updates: Uint8Array[]) => Uint8Array,
): Promise<Uint8Array | undefined> {
  return clientsOf(db).prisma.$transaction(async (tx) => {
    const rows = await tx.noteUpdate.findMany({
      where: { roomId, userId },
      orderBy: { id: "asc" },
      select: { id: true, update: true },
    });
    if (rows.length < 2) return undefined;
    const merged = merge(rows.map((row) => row.update));
    await tx.noteUpdate.create({ data: { roomId, userId, update: Buffer.from(merged), isSnapshot: true } });
    await tx.noteUpdate.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
    return merged;
  });
}
