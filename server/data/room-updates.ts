// Durable Yjs state of room documents: an append-only update log plus a snapshot that compaction maintains.
import type { RoomScope } from "../../shared/room-doc.ts";
import { packSnapshot, unpackSnapshot, type SnapshotCompression } from "./snapshot-codec.ts";
import { sqlOf } from "./clients.ts";
import { inSqlTransaction, type Db, type SqlTx } from "./db.ts";

/** The stored state of one room document: its snapshot and the updates appended since. */
export interface StoredRoomState {
  snapshot: Uint8Array | null;
  /** When the snapshot was last written (null without one): compaction checks it has not changed meanwhile. */
  snapshotVersion: string | null;
  updates: { id: string; update: Uint8Array }[];
}

type StoredRow =
  | { kind: 0; id: null; data: string; compression: SnapshotCompression; version: string }
  // pg returns bigint as a string, which is what the DELETE of merged rows sends back.
  | { kind: 1; id: string; data: string; compression: null; version: null };

/**
 * The snapshot and the log in one statement, so both come from one database snapshot: read separately, a
 * compaction committing in between could delete updates after we had read the older snapshot.
 */
export async function loadRoomState(db: Db, roomId: string, scope: RoomScope): Promise<StoredRoomState> {
  // Bytes travel as base64 text: Postgres sends bytea as hex, and decoding megabytes of hex through the driver
  // is the slowest part of loading a large room.
  const { rows } = await sqlOf(db).query<StoredRow>(
    `SELECT 0 AS kind, NULL::bigint AS id, encode(state, 'base64') AS data, compression::text AS compression,
            "updatedAt"::text AS version
       FROM "RoomSnapshot" WHERE "roomId" = $1 AND scope = $2
     UNION ALL
     SELECT 1, id, encode(update, 'base64'), NULL, NULL
       FROM "RoomUpdate" WHERE "roomId" = $1 AND scope = $2`,
    [roomId, scope],
  );
  // Sorted here, not by the statement: Postgres would sort the megabytes of snapshot text with the log, on disk.
  rows.sort((a, b) => a.kind - b.kind || (a.kind === 1 && b.kind === 1 ? compareIds(a.id, b.id) : 0));
  let snapshot: Uint8Array | null = null;
  let snapshotVersion: string | null = null;
  const updates: StoredRoomState["updates"] = [];
  for (const row of rows) {
    const bytes = Buffer.from(row.data, "base64");
    if (row.kind === 0) {
      snapshot = await unpackSnapshot(bytes, row.compression);
      snapshotVersion = row.version;
    } else updates.push({ id: row.id, update: bytes });
  }
  return { snapshot, snapshotVersion, updates };
}

/** Orders bigint ids that pg hands over as decimal strings. */
const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

export async function appendRoomUpdate(tx: SqlTx, roomId: string, scope: RoomScope, update: Uint8Array) {
  await sqlOf(tx).query(`INSERT INTO "RoomUpdate" ("roomId", scope, update, "createdAt") VALUES ($1, $2, $3, now() AT TIME ZONE 'UTC')`, [
    roomId,
    scope,
    Buffer.from(update.buffer, update.byteOffset, update.byteLength),
  ]);
}

/**
 * Merges the snapshot and the logged updates into a new snapshot and deletes exactly the rows merged, so an
 * update appended meanwhile (even with a lower id, from a transaction that committed late) is never lost. The
 * merge runs before the transaction opens, so no connection waits on it; the write then checks, under a lock,
 * that no other compaction replaced the snapshot or merged these rows meanwhile, and gives up if one did.
 * Returns how many updates were merged.
 */
export async function compactRoomState(
  db: Db,
  roomId: string,
  scope: RoomScope,
  merge: (parts: Uint8Array[]) => Promise<Uint8Array>,
): Promise<number> {
  const { snapshot, snapshotVersion, updates } = await loadRoomState(db, roomId, scope);
  if (updates.length === 0) return 0;
  const packed = await packSnapshot(
    await merge([...(snapshot ? [snapshot] : []), ...updates.map((row) => row.update)]),
  );
  const ids = updates.map((row) => row.id);
  return inSqlTransaction(db, async (tx) => {
    const sql = sqlOf(tx);
    await sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`compact:${roomId}:${scope}`]);
    const { rows } = await sql.query<{ version: string | null; present: number }>(
      `SELECT (SELECT "updatedAt"::text FROM "RoomSnapshot" WHERE "roomId" = $1 AND scope = $2) AS version,
              (SELECT count(*)::int FROM "RoomUpdate" WHERE id = ANY($3::bigint[])) AS present`,
      [roomId, scope, ids],
    );
    if (rows[0]!.version !== snapshotVersion || rows[0]!.present !== ids.length) return 0;
    await sql.query(
      `INSERT INTO "RoomSnapshot" ("roomId", scope, state, compression, "updatedAt")
       VALUES ($1, $2, $3, $4, clock_timestamp() AT TIME ZONE 'UTC')
       ON CONFLICT ("roomId", scope) DO UPDATE
         SET state = EXCLUDED.state, compression = EXCLUDED.compression, "updatedAt" = EXCLUDED."updatedAt"`,
      [
        roomId,
        scope,
        Buffer.from(packed.state.buffer, packed.state.byteOffset, packed.state.byteLength),
        packed.compression,
      ],
    );
    await sql.query(`DELETE FROM "RoomUpdate" WHERE id = ANY($1::bigint[])`, [ids]);
    return updates.length;
  });
}
