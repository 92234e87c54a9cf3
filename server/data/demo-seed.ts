// The rows of the first-start demo (account, group, room), written on the same plain-SQL transaction as its text.
import { randomUUID } from "node:crypto";
import { sqlOf } from "./clients.ts";
import type { Db, SqlTx } from "./db.ts";

export async function countUsers(db: Db | SqlTx): Promise<number> {
  const { rows } = await sqlOf(db).query<{ count: string }>(`SELECT count(*) AS count FROM "User"`);
  return Number(rows[0]?.count ?? 0);
}

/** Holds a transaction-scoped advisory lock on `key` (two servers starting together seed once). */
export async function lockSeed(tx: SqlTx, key: number): Promise<void> {
  await sqlOf(tx).query(`SELECT pg_advisory_xact_lock($1)`, [key]);
}

/** Creates the demo user and the demo group it owns. */
export async function insertDemoAccount(
  tx: SqlTx,
  account: {
    email: string;
    displayName: string;
    passwordHash: string;
    groupName: string;
    groupDescription: string;
  },
): Promise<{ userId: string; groupId: string }> {
  const sql = sqlOf(tx);
  const userId = randomUUID();
  const groupId = randomUUID();
  await sql.query(
    `INSERT INTO "User" (id, email, "displayName", "passwordHash", "createdAt")
     VALUES ($1, $2, $3, $4, now() AT TIME ZONE 'UTC')`,
    [userId, account.email, account.displayName, account.passwordHash],
  );
  await sql.query(
    `INSERT INTO "Group" (id, name, description, "isDemo", "createdAt") VALUES ($1, $2, $3, true, now() AT TIME ZONE 'UTC')`,
    [groupId, account.groupName, account.groupDescription],
  );
  await sql.query(
    `INSERT INTO "Membership" ("groupId", "userId", role, "createdAt") VALUES ($1, $2, 'owner', now() AT TIME ZONE 'UTC')`,
    [groupId, userId],
  );
  return { userId, groupId };
}

/** Gives the group a room reading the document at `versionId`. */
export async function insertDemoRoom(
  tx: SqlTx,
  room: { groupId: string; documentId: string; versionId: string; createdById: string },
): Promise<string> {
  const id = randomUUID();
  await sqlOf(tx).query(
    `INSERT INTO "Room" (id, "groupId", "documentId", "versionId", "createdById", "createdAt")
     VALUES ($1, $2, $3, $4, $5, now() AT TIME ZONE 'UTC')`,
    [id, room.groupId, room.documentId, room.versionId, room.createdById],
  );
  return id;
}
