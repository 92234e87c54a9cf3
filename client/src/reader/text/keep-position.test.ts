// Keeping the reader's place across a version switch: which block of the new text stands for the one being read.
import { describe, expect, it } from "vitest";
import { blockToKeep, type MovedThread } from "./keep-position.ts";

const oldIds = ["t", "a", "b", "c", "d"];

describe("blockToKeep", () => {
  it("keeps the block being read when the new text has it", () => {
    expect(blockToKeep("b", oldIds, ["t", "a", "x", "b", "c", "d"], [])).toBe("b");
  });

  it("follows a thread that moved from the block being read to its new block", () => {
    const moved: MovedThread = {
      anchor: { blockId: "b2" },
      anchorStatus: "moved",
      anchorChange: { fromVersion: 1, toVersion: 2, previous: { blockId: "b" } },
    };
    const detached: MovedThread = {
      anchor: { blockId: "b" },
      anchorStatus: "detached",
      anchorChange: { fromVersion: 1, toVersion: 2, previous: { blockId: "b" } },
    };
    const later: MovedThread = { ...moved, anchor: { blockId: "b3" } };
    expect(blockToKeep("b", oldIds, ["t", "a", "b2", "b3", "c", "d"], [detached, later, moved])).toBe("b2");
  });

  it("else holds the nearest block the new text kept, the one before first", () => {
    expect(blockToKeep("b", oldIds, ["t", "a", "n", "c", "d"], [])).toBe("a");
    expect(blockToKeep("b", oldIds, ["t", "n", "c", "d"], [])).toBe("c");
    expect(blockToKeep("b", oldIds, ["t", "n", "d"], [])).toBe("t");
    expect(blockToKeep("b", oldIds, ["n"], [])).toBeNull();
  });
});
