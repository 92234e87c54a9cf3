// Durable Yjs state of room documents: an append-only update log plus a snapshot that compaction maintains.
import type { RoomScope } from "../../shared/room-doc.ts";
import { packSnapshot, unpackSnapshot, type SnapshotCompression } from "./snapshot-codec.ts";
import { inTransaction, type Sql, type SqlTx } from "./sql.ts";

/** The stored state of one room document: its snapshot and the updates appended since. */
export interface StoredRoomState {
  snapshot: Uint8Array | null;
  updates: { id: string; update: Uint8Array }[];
}

type StoredRow =
  | { kind: 0; id: null; data: string; compression: SnapshotCompression }
  // pg returns bigint as a string, which is what the DELETE of merged rows sends back.
  | { kind: 1; id: string; data: string; compression: null };

/**
 * The snapshot and the log in one statement, so both come from one database snapshot: read separately, a
 * compaction committing in between could delete updates after we had read the older snapshot.
 */
async function readStoredState(db: Sql | SqlTx, roomId: string, scope: RoomScope): Promise<StoredRoomState> {
  // Bytes travel as base64 text: Postgres sends bytea as hex, and decoding megabytes of hex through the driver
  // is the slowest part of loading a large room.
  const { rows } = await db.query<StoredRow>(
    `SELECT 0 AS kind, NULL::bigint AS id, encode(state, 'base64') AS data, compression::text AS compression
       FROM "RoomSnapshot" WHERE "roomId" = $1 AND scope = $2
     UNION ALL
     SELECT 1, id, encode(update, 'base64'), NULL
       FROM "RoomUpdate" WHERE "roomId" = $1 AND scope = $2
     ORDER BY kind, id`,
    [roomId, scope],
  );
  let snapshot: Uint8Array | null = null;
  const updates: StoredRoomState["updates"] = [];
  for (const row of rows) {
    const bytes = Buffer.from(row.data, "base64");
    if (row.kind === 0) snapshot = await unpackSnapshot(bytes, row.compression);
    else updates.push({ id: row.id, update: bytes });
  }
  return { snapshot, updates };
}

export function loadRoomState(sql: Sql, roomId: string, scope: RoomScope): Promise<StoredRoomState> {
  return readStoredState(sql, roomId, scope);
}

export async function appendRoomUpdate(tx: SqlTx, roomId: string, scope: RoomScope, update: Uint8Array) {
  await tx.query(`INSERT INTO "RoomUpdate" ("roomId", scope, update, "createdAt") VALUES ($1, $2, $3, now() AT TIME ZONE 'UTC')`, [
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
export async function compactRoomState(
  sql: Sql,
  roomId: string,
  scope: RoomScope,
  merge: (parts: Uint8Array[]) => Promise<Uint8Array>,
): Promise<number> {
  return inTransaction(sql, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`compact:${roomId}:${scope}`]);
    const { snapshot, updates } = await readStoredState(tx, roomId, scope);
    if (updates.length === 0) return 0;
    const packed = await packSnapshot(
      await merge([...(snapshot ? [snapshot] : []), ...updates.map((row) => row.update)]),
    );
    await tx.query(
      `INSERT INTO "RoomSnapshot" ("roomId", scope, state, compression, "updatedAt")
       VALUES ($1, $2, $3, $4, now() AT TIME ZONE 'UTC')
       ON CONFLICT ("roomId", scope) DO UPDATE
         SET state = EXCLUDED.state, compression = EXCLUDED.compression, "updatedAt" = EXCLUDED."updatedAt"`,
      [roomId, scope, Buffer.from(packed.state.buffer, packed.state.byteOffset, packed.state.byteLength), packed.compression],
    );
    await tx.query(`DELETE FROM "RoomUpdate" WHERE id = ANY($1::bigint[])`, [updates.map((row) => row.id)]);
    return updates.length;
  });
}
