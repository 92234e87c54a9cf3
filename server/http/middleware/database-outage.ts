// Recognises "the database cannot be reached" among the errors pg and Prisma raise, so that an outage is answered
// as one (503, try again) instead of as a fault of the server (500).
import type { Request, Response } from "express";
import type { ErrorBody } from "../../../shared/errors.ts";

/** Socket-level failures to reach, or to stay connected to, the database server. */
const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

/**
 * Postgres SQLSTATEs that mean the server is going away, starting or refusing connections: 57P01 admin shutdown,
 * 57P02 crash shutdown, 57P03 cannot connect now, 53300 too many connections; class 08 is connection exceptions.
 */
const postgresCodes = new Set(["57P01", "57P02", "57P03", "53300"]);

/** Prisma's codes for an unreachable server, a timeout, a closed connection or an exhausted pool. */
const prismaCodes = new Set(["P1001", "P1002", "P1017", "P2024"]);

/** The driver adapter's names for the same (carried in a Prisma error's meta.driverAdapterError). */
const adapterKinds = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

/** pg and pg-pool say these in words only, without a code. */
const messages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Can't reach database server/i;

/**
 * Whether `error` (or anything it wraps: `cause`, an AggregateError's `errors`, Prisma's driver adapter error) says
 * the database is unreachable, rather than that a query was wrong.
 */
export function isDatabaseOutage(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const fields = current as {
      code?: unknown;
      errorCode?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    for (const code of [fields.code, fields.errorCode, fields.originalCode]) {
      if (typeof code !== "string") continue;
      if (
        socketCodes.has(code) ||
        postgresCodes.has(code) ||
        prismaCodes.has(code) ||
        /^08[0-9A-Z]{3}$/.test(code)
      ) {
        return true;
      }
    }
    if (typeof fields.kind === "string" && adapterKinds.has(fields.kind)) return true;
    if (typeof fields.message === "string" && messages.test(fields.message)) return true;
    pending.push(fields.cause, fields.meta?.driverAdapterError);
    if (Array.isArray(fields.errors)) pending.push(...(fields.errors as unknown[]));
  }
  return false;
}

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
export const databaseRetryAfterSeconds = 5;

/** 503 with Retry-After: the request may well succeed once the database is back, so clients should retry. */
export function sendDatabaseOutage(req: Request, res: Response, error: unknown): void {
  req.log?.warn({ err: error }, "request failed: the database is unreachable");
  if (res.headersSent) return;
  const body: ErrorBody = {
    error: {
      code: "unavailable",
      message: `The database is unreachable right now. Try again in ${databaseRetryAfterSeconds} seconds.`,
    },
  };
  res.status(503).setHeader("Retry-After", String(databaseRetryAfterSeconds)).json(body);
}
