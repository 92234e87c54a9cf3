// The room bus's wire form: every notice survives the trip, and bytes that are not one are refused, never misread.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roomScopes } from "../../shared/room-doc.ts";
import { decodeNotice, encodeNotice, encodeResync } from "../../server/realtime/fanout/redis-room-bus.ts";
import type { BusNotice } from "../../server/services/room-store/room-bus.ts";

const update = fc.uint8Array({ maxLength: 64 }).map((bytes) => new Uint8Array(bytes));
const notice: fc.Arbitrary<BusNotice> = fc.oneof(
  fc.record({
    kind: fc.constant("room" as const),
    roomId: fc.uuid(),
    scope: fc.constantFrom(...roomScopes),
    seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    update,
  }),
  fc.record({ kind: fc.constant("notes" as const), roomId: fc.uuid(), userId: fc.uuid(), update }),
);

describe("room bus notices", () => {
  it("decode what was encoded, origin included", () => {
    fc.assert(
      fc.property(fc.uuid(), notice, (origin, sent) => {
        expect(decodeNotice(encodeNotice(origin, sent))).toEqual({ origin, notice: sent });
      }),
    );
  });

  it("tell a resync request from a notice", () => {
    fc.assert(
      fc.property(fc.uuid(), (origin) => {
        expect(decodeNotice(encodeResync(origin))).toEqual({ origin, resync: true });
      }),
    );
  });

  it("refuse an unknown scope or kind, and cut-off messages", () => {
    const room: BusNotice = {
      kind: "room",
      roomId: "r",
      scope: "group",
      seq: 3,
      update: new Uint8Array([1, 2]),
    };
    const bytes = encodeNotice("o", room);
    expect(() => decodeNotice(encodeNotice("o", { ...room, scope: "everyone" as never }))).toThrow(/scope/);
    const badKind = Uint8Array.from(bytes);
    badKind[2] = 7; // the kind follows the one-byte origin "o" and its length
    expect(() => decodeNotice(badKind)).toThrow(/kind/);
    for (let cut = 0; cut < bytes.length; cut += 1)
      expect(() => decodeNotice(bytes.subarray(0, cut))).toThrow();
  });
});
