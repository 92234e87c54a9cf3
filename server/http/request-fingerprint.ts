// A digest of what a mutation request asks for, stored with its idempotency key so that the key cannot be reused
// for another request (another body, route, target or person).
import { createHash } from "node:crypto";
import type { Request } from "express";

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
  return createHash("sha256").update(canonicalJson(request)).digest("hex");
}

/** JSON with object keys sorted at every depth: equal values give equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
