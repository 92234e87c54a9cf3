// At most a few heavy requests (exports) running at once per user: one person cannot occupy the server with them.
import type { RequestHandler } from "express";
import { AppError } from "../../domain/app-error.ts";
import { principalOf } from "./auth.ts";

/**
 * Lets each signed-in user run at most `limit` requests through this middleware at once; the next gets 429 with
 * `message` and a Retry-After of `retryAfterSeconds` until one of theirs ends (the response finishes or the client
 * goes away). Runs after requireUser.
 */
export function perUserConcurrency(
  limit: number,
  message: string,
  retryAfterSeconds: number,
): RequestHandler {
  const running = new Map<string, number>();
  return (_req, res, next) => {
    const userId = principalOf(res).user.id;
    const count = running.get(userId) ?? 0;
    if (count >= limit) {
      res.setHeader("Retry-After", String(retryAfterSeconds));
      next(new AppError("rate_limited", message));
      return;
    }
    running.set(userId, count + 1);
    res.once("close", () => {
      const left = (running.get(userId) ?? 1) - 1;
      if (left > 0) running.set(userId, left);
      else running.delete(userId);
    });
    next();
  };
}
