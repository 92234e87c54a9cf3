// The queue's ordering rules over explicit queues: what a mutation concerns, when the next backoff ends, what fails
// with a failed creation and what is retried with it.
import { describe, expect, it } from "vitest";
import {
  dependentFailures,
  idsOf,
  nextRetryAt,
  retryGroup,
  type QueueEntry,
} from "../../shared/room-client/mutation-order.ts";
import type { MutationFailure, PendingMutation } from "../../shared/room-client/mutation-queue.ts";
import * as mutations from "../../shared/room-client/mutations.ts";

const at = "2026-11-30T05:00:00.000Z";
const pending = (draft: ReturnType<typeof mutations.reply>): PendingMutation => ({
  v: 2,
  ...draft,
  createdAt: at,
});
const entry = (item: PendingMutation, retryAt = 0): QueueEntry => ({ item, attempts: 0, retryAt });
const failed = (item: PendingMutation, dependsOn?: string): PendingMutation => {
  const failure: MutationFailure = { status: 400, code: "bad", reason: "Refused.", failedAt: at, dependsOn };
  return { ...item, failure };
};

describe("idsOf", () => {
  it("a reply concerns itself, its thread and the reply it answers; other mutations only their target", () => {
    const nested = pending(mutations.reply("thread-1", "R", "reply-0"));
    expect(idsOf(nested)).toEqual([nested.key, "thread-1", "reply-0"]);
    const top = pending(mutations.reply("thread-1", "R", null));
    expect(idsOf(top)).toEqual([top.key, "thread-1"]);
    expect(idsOf(pending(mutations.editThread("thread-1", { body: "x" })))).toEqual(["thread-1"]);
    // A reaction's path is not a reply's path, even if a body carried a parentId.
    const reaction = pending(mutations.react("reply-0", "👍", true));
    expect(idsOf({ ...reaction, body: { parentId: "other" } })).toEqual(["reply-0"]);
    expect(idsOf({ ...pending(mutations.editComment("reply-0", "x")), path: "/threads/t/comments" })).toEqual(
      ["reply-0"],
    );
  });
});

describe("nextRetryAt", () => {
  it("is the earliest backoff still running among mutations not failed, or undefined", () => {
    const edit = (i: number) => pending(mutations.editThread(`thread-${i}`, { body: "x" }));
    expect(nextRetryAt([entry(edit(1), 500), entry(edit(2), 300), entry(edit(3), 900)], 100)).toBe(300);
    expect(nextRetryAt([entry(failed(edit(1)), 200), entry(edit(2), 400)], 100)).toBe(400);
    expect(nextRetryAt([entry(edit(1), 100), entry(edit(2), 50)], 100)).toBeUndefined();
    expect(nextRetryAt([], 100)).toBeUndefined();
  });
});

describe("dependentFailures and retryGroup", () => {
  it("names what each dependent needed, and retries one chain without the other", () => {
    const thread = pending(
      mutations.createThread({ anchor: { blockId: "b" }, body: "T", tags: [], visibility: "group" }),
    );
    const reply = pending(mutations.reply(thread.key, "R", null));
    const edit = pending(mutations.editComment(reply.key, "E"));
    const otherThread = pending(
      mutations.createThread({ anchor: { blockId: "b" }, body: "U", tags: [], visibility: "group" }),
    );
    const otherReply = pending(mutations.reply(otherThread.key, "S", null));
    const entries = [failed(thread), reply, edit, failed(otherThread), otherReply].map((item) => entry(item));
    const dependents = dependentFailures(entries, at);
    expect(
      dependents.map(({ entry: e, failure }) => [e.item.key, failure.dependsOn, failure.reason]),
    ).toEqual([
      [reply.key, thread.key, "Depends on a new thread, not saved: Refused."],
      // A chain names its first link, the creation the user can act on.
      [edit.key, reply.key, "Depends on a new thread, not saved: Refused."],
      [otherReply.key, otherThread.key, "Depends on a new thread, not saved: Refused."],
    ]);
    for (const { entry: e, failure } of dependents) e.item = { ...e.item, failure };
    expect(retryGroup(entries, edit.key).map((e) => e.item.key)).toEqual([thread.key, reply.key, edit.key]);
    expect(retryGroup(entries, otherReply.key).map((e) => e.item.key)).toEqual([
      otherThread.key,
      otherReply.key,
    ]);
  });

  it("describes a failed reply that others depended on", () => {
    const parent = pending(mutations.reply("thread-1", "R", null));
    const nested = pending(mutations.reply("thread-1", "N", parent.key));
    const [dependent] = dependentFailures([entry(failed(parent)), entry(nested)], at);
    expect(dependent?.failure.reason).toBe("Depends on a new reply, not saved: Refused.");
  });

  it("retries nothing for a mutation that has not failed", () => {
    const reply = pending(mutations.reply("thread-1", "R", null));
    expect(retryGroup([entry(reply)], reply.key)).toEqual([]);
    expect(retryGroup([entry(reply)], "not-queued")).toEqual([]);
  });

  it("retries a dependent alone when what it depended on is no longer queued", () => {
    const reply = failed(pending(mutations.reply("thread-1", "R", null)), "gone");
    expect(retryGroup([entry(reply)], reply.key).map((e) => e.item.key)).toEqual([reply.key]);
  });
});
