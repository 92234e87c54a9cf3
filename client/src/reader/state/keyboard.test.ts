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
