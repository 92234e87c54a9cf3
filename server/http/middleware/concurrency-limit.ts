// At most a few heavy requests (exports, analytics) running at once per user: one person cannot occupy the servers
// with them. Counted in this process, and across every server process of a deployment when given a Redis ledger.
import type { RequestHandler } from "express";
import { AppError } from "../../domain/app-error.ts";
import type { ConnectionLedger } from "../../realtime/fanout/shared-connections.ts";
import { principalOf } from "./auth.ts";

/**
 * Lets each signed-in user run at most `limit` requests through this middleware at once; the next gets 429 with
 * `message` and a Retry-After of `retryAfterSeconds` until one of theirs ends (the response finishes or the client
 * goes away). With `ledger` (the deployment's, in Redis) the requests running on every server count; while Redis
 * does not answer, this process's count still holds. Runs after requireUser.
 */
export function perUserConcurrency(
  limit: number,
  message: string,
  retryAfterSeconds: number,
  ledger?: ConnectionLedger,
): RequestHandler {
  const running = new Map<string, number>();
  const release = (userId: string) => {
    const left = (running.get(userId) ?? 1) - 1;
    if (left > 0) running.set(userId, left);
    else running.delete(userId);
  };
  return (_req, res, next) => {
    const userId = principalOf(res).user.id;
    const refuse = () => {
      res.setHeader("Retry-After", String(retryAfterSeconds));
      next(new AppError("rate_limited", message));
    };
    const count = running.get(userId) ?? 0;
    if (count >= limit) return refuse();
    running.set(userId, count + 1);
    let closed = false;
    res.once("close", () => {
      closed = true;
      release(userId);
    });
    if (!ledger) return next();
    ledger.take(userId, limit).then((taken) => {
      if (!taken) {
        // The slot in this process was taken for nothing: the response below ends the request.
        if (!closed) refuse();
        return;
      }
      // A client gone while Redis was asked has already closed: its slot is given back at once.
      if (closed) return ledger.give(userId);
      res.once("close", () => ledger.give(userId));
      next();
    }, next);
  };
}
