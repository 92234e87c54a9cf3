// Reads the session cookie into res.locals.principal, and guards routes that need a signed-in user.
import type { IncomingMessage } from "node:http";
import type { RequestHandler, Response } from "express";
import { parse as parseCookies } from "cookie";
import { AppError } from "../../domain/app-error.ts";
import { authenticate, type Principal } from "../../services/auth/authenticate.ts";
import type { ServiceContext } from "../../services/context.ts";

export const sessionCookieName = "scholia_session";

/** The session token sent by the browser, if any (an HTTP request or a WebSocket handshake). */
export function readSessionToken(req: Pick<IncomingMessage, "headers">): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const token = parseCookies(header)[sessionCookieName];
  return token && token.length <= 128 ? token : undefined;
}

/** Requires a live session; 401 otherwise. */
export function requireUser(ctx: ServiceContext): RequestHandler {
  return async (req, res, next) => {
    const token = readSessionToken(req);
    const principal = token ? await authenticate(ctx, token) : undefined;
    if (!principal) throw new AppError("unauthenticated", "Sign in to continue.");
    res.locals.principal = principal;
    next();
  };
}

/** The principal set by requireUser. */
export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}
