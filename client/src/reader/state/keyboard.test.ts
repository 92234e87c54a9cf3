// The reader's keys as commands, without a DOM.
import { describe, expect, it } from "vitest";
import { adaId, buildThread } from "../test-factories.ts";
import { commandForKey, type KeyPermissions } from "./keyboard.ts";

const threads = [1, 2, 3].map((n) => buildThread({ id: `t${n}`, anchor: { blockId: `b${n}` } }));
const member: KeyPermissions = { write: true, resolve: (thread) => thread.authorId === "me" };
const none = { activeId: null, selection: null };

describe("commandForKey", () => {
  it("j and k walk the visible threads, starting at either end and stopping at the last and first", () => {
    expect(commandForKey("j", none, threads, member)).toEqual({
      type: "open",
      threadId: "t1",
      blockId: "b1",
    });
    expect(commandForKey("k", none, threads, member)).toMatchObject({ threadId: "t3" });
    expect(commandForKey("j", { ...none, activeId: "t3" }, threads, member)).toMatchObject({
      threadId: "t3",
    });
    expect(commandForKey("k", { ...none, activeId: "t1" }, threads, member)).toMatchObject({
      threadId: "t1",
    });
    expect(commandForKey("j", none, [], member)).toBeNull();
  });

  it("with no thread open, j and k start from the block being read: the first thread at or after it, the last at or before", () => {
    const order = new Map(["b0", "b1", "b2", "b3", "b4"].map((blockId, at) => [blockId, at]));
    const spread = [1, 3].map((n) => buildThread({ id: `t${n}`, anchor: { blockId: `b${n}` } }));
    const from = (key: string, blockId: string | null) =>
      (commandForKey(key, none, spread, member, { order, blockId }) as { threadId: string }).threadId;
    expect([from("j", "b2"), from("k", "b2")]).toEqual(["t3", "t1"]);
    expect([from("j", "b3"), from("k", "b3")]).toEqual(["t3", "t3"]);
    // Past either end: the nearest thread.
    expect([from("j", "b4"), from("k", "b0"), from("j", null), from("k", null)]).toEqual([
      "t3",
      "t1",
      "t1",
      "t1",
    ]);
    // A thread open: they move from it, wherever the reader is.
    expect(
      commandForKey("j", { ...none, activeId: "t1" }, spread, member, { order, blockId: "b0" }),
    ).toMatchObject({ threadId: "t3" });
    // Detached threads (on no block of the text) come last.
    const detached = [...spread, buildThread({ id: "t9", anchor: { blockId: "gone" } })];
    expect(commandForKey("j", none, detached, member, { order, blockId: "b4" })).toMatchObject({
      threadId: "t9",
    });
    // Also one whose passage is gone from a block still in the text: listed last, it is not "at or before" b2.
    const passageGone = [
      ...spread,
      buildThread({ id: "t8", anchor: { blockId: "b0" }, anchorStatus: "detached" }),
    ];
    expect(commandForKey("k", none, passageGone, member, { order, blockId: "b2" })).toMatchObject({
      threadId: "t1",
    });
  });

  it("r replies to the open thread when the reader may write; x resolves only what they may resolve", () => {
    const active = { ...none, activeId: "t2" };
    expect(commandForKey("r", active, threads, member)).toEqual({ type: "reply", threadId: "t2" });
    expect(commandForKey("r", active, threads, { ...member, write: false })).toBeNull();
    expect(commandForKey("r", none, threads, member)).toBeNull();
    expect(commandForKey("x", active, threads, member)).toBeNull(); // Ada's thread
    const mine = threads.map((thread) => ({ ...thread, authorId: "me" }));
    expect(commandForKey("x", active, mine, member)).toEqual({
      type: "resolve",
      threadId: "t2",
      resolved: true,
    });
    const resolved = mine.map((thread) => ({ ...thread, status: "resolved" as const }));
    expect(commandForKey("x", active, resolved, member)).toMatchObject({ resolved: false });
    expect(adaId).not.toBe("me");
  });

  it("c annotates only with a selection; Escape always answers; other keys mean nothing", () => {
    const selection = { anchor: { blockId: "b1" }, top: 0, left: 0 };
    expect(commandForKey("c", none, threads, member)).toBeNull();
    expect(commandForKey("c", { ...none, selection }, threads, member)).toEqual({ type: "annotate" });
    expect(commandForKey("Escape", none, [], member)).toEqual({ type: "escape" });
    expect(commandForKey("q", none, threads, member)).toBeNull();
  });
});
