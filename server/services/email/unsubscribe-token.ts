// The signed token of an e-mail's unsubscribe link: the user's id and an HMAC-SHA256 of it and the link's purpose
// under the server's session secret, so that a link stops only its own recipient's e-mails and cannot be forged.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Binds a token to unsubscribing, so that a MAC made with the same secret for another use never passes here. */
const purpose = "scholia:notification-email:unsubscribe";
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function macOf(secret: string, userId: string): Buffer {
  return createHmac("sha256", secret).update(`${purpose}\n${userId}`).digest();
}

/** The token that lets `userId` (a lower-case UUID) turn their notification e-mails off: `<userId>.<base64url MAC>`. */
export function unsubscribeToken(secret: string, userId: string): string {
  return `${userId}.${macOf(secret, userId).toString("base64url")}`;
}

/** The user id `token` was made for, or undefined when it was not made by `unsubscribeToken` with `secret`. */
export function verifyUnsubscribeToken(secret: string, token: string): string | undefined {
  const [userId, mac, ...rest] = token.split(".");
  if (rest.length > 0 || !userId || !mac || !uuidPattern.test(userId)) return undefined;
  const given = Buffer.from(mac, "base64url");
  const expected = macOf(secret, userId);
  // Buffer.from drops characters outside base64url, so the re-encoding must match too: one token, one spelling.
  if (given.length !== expected.length || given.toString("base64url") !== mac) return undefined;
  return timingSafeEqual(given, expected) ? userId : undefined;
}
