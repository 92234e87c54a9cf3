// The pure parts of what server processes share: access notices as they travel, the sign-in lockout rule of the
// in-memory ledger, and a rate window checked here and reconciled with a shared count.
import { describe, expect, it } from "vitest";
import { SignInFailures } from "../../server/http/middleware/sign-in-failures.ts";
import {
  decodeAccessNotice,
  encodeAccessNotice,
  type AccessNotice,
} from "../../server/realtime/fanout/access-relay.ts";
import type { WindowCounter } from "../../server/realtime/fanout/shared-limits.ts";
import { SharedRateWindow } from "../../server/realtime/shared-rate-window.ts";

describe("access notices", () => {
  it("carry every event's arguments through JSON unchanged", () => {
    const notices: AccessNotice[] = [
      { origin: "p1", name: "session-revoked", args: ["s1"] },
      { origin: "p1", name: "membership-changed", args: [{ groupId: "g1", userId: "u1" }] },
      { origin: "p1", name: "group-settings-changed", args: ["g1"] },
      { origin: "p1", name: "room-view-changed", args: [{ roomId: "r1" }] },
      { origin: "p1", name: "room-view-changed", args: [{ roomId: "r1", userId: "u1" }] },
      { origin: "p1", name: "group-access-changed", args: ["g1"] },
      { origin: "p1", name: "sections-changed", args: ["g1"] },
      { origin: "p1", name: "changes-missed", args: [] },
    ];
    for (const notice of notices) {
      const decoded = decodeAccessNotice(encodeAccessNotice(notice));
      expect(decoded).toEqual(notice);
    }
    // "Every reader of the room" is told by the absence of userId, not by an undefined one.
    expect(decodeAccessNotice(encodeAccessNotice(notices[3]!))!.args[0]).not.toHaveProperty("userId");
  });

  it("are refused when malformed, of an unknown event or with the wrong arguments, without throwing", () => {
    for (const message of [
      "not json",
      "null",
      JSON.stringify({ origin: "p1", name: "everything-changed", args: ["g1"] }),
      JSON.stringify({ origin: "p1", name: "session-revoked", args: [] }),
      JSON.stringify({ origin: "p1", name: "membership-changed", args: ["g1"] }),
      JSON.stringify({ name: "session-revoked", args: ["s1"] }),
      JSON.stringify({ origin: "p1", name: "changes-missed", args: ["g1"] }),
    ])
      expect(decodeAccessNotice(message)).toBeUndefined();
  });
});

describe("sign-in ledger in memory", () => {
  const limits = { perAccount: 3, perAccountTotal: 5 };

  it("refuses an address after perAccount failures, until its window ends", () => {
    const ledger = new SignInFailures(60_000);
    for (let i = 0; i < 3; i += 1) expect(ledger.attempt("a|x", "a", limits, 1_000)).toBeUndefined();
    expect(ledger.attempt("a|x", "a", limits, 2_000)).toBe(61_000);
    expect(ledger.attempt("a|x", "a", limits, 61_000)).toBeUndefined();
  });

  it("refuses every address that failed once the account's total is reached, but not a new one", () => {
    const ledger = new SignInFailures(60_000);
    for (const address of ["a|1", "a|1", "a|2", "a|2", "a|3"])
      expect(ledger.attempt(address, "a", limits, 1_000)).toBeUndefined();
    expect(ledger.attempt("a|3", "a", limits, 1_500)).toBe(61_000);
    expect(ledger.attempt("a|owner", "a", limits, 1_500)).toBeUndefined();
  });

  it("takes back an attempt that did not fail, and clears the address's run on a sign-in", () => {
    const ledger = new SignInFailures(60_000);
    ledger.attempt("a|x", "a", limits, 1_000);
    ledger.attempt("a|x", "a", limits, 1_000);
    ledger.forgive("a|x", "a", false, 1_000);
    expect(ledger.count("a|x", 1_000).count).toBe(1);
    expect(ledger.count("a", 1_000).count).toBe(1);
    ledger.attempt("a|x", "a", limits, 1_000);
    ledger.forgive("a|x", "a", true, 1_000);
    expect(ledger.count("a|x", 1_000).count).toBe(0);
    expect(ledger.count("a", 1_000).count).toBe(1);
  });
});

/** A shared count answered by hand, to see what the window does before and after Redis answers. */
function manualCounter() {
  const pending: { key: string; resolve: (count: number) => void; reject: (err: Error) => void }[] = [];
  const counter: WindowCounter = {
    hit: (key) => new Promise((resolve, reject) => pending.push({ key, resolve, reject })),
  };
  return { counter, pending };
}

describe("shared rate window", () => {
  it("decides at once by the local window, then refuses once the shared count passes the limit", async () => {
    const { counter, pending } = manualCounter();
    const window = new SharedRateWindow(3, 60_000, "sync:u1", counter);
    expect(window.take(1_000)).toBe(true);
    expect(window.take(1_001)).toBe(true);
    expect(pending.map((hit) => hit.key)).toEqual(["sync:u1", "sync:u1"]);
    pending[0]!.resolve(3); // other processes took 1 already
    pending[1]!.resolve(4);
    await Promise.resolve();
    expect(window.take(1_002)).toBe(false);
    expect(window.idle(59_999)).toBe(false);
    // The shared window (fixed, 0–60 s) ends: allowed again.
    expect(window.take(60_000)).toBe(true);
  });

  it("keeps the local limit when the shared count fails, and reports the failure", async () => {
    const { counter, pending } = manualCounter();
    const errors: unknown[] = [];
    const window = new SharedRateWindow(2, 60_000, "notes:u1", counter, (err) => errors.push(err));
    expect(window.take(1_000)).toBe(true);
    pending[0]!.reject(new Error("Redis down"));
    await Promise.resolve();
    await Promise.resolve();
    expect(errors).toHaveLength(1);
    expect(window.take(1_001)).toBe(true);
    expect(window.take(1_002)).toBe(false);
    expect(window.idle(61_002)).toBe(true);
  });

  it("works alone without a shared counter", () => {
    const window = new SharedRateWindow(1, 1_000, "k");
    expect(window.take(0)).toBe(true);
    expect(window.take(10)).toBe(false);
    expect(window.take(1_000)).toBe(true);
  });
});
