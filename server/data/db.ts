// The data boundary. Every query, Prisma or SQL, lives in a repository module of server/data/ (one per entity:
// users, sessions, groups, memberships, invites, documents, rooms, threads, …): named functions with typed inputs
// and outputs. Services hold `ctx.db` and the transactions opened below, opaque handles that they pass to those
// functions and cannot query through; routes and sockets call services and import nothing from server/data/.
// eslint.config.js enforces the imports (Prisma, pg and this folder's internals stay in this folder).
//
// There are two kinds of transaction, on the same pg pool; a repository function names the one it runs in by the
// type of its first parameter:
// - Tx (inTransaction): Prisma's, for the ordinary writes (groups, memberships, invites, rooms).
// - SqlTx (inSqlTransaction): plain SQL, where Prisma's work per statement would cost more than the round trip or
//   its memory would grow with the text (the room mutation commit, imports, the first-start seed, compaction).
import { clientsOf, type PrismaTx } from "./clients.ts";
import {
  CommitOutcomeUnknown,
  inPoolTransaction,
  isSqlUniqueViolation,
  type TransactionOpening,
} from "./sql.ts";

declare const handle: unique symbol;
/** The database (ServiceContext.db): pass it to repository functions. */
export type Db = { readonly [handle]: "Db" };
/** A Prisma transaction opened by inTransaction(). */
export type Tx = { readonly [handle]: "Tx" };
/** A plain-SQL transaction opened by inSqlTransaction(). */
export type SqlTx = { readonly [handle]: "SqlTx" };

export { CommitOutcomeUnknown };
export type { TransactionOpening };

/** Runs `work` in one Prisma transaction: committed if it resolves, rolled back if it throws. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return clientsOf(db).prisma.$transaction((tx: PrismaTx) => work(tx as unknown as Tx));
}

/**
 * Runs `work` in one plain-SQL transaction on one connection: committed if it resolves, rolled back if it throws.
 * Throws CommitOutcomeUnknown when the COMMIT itself got no answer. `opening` (from data/, e.g. roomLogLockAndRead)
 * runs first, sent with BEGIN in one round trip; `work` is given the rows of its last statement.
 */
export function inSqlTransaction<T>(
  db: Db,
  work: (tx: SqlTx, opened: Record<string, unknown>[]) => Promise<T>,
  opening?: TransactionOpening,
): Promise<T> {
  return inPoolTransaction(
    clientsOf(db).sql,
    (client, opened) => work(client as unknown as SqlTx, opened),
    opening,
  );
}

/** Whether `error` is a write refused because it would duplicate a unique key (an email, a membership…). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002" || isSqlUniqueViolation(error);
}
