// Rate limits for sign-up and sign-in: per client address, and per account so one email is not brute-forced.
import type { RequestHandler } from "express";
import { rateLimit, type Options } from "express-rate-limit";
import { AppError } from "../../domain/app-error.ts";

/** Limits per window; tests lower them. */
export interface AuthRateLimits {
  windowMs: number;
  perIp: number;
  perAccount: number;
}

export const defaultAuthRateLimits: AuthRateLimits = { windowMs: 15 * 60 * 1000, perIp: 100, perAccount: 10 };

function limiter(
  windowMs: number,
  limit: number,
  keyGenerator: Options["keyGenerator"] | undefined,
  what: string,
): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    ...(keyGenerator ? { keyGenerator } : {}),
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, res, next) => {
      const retryAfter = res.getHeader("retry-after");
      next(
        new AppError(
          "rate_limited",
          `Too many attempts ${what}. Try again in ${retryAfter ?? Math.ceil(windowMs / 1000)} seconds.`,
        ),
      );
    },
  });
}

/** Middleware pair for /register and /login: per IP, then per email (normalised). */
export function authRateLimiters(limits: AuthRateLimits): RequestHandler[] {
  return [
    limiter(limits.windowMs, limits.perIp, undefined, "from this address"),
    limiter(
      limits.windowMs,
      limits.perAccount,
      (req) => {
        const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
        return `account:${typeof email === "string" ? email.trim().toLowerCase() : ""}`;
      },
      "for this account",
    ),
  ];
}

/**
 * Limits one signed-in user's mutations per minute (0 turns it off): enough for any person, not for a script
 * flooding a room. Runs after requireUser, keyed by the user, not the address.
 */
export function userMutationLimiter(perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return limiter(
    60_000,
    perMinute,
    (_req, res) => `user:${(res.locals.principal as { user: { id: string } }).user.id}`,
    "from your account",
  );
}
