// Durable Yjs state of room documents: an append-only update log plus a snapshot that compaction maintains.
import * as Y from "yjs";
import type { RoomScope } from "../../shared/room-doc.ts";
import type { Prisma } from "./database.ts";
import type { SqlTx } from "./sql.ts";
import { packSnapshot, unpackSnapshot, type SnapshotCompression } from "./snapshot-codec.ts";

/** The stored state of one room document: its snapshot and the updates appended since. */
export interface StoredRoomState {
  snapshot: Uint8Array | null;
  updates: { id: bigint; update: Uint8Array }[];
}

export async function loadRoomState(prisma: Prisma, roomId: string, scope: RoomScope): Promise<StoredRoomState> {
  // Read both in one transaction so that a compaction in between cannot hide updates from us.
  const { snapshots, updates } = await prisma.$transaction(async (tx) => ({
    // As base64 text: Postgres sends bytea as hex, and decoding megabytes of hex through the driver is the
    // slowest part of loading a large room.
    snapshots: await tx.$queryRaw<{ state: string; compression: SnapshotCompression }[]>`
      SELECT encode(state, 'base64') AS state, compression::text AS compression
        FROM "RoomSnapshot" WHERE "roomId" = ${roomId}::uuid AND scope = ${scope}`,
    updates: await tx.roomUpdate.findMany({
      where: { roomId, scope },
      orderBy: { id: "asc" },
      select: { id: true, update: true },
    }),
  }));
  const stored = snapshots[0];
  const snapshot = stored ? await unpackSnapshot(Buffer.from(stored.state, "base64"), stored.compression) : null;
  return { snapshot, updates };
}

export async function appendRoomUpdate(tx: SqlTx, roomId: string, scope: RoomScope, update: Uint8Array) {
  await tx.query(`INSERT INTO "RoomUpdate" ("roomId", scope, update) VALUES ($1, $2, $3)`, [
    roomId,
    scope,
    Buffer.from(update.buffer, update.byteOffset, update.byteLength),
  ]);
}

/**
 * Merges the snapshot and the logged updates into a new snapshot and deletes exactly the rows merged, so an
 * update appended meanwhile (even with a lower id, from a transaction that committed late) is never lost.
 * Returns how many updates were merged.
 */
export async function compactRoomState(prisma: Prisma, roomId: string, scope: RoomScope): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`compact:${roomId}:${scope}`}))`;
      const snapshot = await tx.roomSnapshot.findUnique({ where: { roomId_scope: { roomId, scope } } });
      const updates = await tx.roomUpdate.findMany({
        where: { roomId, scope },
        orderBy: { id: "asc" },
        select: { id: true, update: true },
      });
      if (updates.length === 0) return 0;
      const base = snapshot ? [await unpackSnapshot(snapshot.state, snapshot.compression)] : [];
      // Re-encode from a garbage-collected document: a plain merge would keep every replaced value forever.
      const doc = new Y.Doc({ gc: true });
      Y.applyUpdate(doc, Y.mergeUpdates([...base, ...updates.map((row) => row.update)]));
      const packed = await packSnapshot(Y.encodeStateAsUpdate(doc));
      doc.destroy();
      await tx.roomSnapshot.upsert({
        where: { roomId_scope: { roomId, scope } },
        create: { roomId, scope, ...packed },
        update: packed,
      });
      await tx.roomUpdate.deleteMany({ where: { id: { in: updates.map((row) => row.id) } } });
      return updates.length;
    },
    { timeout: 60_000 },
  );
}
