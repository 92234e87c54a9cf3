// Resolves a session token from a cookie to the signed-in user.
import { findLiveSession } from "../../data/sessions.ts";
import { hashToken } from "../../data/tokens.ts";
import type { ServiceContext } from "../context.ts";

/** The signed-in user and the session that proves it. */
export interface Principal {
  sessionId: string;
  user: { id: string; email: string; displayName: string; createdAt: Date };
}

export async function authenticate(ctx: ServiceContext, token: string): Promise<Principal | undefined> {
  const session = await findLiveSession(ctx.sql, hashToken(token, ctx.sessionSecret), ctx.now());
  return session ? { sessionId: session.id, user: session.user } : undefined;
}
