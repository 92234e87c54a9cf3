// Revokes the current session on the server, so a copied cookie stops working too.
import { revokeSession } from "../../data/sessions.ts";
import type { ServiceContext } from "../context.ts";

export async function logOut(ctx: ServiceContext, sessionId: string): Promise<void> {
  await revokeSession(ctx.db, sessionId, ctx.now());
  ctx.access.emit("session-revoked", sessionId);
}
