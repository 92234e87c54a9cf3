// Idempotency records: each mutation's client key with the response it got, written in the commit that applied it.
import type { RoomScope } from "../../shared/room-doc.ts";
import { sqlOf } from "./clients.ts";
import { prepared } from "./sql.ts";
import type { Db, SqlTx } from "./db.ts";

export interface StoredMutation {
  key: string;
  userId: string;
  status: number;
  response: unknown;
  /** What the key was first used for (see MutationRequest.fingerprint); null on rows older than fingerprints. */
  fingerprint: string | null;
}

/** The mutations of this room already committed under any of `keys`. */
export async function findMutations(
  db: Db | SqlTx,
  roomId: string,
  keys: string[],
): Promise<StoredMutation[]> {
  const { rows } = await sqlOf(db).query<StoredMutation>(
    prepared(
      "find-mutations",
      `SELECT key, "userId", status, response, fingerprint FROM "Mutation" WHERE "roomId" = $1::uuid AND key = ANY($2::uuid[])`,
      [roomId, keys],
    ),
  );
  return rows;
}

/**
 * Records a batch's mutations and appends the room update they made at log position `seq` (read under lockRoomLog,
 * data/room-updates.ts), in one statement: one round trip of the commit rather than two. A key used before
 * violates the Mutation primary key, which fails the statement, and so the transaction, whole.
 */
export async function insertMutations(
  tx: SqlTx,
  roomId: string,
  mutations: StoredMutation[],
  logged: { scope: RoomScope; seq: number; update: Uint8Array },
): Promise<void> {
  await sqlOf(tx).query(
    prepared(
      "insert-mutations",
      `WITH appended AS (
       INSERT INTO "RoomUpdate" ("roomId", scope, seq, update, "createdAt")
       VALUES ($1::uuid, $7, $8, $9, now() AT TIME ZONE 'UTC')
     )
     INSERT INTO "Mutation" ("roomId", key, "userId", status, response, fingerprint, "createdAt")
     SELECT $1::uuid, m.key, m."userId", m.status, m.response, m.fingerprint, now() AT TIME ZONE 'UTC'
       FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::jsonb[], $6::text[])
         AS m(key, "userId", status, response, fingerprint)`,
      [
        roomId,
        mutations.map((mutation) => mutation.key),
        mutations.map((mutation) => mutation.userId),
        mutations.map((mutation) => mutation.status),
        mutations.map((mutation) => JSON.stringify(mutation.response)),
        mutations.map((mutation) => mutation.fingerprint),
        logged.scope,
        logged.seq,
        Buffer.from(logged.update.buffer, logged.update.byteOffset, logged.update.byteLength),
      ],
    ),
  );
}

/**
 * SQL (over `room` and `id`, SQL expressions): whether `id` already names a thread or a reply, in any room, that the
 * room's idempotency records do not account for (a retry of the mutation that created it is recorded under the
 * same key in the same room).
 */
export const idTakenSql = (room: string, id: string) =>
  `((EXISTS (SELECT 1 FROM "Thread" WHERE id = ${id}) OR EXISTS (SELECT 1 FROM "Comment" WHERE id = ${id}))
     AND NOT EXISTS (SELECT 1 FROM "Mutation" WHERE "roomId" = ${room} AND key = ${id}))`;
