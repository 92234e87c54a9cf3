// Opens a session for a user: a random token for the cookie, only its hash in the database.
import { insertSession } from "../../data/sessions.ts";
import { generateToken, hashToken } from "../../data/tokens.ts";
import type { ServiceContext } from "../context.ts";

export interface ClientInfo {
  userAgent: string | undefined;
  ip: string | undefined;
}

/** A new session's token (to send once, in the cookie) and its expiry. */
export interface StartedSession {
  token: string;
  expiresAt: Date;
}

export async function startSession(
  ctx: ServiceContext,
  userId: string,
  client: ClientInfo,
): Promise<StartedSession> {
  const token = generateToken();
  const expiresAt = new Date(ctx.now().getTime() + ctx.sessionTtlMs);
  await insertSession(ctx.db, {
    tokenHash: hashToken(token, ctx.sessionSecret),
    userId,
    expiresAt,
    userAgent: client.userAgent,
    ip: client.ip,
  });
  return { token, expiresAt };
}
