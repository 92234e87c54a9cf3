// Durable Yjs state of room documents: an append-only update log plus a snapshot that compaction maintains.
import type { RoomScope } from "../../shared/room-doc.ts";
import { packSnapshot, unpackSnapshot, type SnapshotCompression } from "./snapshot-codec.ts";
import { sqlOf } from "./clients.ts";
import { prepared } from "./sql.ts";
import { inSqlTransaction, type Db, type SqlTx, type TransactionOpening } from "./db.ts";

/** The stored state of one room document: its snapshot and the updates appended since. */
export interface StoredRoomState {
  snapshot: Uint8Array | null;
  /** When the snapshot was last written (null without one): compaction checks it has not changed meanwhile. */
  snapshotVersion: string | null;
  /** In log order. */
  updates: LoggedUpdate[];
  /** The log position this state reaches: the last update's, or the snapshot's when nothing follows it (0: empty). */
  seq: number;
}

/** One appended update and its position in its document's log. */
export interface LoggedUpdate {
  id: string;
  seq: number;
  update: Uint8Array;
}

type StoredRow =
  | { kind: 0; id: null; seq: string; data: string; compression: SnapshotCompression; version: string }
  // pg returns bigint as a string, which is what the DELETE of merged rows sends back.
  | { kind: 1; id: string; seq: string; data: string; compression: null; version: null };

/**
 * The snapshot and the log in one statement, so both come from one database snapshot: read separately, a
 * compaction committing in between could delete updates after we had read the older snapshot. With `after` (a log
 * position), only what follows it: the updates after it, and the snapshot only if it merged some of them.
 */
export async function loadRoomState(
  db: Db | SqlTx,
  roomId: string,
  scope: RoomScope,
  after = 0,
): Promise<StoredRoomState> {
  // Bytes travel as base64 text: Postgres sends bytea as hex, and decoding megabytes of hex through the driver
  // is the slowest part of loading a large room.
  const { rows } = await sqlOf(db).query<StoredRow>(
    `SELECT 0 AS kind, NULL::bigint AS id, seq, encode(state, 'base64') AS data, compression::text AS compression,
            "updatedAt"::text AS version
       FROM "RoomSnapshot" WHERE "roomId" = $1 AND scope = $2 AND ($3::bigint = 0 OR seq > $3::bigint)
     UNION ALL
     SELECT 1, id, seq, encode(update, 'base64'), NULL, NULL
       FROM "RoomUpdate" WHERE "roomId" = $1 AND scope = $2 AND seq > $3::bigint`,
    [roomId, scope, after],
  );
  // Sorted here, not by the statement: Postgres would sort the megabytes of snapshot text with the log, on disk.
  rows.sort((a, b) => a.kind - b.kind || Number(a.seq) - Number(b.seq));
  let snapshot: Uint8Array | null = null;
  let snapshotVersion: string | null = null;
  let seq = after;
  const updates: LoggedUpdate[] = [];
  for (const row of rows) {
    const bytes = Buffer.from(row.data, "base64");
    seq = Math.max(seq, Number(row.seq));
    if (row.kind === 1) updates.push({ id: row.id, seq: Number(row.seq), update: bytes });
    else {
      snapshot = await unpackSnapshot(bytes, row.compression);
      snapshotVersion = row.version;
    }
  }
  return { snapshot, snapshotVersion, updates, seq };
}

/** How long a commit waits for a room document's write lock before giving up (the database answers 55P03). */
const roomLockTimeout = "15s";
/** How long a transaction holding a room's write lock may sit idle before the database ends it. */
const idleHolderTimeout = "30s";

/** The log position of the room document `room`, `scope` (SQL expressions): its last update's, or its snapshot's. */
const logPosition = (room: string, scope: string) =>
  `GREATEST(
     (SELECT max(seq) FROM "RoomUpdate" u WHERE u."roomId" = ${room} AND u.scope = ${scope}),
     (SELECT seq FROM "RoomSnapshot" s WHERE s."roomId" = ${room} AND s.scope = ${scope}),
     0)::text`;

/**
 * Takes the room document's write lock until the transaction ends and returns its log position: the servers
 * sharing the database write each room document one transaction at a time, in log order. Read after the lock is
 * granted (a statement of its own: its snapshot is taken once the lock is held), so it sees every earlier commit.
 * Waits at most 15 s for the lock, then throws the database's lock_not_available error (the caller's transaction
 * fails as a whole). A holder that stops talking mid-transaction (its server cut off from the database) is ended by
 * the database after 30 s idle in the transaction, which frees the lock for the others.
 */
export async function lockRoomLog(tx: SqlTx, roomId: string, scope: RoomScope): Promise<number> {
  await sqlOf(tx).query(roomLogLockSql("$1", "$2", "$3"), [
    roomLogLockKey(roomId, scope),
    roomLockTimeout,
    idleHolderTimeout,
  ]);
  const { rows } = await sqlOf(tx).query<{ seq: string }>(`SELECT ${logPosition("$1::uuid", "$2")} AS seq`, [
    roomId,
    scope,
  ]);
  return Number(rows[0]!.seq);
}

/**
 * For a commit of mutations: an opening (inSqlTransaction) sent with BEGIN in one round trip, which takes the write
 * lock of lockRoomLog and then, in a statement of its own (its snapshot is taken once the lock is granted, as in
 * lockRoomLog), reads the log position and the room's archivedAt, with the room's row locked for share until the
 * transaction ends, so that archiving (which locks the row) either came first and is seen, or waits for this commit.
 * Read what it found with roomLogOpened().
 */
export function roomLogLockAndRead(roomId: string, scope: RoomScope): TransactionOpening {
  return (literal) => {
    const room = `${literal(roomId)}::uuid`;
    const lock = roomLogLockSql(
      literal(roomLogLockKey(roomId, scope)),
      literal(roomLockTimeout),
      literal(idleHolderTimeout),
    );
    return `${lock};
      SELECT ${logPosition(room, literal(scope))} AS seq,
             (SELECT "archivedAt" FROM "Room" WHERE id = ${room} FOR SHARE) AS "archivedAt"`;
  };
}

/**
 * What roomLogLockAndRead's opening read: the log position and the room's archivedAt (null when not archived, or
 * without a room).
 */
export function roomLogOpened(rows: readonly Record<string, unknown>[]): {
  head: number;
  archivedAt: Date | null;
} {
  const row = rows[0] as { seq: string; archivedAt: Date | null };
  return { head: Number(row.seq), archivedAt: row.archivedAt };
}

/** What the advisory lock of one room document's log is taken on (hashed to a bigint by roomLogLockSql). */
const roomLogLockKey = (roomId: string, scope: RoomScope) => `room-log:${roomId}:${scope}`;

/**
 * One statement: the projection runs in order, so the settings (for this transaction only) hold for the wait. The
 * arguments are SQL expressions (parameters or quoted literals).
 */
const roomLogLockSql = (key: string, lockTimeout: string, idleTimeout: string) =>
  `SELECT set_config('lock_timeout', ${lockTimeout}, true),
          set_config('idle_in_transaction_session_timeout', ${idleTimeout}, true),
          pg_advisory_xact_lock(hashtextextended(${key}, 0))`;

/** The log positions of several room documents (those not found are 0), keyed `${roomId}:${scope}`. */
export async function loadRoomLogPositions(
  db: Db,
  documents: { roomId: string; scope: RoomScope }[],
): Promise<Map<string, number>> {
  if (documents.length === 0) return new Map();
  const { rows } = await sqlOf(db).query<{ key: string; seq: string }>(
    prepared(
      "load-room-log-positions",
      `SELECT d.room || ':' || d.scope AS key, ${logPosition("d.room", "d.scope")} AS seq
       FROM unnest($1::uuid[], $2::text[]) AS d(room, scope)`,
      [documents.map((document) => document.roomId), documents.map((document) => document.scope)],
    ),
  );
  return new Map(rows.map((row) => [row.key, Number(row.seq)]));
}

/** Appends `update` at log position `seq`, which the caller read under lockRoomLog (the next one after it). */
export async function appendRoomUpdate(
  tx: SqlTx,
  roomId: string,
  scope: RoomScope,
  update: Uint8Array,
  seq: number,
) {
  await sqlOf(tx).query(
    `INSERT INTO "RoomUpdate" ("roomId", scope, seq, update, "createdAt") VALUES ($1, $2, $3, $4, now() AT TIME ZONE 'UTC')`,
    [roomId, scope, seq, Buffer.from(update.buffer, update.byteOffset, update.byteLength)],
  );
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
      `INSERT INTO "RoomSnapshot" ("roomId", scope, state, compression, seq, "updatedAt")
       VALUES ($1, $2, $3, $4, $5, clock_timestamp() AT TIME ZONE 'UTC')
       ON CONFLICT ("roomId", scope) DO UPDATE
         SET state = EXCLUDED.state, compression = EXCLUDED.compression, seq = EXCLUDED.seq,
             "updatedAt" = EXCLUDED."updatedAt"`,
      [
        roomId,
        scope,
        Buffer.from(packed.state.buffer, packed.state.byteOffset, packed.state.byteLength),
        packed.compression,
        // The log is gapless under the write lock, so the last update read is the highest position merged.
        updates.at(-1)!.seq,
      ],
    );
    await sql.query(`DELETE FROM "RoomUpdate" WHERE id = ANY($1::bigint[])`, [ids]);
    return updates.length;
  });
}
