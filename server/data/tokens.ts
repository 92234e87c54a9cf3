// Random bearer tokens (sessions, invites) and their keyed hashes, which are all the database ever stores.
import { createHmac, randomBytes } from "node:crypto";

/** A fresh 256-bit token, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** HMAC-SHA256 of a token under the server secret: a leaked database alone cannot forge a session. */
export function hashToken(token: string, secret: string): string {
  return createHmac("sha256", secret).update(token).digest("base64url");
}
