// Who is opening a WebSocket: the origin rule and the session cookie of the handshake, read the same way for every
// realtime adapter (the y-websocket endpoints now, socket.io's handshake later).
import type { IncomingMessage } from "node:http";
import { AppError } from "../domain/app-error.ts";
import { readSessionToken } from "../http/middleware/auth.ts";
import { authenticate, type Principal } from "../services/auth/authenticate.ts";
import type { ServiceContext } from "../services/context.ts";

type Handshake = Pick<IncomingMessage, "headers">;

/**
 * Whether the handshake was started by a page on another site. Browsers send cookies with cross-site WebSocket
 * handshakes (there is no CORS for them), so such a handshake must be refused before anything else. Allowed: the
 * public URL's origin, the host the request was addressed to (a server reached by its LAN address), and no Origin
 * at all (clients other than browsers, which must still present a session).
 */
export function isForeignOrigin(req: Handshake, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  const host = req.headers.host;
  return origin !== new URL(publicUrl).origin && origin !== `http://${host}` && origin !== `https://${host}`;
}

/** The signed-in user of a handshake. Throws AppError("unauthenticated") without a live session cookie. */
export async function authenticateUpgrade(ctx: ServiceContext, req: Handshake): Promise<Principal> {
  const token = readSessionToken(req);
  const principal = token ? await authenticate(ctx, token) : undefined;
  if (!principal) throw new AppError("unauthenticated", "Sign in first.");
  return principal;
}
