// A digest of what a mutation request asks for, stored with its idempotency key so that the key cannot be reused
// for another request (another body, route, target or person).
import { createHash } from "node:crypto";
import type { Request } from "express";
import { stringify } from "safe-stable-stringify";

/**
 * sha256 (hex) of the user, the method, the route template, the path ids (lower-cased: they are UUIDs) and the
 * body as the route's schema parsed it (so spacing, key order and defaults do not make two requests differ).
 * Call it after validation has replaced `req.body`.
 */
export function requestFingerprint(req: Request, userId: string): string {
  const params = Object.fromEntries(
    Object.entries(req.params as Record<string, string>).map(([name, value]) => [name, value.toLowerCase()]),
  );
  // Only ever called from a route's handler, so Express has set the route.
  const route = String((req.route as { path: unknown }).path);
  const request = { user: userId, method: req.method, route, params, body: req.body ?? null };
  // safe-stable-stringify sorts object keys at every depth (its default), so equal values give equal text.
  return createHash("sha256").update(stringify(request)).digest("hex");
}
