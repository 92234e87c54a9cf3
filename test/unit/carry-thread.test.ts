// What a thread record becomes when its room moves to another version of the text.
import { describe, expect, it } from "vitest";
import type { ThreadRecord } from "../../shared/room-doc.ts";
import { buildThreadRecord } from "../../bench/lib/scholia-fixture.ts";
import { anchorVersionOf, carryThread } from "../../server/domain/anchoring/carry-thread.ts";

const thread: ThreadRecord = {
  ...buildThreadRecord({
    id: "t1",
    anchor: { blockId: "b1", start: 4, end: 9, exact: "first" },
    authorId: "u1",
    authorName: "Ada",
    createdAt: "2026-03-01T10:00:00.000Z",
    body: "A thought.",
  }),
  version: 1,
};
const move = { fromVersion: 1, toVersion: 2 };

describe("carrying a thread to a new version", () => {
  it("leaves a thread that never moved and keeps its anchor exactly as it is", () => {
    expect(carryThread(thread, { status: "unchanged", anchor: { ...thread.anchor } }, move)).toBeUndefined();
  });

  it("writes the new anchor of an unchanged thread whose offsets changed, and clears an earlier move's marker", () => {
    const shifted = { ...thread.anchor, start: 5, end: 10 };
    expect(carryThread(thread, { status: "unchanged", anchor: shifted }, move)).toMatchObject({
      anchor: shifted,
      anchorStatus: "unchanged",
      anchorChange: null,
    });
    const earlier = {
      ...thread,
      anchorStatus: "moved" as const,
      anchorChange: { fromVersion: 1, toVersion: 2, previous: { blockId: "b0" } },
    };
    expect(
      carryThread(earlier, { status: "unchanged", anchor: thread.anchor }, { fromVersion: 2, toVersion: 3 }),
    ).toMatchObject({ anchorStatus: "unchanged", anchorChange: null });
  });

  it("records a moved anchor with the one before it, its score and a split", () => {
    const found = { blockId: "b9", start: 0, end: 5, exact: "first" };
    expect(carryThread(thread, { status: "moved", anchor: found, score: 0.8, split: true }, move)).toEqual({
      ...thread,
      anchor: found,
      anchorStatus: "moved",
      anchorChange: { fromVersion: 1, toVersion: 2, previous: thread.anchor, score: 0.8, split: true },
    });
  });

  it("keeps a detached thread's old anchor, and re-anchors it later from the version it was on", () => {
    const detached = carryThread(thread, { status: "detached", anchor: thread.anchor }, move)!;
    expect(detached).toMatchObject({
      anchor: thread.anchor,
      anchorStatus: "detached",
      anchorChange: { fromVersion: 1, toVersion: 2, previous: thread.anchor },
    });
    expect(detached.anchorChange).not.toHaveProperty("score");
    expect(anchorVersionOf(detached, 2)).toBe(1);
    expect(anchorVersionOf(thread, 2)).toBe(2);
  });
});
