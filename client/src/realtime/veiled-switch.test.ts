// The reader's replica follows the server between the room's document and the veiled view, never mixing the two.
import { describe, expect, it } from "vitest";
import { closeCode } from "../../../shared/sync-protocol.ts";
import { needsFreshReplica, replicaMoveOnClose } from "./veiled-switch.ts";

describe("replicaMoveOnClose", () => {
  it("goes to the veiled view when the room's document is refused, and back when the room opens", () => {
    expect(replicaMoveOnClose(closeCode.hiddenUntilPosted, false)).toBe("veiled");
    expect(replicaMoveOnClose(closeCode.roomOpened, true)).toBe("group");
  });

  it("otherwise stays where it is", () => {
    expect(replicaMoveOnClose(closeCode.accessChanged, true)).toBe("stay");
    expect(replicaMoveOnClose(null, true)).toBe("stay");
    expect(replicaMoveOnClose(closeCode.accessChanged, false)).toBe("stay");
    expect(replicaMoveOnClose(closeCode.roomOpened, false)).toBe("stay");
    expect(replicaMoveOnClose(closeCode.hiddenUntilPosted, true)).toBe("stay");
  });
});

describe("needsFreshReplica", () => {
  it("only for a veiled view that already synced", () => {
    expect(needsFreshReplica({ veiled: true, synced: true })).toBe(true);
    expect(needsFreshReplica({ veiled: true, synced: false })).toBe(false);
    expect(needsFreshReplica({ veiled: false, synced: true })).toBe(false);
  });
});
