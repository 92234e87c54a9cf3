// Where an imported reply goes when what it answers was not created: its nearest created ancestor, the thread at
// worst; skipped, with the right reason, only when its thread is gone or its parent is not in the file.
import { describe, expect, it } from "vitest";
import { nearestKept } from "../../../server/domain/annotations/reply-parent.ts";
import type { SourceAnnotation } from "../../../server/domain/annotations/source-annotation.ts";

const entry = (key: string, parentKey: string | null): SourceAnnotation => ({
  key,
  label: key,
  parentKey,
  body: key,
  tags: [],
  quote: null,
  author: { name: "n", email: null },
  created: null,
  modified: null,
  status: "open",
  visibility: "group",
});

// t ← r1 ← r2 ← r3 (r1 and r2 not created), and a loop x ↔ y.
const all = [
  entry("t", null),
  entry("r1", "t"),
  entry("r2", "r1"),
  entry("r3", "r2"),
  entry("x", "y"),
  entry("y", "x"),
];
const inFile = new Map(all.map((a) => [a.key, a]));

describe("nearestKept", () => {
  it("passes over ancestors not created, to the thread at worst", () => {
    const found = nearestKept(inFile.get("r3")!, {
      inFile,
      isPlaced: (key) => key === "t",
      isDropped: (key) => key === "r1" || key === "r2",
    });
    expect(found).toEqual({ parentKey: "t", passed: [inFile.get("r2"), inFile.get("r1")] });
  });

  it("waits while an ancestor is yet to be tried", () => {
    expect(nearestKept(inFile.get("r3")!, { inFile, isPlaced: () => false, isDropped: () => false })).toEqual(
      {
        wait: true,
      },
    );
  });

  it("says the thread is lost, or the parent is not in the file, or the chain loops", () => {
    const none = { inFile, isPlaced: () => false, isDropped: () => true };
    expect(nearestKept(inFile.get("r2")!, none)).toEqual({
      threadLost: inFile.get("t"),
      passed: [inFile.get("r1")],
    });
    expect(nearestKept(entry("z", "gone"), none)).toEqual({ missing: "gone", passed: [] });
    expect(nearestKept(inFile.get("x")!, none)).toMatchObject({ missing: "x" });
  });
});
