// Resolves a session token from a cookie to the signed-in user.
import { findLiveSession } from "../../data/sessions.ts";
import { hashToken } from "../../data/tokens.ts";
import type { ServiceContext } from "../context.ts";

/** The signed-in user and the session that proves it. */
export interface Principal {
  sessionId: string;
  /** When the session ends (live connections opened with it are closed then). */
  expiresAt: Date;
  user: { id: string; email: string; displayName: string; createdAt: Date };
}

export async function authenticate(ctx: ServiceContext, token: string): Promise<Principal | undefined> {
  const tokenHash = hashToken(token, ctx.sessionSecret);
  const now = ctx.now().getTime();
  const cache = ctx.accessCache.sessions;
  const cached = cache.get(tokenHash, now);
  if (cached) return cached;
  const epoch = cache.epoch;
  const session = await findLiveSession(ctx.db, tokenHash, new Date(now));
  if (!session) return undefined;
  const principal: Principal = { sessionId: session.id, expiresAt: session.expiresAt, user: session.user };
  cache.set(tokenHash, principal, epoch, now, session.expiresAt.getTime());
  return principal;
}
