// Rate limits: sign-up and sign-in attempts per client address, failed sign-ins per account and address (so a
// stranger guessing never locks the owner out), and room mutations per user.
import type { Request, RequestHandler } from "express";
import { ipKeyGenerator, rateLimit, type Options } from "express-rate-limit";
import { AppError } from "../../domain/app-error.ts";
import type { SharedLimits } from "../../realtime/fanout/shared-limits.ts";
import { SignInFailures } from "./sign-in-failures.ts";

/** Limits per window; tests lower them. */
export interface AuthRateLimits {
  windowMs: number;
  /** Sign-up and sign-in attempts from one client address. */
  perIp: number;
  /** Failed sign-ins for one account from one client address; that address is then refused for that account. */
  perAccount: number;
  /**
   * Failed sign-ins for one account from all addresses (default 5 × perAccount); past it, every address that has
   * failed for the account is refused, while one that has not (the owner, elsewhere) may still sign in.
   */
  perAccountTotal?: number;
}

export const defaultAuthRateLimits: AuthRateLimits = {
  windowMs: 15 * 60 * 1000,
  perIp: 100,
  perAccount: 10,
  perAccountTotal: 50,
};

function limiter(
  windowMs: number,
  limit: number,
  keyGenerator: Options["keyGenerator"] | undefined,
  what: string,
  store: Options["store"] | undefined,
): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    ...(keyGenerator ? { keyGenerator } : {}),
    ...(store ? { store } : {}),
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, res, next) => {
      const retryAfter = res.getHeader("retry-after");
      next(tooMany(what, Number(retryAfter ?? Math.ceil(windowMs / 1000))));
    },
  });
}

const tooMany = (what: string, seconds: number) =>
  new AppError("rate_limited", `Too many attempts ${what}. Try again in ${seconds} seconds.`);

/**
 * Sign-up and sign-in attempts per client address (req.ip: see TRUST_PROXY). `name` keeps the counts of limiters
 * sharing Redis (`shared`: every server process counts together) apart.
 */
export function authAddressLimiter(
  limits: AuthRateLimits,
  name: string,
  shared?: SharedLimits,
): RequestHandler {
  return limiter(limits.windowMs, limits.perIp, undefined, "from this address", shared?.store(name));
}

/**
 * Locks out guessing, not the account (OWASP Authentication Cheat Sheet, "Account Lockout"): failures are counted
 * per account and client address, and per account overall. An address that failed `perAccount` times is refused
 * for that account; once the account's failures from everywhere pass `perAccountTotal`, every address that has
 * failed for it is refused. An address with no failures for the account is never refused by this, so the owner
 * signing in from elsewhere is not locked out by a stranger. Runs after body validation (the email is normalised).
 */
export function signInLockout(limits: AuthRateLimits, shared?: SharedLimits): RequestHandler {
  // With Redis, every server process counts the same failures (a guesser gains nothing by spreading attempts).
  const failures = shared?.signInLedger(limits.windowMs) ?? new SignInFailures(limits.windowMs);
  const lockout = {
    perAccount: limits.perAccount,
    perAccountTotal: limits.perAccountTotal ?? limits.perAccount * 5,
  };
  return (req, res, next) => {
    const account = `account:${accountOf(req)}`;
    // An IPv6 client holds a whole subnet: its addresses count as one, as in the per-address limit.
    const fromHere = `${account}|address:${ipKeyGenerator(req.ip ?? "")}`;
    const now = Date.now();
    // Checked and counted in one step before the password is checked, so that guesses sent in parallel cannot
    // outrun the count.
    Promise.resolve(failures.attempt(fromHere, account, lockout, now)).then(
      (refusedUntil) => {
        if (refusedUntil !== undefined) {
          const seconds = Math.max(1, Math.ceil((refusedUntil - now) / 1000));
          res.setHeader("Retry-After", String(seconds));
          next(tooMany("to sign in to this account from this address", seconds));
          return;
        }
        res.once("finish", () => {
          if (res.statusCode === 401) return;
          // A correct password from this address ends its run of failures.
          void failures.forgive(fromHere, account, res.statusCode < 400, Date.now());
        });
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

function accountOf(req: Request): string {
  const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? email.trim().toLowerCase() : "";
}

/**
 * Limits one signed-in user's mutations per minute (0 turns it off): enough for any person, not for a script
 * flooding a room. Runs after requireUser, keyed by the user, not the address.
 */
export function userMutationLimiter(perMinute: number, shared?: SharedLimits): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return limiter(
    60_000,
    perMinute,
    (_req, res) => `user:${(res.locals.principal as { user: { id: string } }).user.id}`,
    "from your account",
    shared?.store("mutations"),
  );
}
