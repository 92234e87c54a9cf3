// Idempotency records: each mutation's client key with the response it got, written in the commit that applied it.
import type { Sql, SqlTx } from "./sql.ts";

export interface StoredMutation {
  key: string;
  userId: string;
  status: number;
  response: unknown;
}

/** The mutations of this room already committed under any of `keys`. */
export async function findMutations(sql: Sql, roomId: string, keys: string[]): Promise<StoredMutation[]> {
  const { rows } = await sql.query<StoredMutation>(
    `SELECT key, "userId", status, response FROM "Mutation" WHERE "roomId" = $1::uuid AND key = ANY($2::uuid[])`,
    [roomId, keys],
  );
  return rows;
}

/** Records a batch's mutations in one statement; a key used before violates the primary key. */
export async function insertMutations(tx: SqlTx, roomId: string, mutations: StoredMutation[]): Promise<void> {
  await tx.query(
    `INSERT INTO "Mutation" ("roomId", key, "userId", status, response, "createdAt")
     SELECT $1::uuid, m.key, m."userId", m.status, m.response, now() AT TIME ZONE 'UTC'
       FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::jsonb[]) AS m(key, "userId", status, response)`,
    [
      roomId,
      mutations.map((mutation) => mutation.key),
      mutations.map((mutation) => mutation.userId),
      mutations.map((mutation) => mutation.status),
      mutations.map((mutation) => JSON.stringify(mutation.response)),
    ],
  );
}
