// An idempotency fingerprint names a request: equal for the same request however it was spelled, different as soon
// as the person, method, route, target or parsed body differs.
import { isDeepStrictEqual } from "node:util";
import type { Request } from "express";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestFingerprint } from "../../server/http/request-fingerprint.ts";

const threadId = "0b6f4f8e-3c55-4d5e-9a8e-1f2a3b4c5d6e";

function request(
  overrides: Partial<{ method: string; route: string; params: Record<string, string>; body: unknown }> = {},
) {
  const { method = "PATCH", route = "/api/rooms/:roomId/threads/:threadId", body } = overrides;
  const params = overrides.params ?? { roomId: "room-1", threadId };
  return { method, route: { path: route }, params, body } as unknown as Request;
}

const fingerprint = (overrides: Parameters<typeof request>[0] = {}, user = "user-1") =>
  requestFingerprint(request({ body: { body: "Hello", tags: ["a", "b"] }, ...overrides }), user);

describe("a request's fingerprint", () => {
  it("is a sha256 digest in hex", () => {
    expect(fingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the same for the same request, whatever the order of the body's keys at any depth", () => {
    const one = fingerprint({ body: { body: "Hi", anchor: { blockId: "b1", start: 1, end: 4 }, tags: [] } });
    const other = fingerprint({
      body: { tags: [], anchor: { end: 4, start: 1, blockId: "b1" }, body: "Hi" },
    });
    expect(other).toBe(one);
  });

  it("property: the same for any order of the body's keys, at any depth", () => {
    const body = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 6 }),
      fc.oneof(fc.integer(), fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.integer())),
      { minKeys: 2, maxKeys: 8 },
    );
    /** The same value with its keys, at every depth, inserted in another order. */
    const reordered = (value: unknown, order: number): unknown => {
      if (!value || typeof value !== "object") return value;
      const entries = Object.entries(value);
      const rotated = [...entries.slice(order % entries.length), ...entries.slice(0, order % entries.length)];
      return Object.fromEntries(rotated.reverse().map(([key, inner]) => [key, reordered(inner, order)]));
    };
    fc.assert(
      fc.property(body, fc.nat(), (value, order) => {
        expect(fingerprint({ body: reordered(value, order) })).toBe(fingerprint({ body: value }));
      }),
    );
  });

  it("is the same whatever the case of the ids in the path, which are UUIDs", () => {
    expect(fingerprint({ params: { roomId: "room-1", threadId: threadId.toUpperCase() } })).toBe(
      fingerprint(),
    );
  });

  it("treats a request without a body like one with a null body", () => {
    expect(fingerprint({ body: undefined })).toBe(fingerprint({ body: null }));
  });

  it("differs when the person, method, route, a path id or the body differs", () => {
    const base = fingerprint();
    const variants = {
      person: fingerprint({}, "user-2"),
      method: fingerprint({ method: "DELETE" }),
      route: fingerprint({ route: "/api/rooms/:roomId/threads/:threadId/hide" }),
      pathId: fingerprint({ params: { roomId: "room-2", threadId } }),
      bodyValue: fingerprint({ body: { body: "Hello!", tags: ["a", "b"] } }),
      tagOrder: fingerprint({ body: { body: "Hello", tags: ["b", "a"] } }),
      noBody: fingerprint({ body: null }),
    };
    for (const [what, value] of Object.entries(variants))
      expect({ what, same: value === base }).toEqual({ what, same: false });
  });

  it("keeps the digest of a known request, so that a key stored before a release still matches its retry after it", () => {
    // Pinned: the digest is stored with the idempotency key, so changing how a request is serialized (or how the
    // path ids are normalised) would turn in-flight retries into "key reused for another request".
    const known = request({
      params: {
        roomId: "0B6F4F8E-3C55-4D5E-9A8E-1F2A3B4C5D6E",
        threadId: "1c7e5a9f-4d66-4e6f-8b9f-2a3b4c5d6e7f",
      },
      body: { body: "Hello", tags: ["a", "b"], anchor: { start: 1, end: 4, blockId: "b1" } },
    });
    expect(requestFingerprint(known, "user-1")).toBe(
      "a9f040836efcd894aacb4646f025dec4d10e30bd2ced8b4434b00de6fdefc1ca",
    );
  });

  it("property: differs as soon as the person, method, route, a path id or the body differs", () => {
    const text = fc.string({ minLength: 1, maxLength: 8 });
    const parts = fc.record({ user: text, method: text, route: text, id: text, body: fc.jsonValue() });
    fc.assert(
      fc.property(parts, parts, (one, other) => {
        const digest = (p: typeof one) =>
          requestFingerprint(
            request({ method: p.method, route: p.route, params: { threadId: p.id }, body: p.body }),
            p.user,
          );
        const sameRequest =
          one.user === other.user &&
          one.method === other.method &&
          one.route === other.route &&
          one.id.toLowerCase() === other.id.toLowerCase() &&
          // Equal as JSON whatever the key order (a round trip also reads -0 as 0, as JSON does).
          isDeepStrictEqual(JSON.parse(JSON.stringify(one.body)), JSON.parse(JSON.stringify(other.body)));
        fc.pre(!sameRequest);
        expect(digest(one)).not.toBe(digest(other));
      }),
    );
  });
});
