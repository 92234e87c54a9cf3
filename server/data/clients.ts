// What db.ts's opaque handles are at run time, and how a repository function reaches the client behind one.
// Internal to server/data/ (eslint.config.js): outside it, a Db, Tx or SqlTx can only be passed on.
import type { PrismaClient } from "./generated/client.ts";
import type { Db, SqlTx, Tx } from "./db.ts";
import type { Queryable, Sql } from "./sql.ts";

export type Prisma = InstanceType<typeof PrismaClient>;
/** Prisma's interactive-transaction client: the models without the connection-level `$` methods. */
export type PrismaTx = Parameters<Parameters<Prisma["$transaction"]>[0]>[0];

/** A Db at run time: Prisma and the pg pool it runs on, which share the same connections. */
class Clients {
  constructor(
    readonly prisma: Prisma,
    readonly sql: Sql,
  ) {}
}

export function createDb(prisma: Prisma, sql: Sql): Db {
  return new Clients(prisma, sql) as unknown as Db;
}

export function clientsOf(db: Db): { prisma: Prisma; sql: Sql } {
  return db as unknown as Clients;
}

/** The Prisma client of the database, or the transaction's. */
export function prismaOf(handle: Db | Tx): PrismaTx {
  return handle instanceof Clients ? handle.prisma : (handle as unknown as PrismaTx);
}

/** The pool of the database, or the transaction's connection. */
export function sqlOf(handle: Db | SqlTx): Queryable {
  return handle instanceof Clients ? handle.sql : (handle as unknown as Queryable);
}
