// The outbox on a fake clock: how long it waits after each kind of answer, what it reports (unreachable, signed out,
// changes, why a mutation failed), and what pause, resume, abandon and destroy do to the queue.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryQueueStorage, type PendingMutation } from "../../shared/room-client/mutation-queue.ts";
import * as mutations from "../../shared/room-client/mutations.ts";
import {
  MutationRejected,
  Outbox,
  type Answer,
  type OutboxOptions,
} from "../../shared/room-client/outbox.ts";

/** A body `json()` cannot parse (an HTML error page from a proxy). */
const notJson = Symbol("not JSON");

/** One answer of the scripted server: a status (with Retry-After or a body), no answer, or none until aborted. */
type Reply = number | "network" | "hang" | { status: number; retryAfter?: string; body?: unknown };

/** A server that answers each key from its script (the last reply repeats) and records when each key was sent. */
function scriptedServer(scripts: Map<string, Reply[]>) {
  const sends: { key: string; at: number }[] = [];
  const send = (item: PendingMutation, signal: AbortSignal): Promise<Answer> => {
    sends.push({ key: item.key, at: Date.now() });
    const script = scripts.get(item.key) ?? [200];
    const reply = script.length > 1 ? script.shift()! : script[0]!;
    if (reply === "network") return Promise.reject(new TypeError("fetch failed"));
    if (reply === "hang")
      return new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));
    const { status, retryAfter, body } = typeof reply === "number" ? { status: reply } : reply;
    const defaultBody =
      status < 300 ? { ok: true } : { error: { code: `code_${status}`, message: `Refused with ${status}.` } };
    return Promise.resolve({
      status,
      headers: { get: (name) => (name.toLowerCase() === "retry-after" ? (retryAfter ?? null) : null) },
      json: () =>
        body === notJson
          ? Promise.reject(new SyntaxError("Unexpected token <"))
          : Promise.resolve(body ?? defaultBody),
    });
  };
  return { send, sends };
}

/** An outbox over `scripts` with a 1 s base delay and no jitter (so every wait is exact), counting its changes. */
function outboxOver(scripts: Map<string, Reply[]>, options: Partial<OutboxOptions> = {}) {
  const server = scriptedServer(scripts);
  const storage = new MemoryQueueStorage();
  let changes = 0;
  const outbox = new Outbox({
    storage,
    send: server.send,
    policy: { maxAttempts: 3, baseDelayMs: 1_000 },
    random: () => 0,
    onChange: () => void (changes += 1),
    ...options,
  });
  return { outbox, storage, sends: server.sends, changes: () => changes };
}

const edit = (id: string) => mutations.editThread(id, { body: id });
const newThread = () =>
  mutations.createThread({ anchor: { blockId: "b1" }, body: "T", tags: [], visibility: "group" });

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => void vi.useRealTimers());

describe("waiting before the next try", () => {
  it("no answer marks the outbox unreachable and waits a backoff that doubles while it lasts; an answer clears it", async () => {
    const draft = edit("a");
    const { outbox, sends } = outboxOver(new Map([[draft.key, ["network", "network", "network", 200]]]));
    expect([outbox.unreachable, outbox.signedOut]).toEqual([false, false]); // nothing tried yet
    const done = outbox.enqueue(draft);
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.unreachable).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(done).resolves.toEqual({ ok: true });
    expect(sends.map((send) => send.at)).toEqual([0, 500, 1_500, 3_500]);
    expect(outbox.unreachable).toBe(false);
    outbox.destroy();
  });

  it("a server error waits its own backoff, doubling with each further error, before the mutation is sent again", async () => {
    const draft = edit("a");
    const { outbox, sends } = outboxOver(new Map([[draft.key, [500, 500, 200]]]));
    const done = outbox.enqueue(draft);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(done).resolves.toEqual({ ok: true });
    expect(sends.map((send) => send.at)).toEqual([0, 500, 1_500]);
    expect(outbox.unreachable).toBe(false);
    outbox.destroy();
  });

  it("a 401 shows the session ended and keeps the mutation however often it comes, backing off; a success clears it", async () => {
    const draft = edit("a");
    const { outbox, sends } = outboxOver(new Map([[draft.key, [401, 401, 401, 200]]]), {
      policy: { maxAttempts: 2, baseDelayMs: 1_000 },
    });
    const done = outbox.enqueue(draft);
    await vi.advanceTimersByTimeAsync(0);
    expect([outbox.signedOut, outbox.failures()]).toEqual([true, []]);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(done).resolves.toEqual({ ok: true });
    expect(sends.map((send) => send.at)).toEqual([0, 500, 1_500, 3_500]);
    expect(outbox.signedOut).toBe(false);
    outbox.destroy();
  });

  it.each([
    { retryAfter: "20", random: 0.5, maxRetryAfterMs: 300_000, resentAt: 20_501 },
    { retryAfter: "3600", random: 0, maxRetryAfterMs: 60_000, resentAt: 60_001 },
  ])(
    "Retry-After $retryAfter s is honoured up to the cap, plus a jitter of up to one base delay (random $random)",
    async ({ retryAfter, random, maxRetryAfterMs, resentAt }) => {
      const draft = edit("a");
      const { outbox, sends } = outboxOver(new Map([[draft.key, [{ status: 429, retryAfter }, 200]]]), {
        policy: { maxAttempts: 3, baseDelayMs: 1_000, maxRetryAfterMs },
        random: () => random,
      });
      const done = outbox.enqueue(draft);
      await vi.advanceTimersByTimeAsync(resentAt - 1);
      expect(sends).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(done).resolves.toEqual({ ok: true });
      expect(sends.map((send) => send.at)).toEqual([0, resentAt]);
      outbox.destroy();
    },
  );

  it("a mutation that waits less is sent when its own wait ends, not when a longer one queued earlier ends", async () => {
    const slow = edit("a");
    const quick = edit("b");
    const { outbox, sends } = outboxOver(
      new Map<string, Reply[]>([
        [slow.key, [500, 500, 200]],
        [quick.key, [500, 200]],
      ]),
    );
    const done = [outbox.enqueue(slow)];
    await vi.advanceTimersByTimeAsync(600); // the slow one failed twice: its next try is at 1 500
    done.push(outbox.enqueue(quick)); // fails at 600, its next try is at 1 100
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(Promise.all(done)).resolves.toHaveLength(2);
    expect(sends.map((send) => [send.key === slow.key ? "slow" : "quick", send.at])).toEqual([
      ["slow", 0],
      ["slow", 500],
      ["quick", 600],
      ["quick", 1_100],
      ["slow", 1_500],
    ]);
    outbox.destroy();
  });

  it("a 503 counts against a mutation once others got through since its last 503, even if others got through before", async () => {
    const before = mutations.react("thread-b", "👍", true);
    const stuck = edit("a");
    const after = mutations.react("thread-b", "🎉", true);
    const { outbox } = outboxOver(
      new Map<string, Reply[]>([[stuck.key, [{ status: 503, retryAfter: "1" }]]]),
      {
        policy: { maxAttempts: 2, baseDelayMs: 1_000 },
      },
    );
    const landed = outbox.enqueue(before);
    await vi.advanceTimersByTimeAsync(0);
    const failed = outbox.enqueue(stuck);
    failed.catch(() => undefined);
    const landedToo = outbox.enqueue(after);
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(Promise.all([landed, landedToo])).resolves.toHaveLength(2);
    await expect(failed).rejects.toMatchObject({ status: 503 });
    outbox.destroy();
  });

  it("once everything is sent no timer is left running (a request's timeout included)", async () => {
    const { outbox } = outboxOver(new Map());
    await outbox.enqueue(edit("a"));
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    outbox.destroy();
  });
});

describe("pause, resume, abandon, destroy", () => {
  it("resuming after no answer sends at once rather than after the backoff, and clears unreachable at once", async () => {
    const draft = edit("a");
    const { outbox, sends } = outboxOver(new Map([[draft.key, ["network", 200]]]), {
      policy: { baseDelayMs: 10_000 },
    });
    const done = outbox.enqueue(draft);
    await vi.advanceTimersByTimeAsync(0);
    expect([sends.length, outbox.unreachable]).toEqual([1, true]);
    outbox.resume();
    expect(outbox.unreachable).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    await expect(done).resolves.toEqual({ ok: true });
    expect(sends.map((send) => send.at)).toEqual([0, 0]);
    outbox.destroy();
  });

  it.each([429, 503])(
    "resuming does not cut short the wait a %i with Retry-After asked for",
    async (status) => {
      const told = edit("a");
      const other = edit("b");
      const { outbox, sends } = outboxOver(new Map([[told.key, [{ status, retryAfter: "20" }, 200]]]));
      const done = [outbox.enqueue(told)];
      await vi.advanceTimersByTimeAsync(0);
      done.push(outbox.enqueue(other)); // the wait holds every mutation, not only the one it was answered to
      outbox.resume();
      await vi.advanceTimersByTimeAsync(19_000);
      expect(sends).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(2_000);
      await expect(Promise.all(done)).resolves.toHaveLength(2);
      expect(sends.map((send) => [send.key, send.at])).toEqual([
        [told.key, 0],
        [other.key, 20_000],
        [told.key, 20_001],
      ]);
      outbox.destroy();
    },
  );

  it("abandoning a request that hangs sends it again after a backoff, same key", async () => {
    const draft = edit("a");
    const { outbox, sends } = outboxOver(new Map([[draft.key, ["hang", 200]]]));
    const done = outbox.enqueue(draft);
    await vi.advanceTimersByTimeAsync(10);
    outbox.abandonInFlight();
    await vi.advanceTimersByTimeAsync(500);
    await expect(done).resolves.toEqual({ ok: true });
    expect(sends).toEqual([
      { key: draft.key, at: 0 },
      { key: draft.key, at: 510 },
    ]);
    outbox.destroy();
  });

  it("pausing, abandoning and resuming with nothing to do is harmless and reports no change", async () => {
    const { outbox, changes } = outboxOver(new Map());
    await vi.advanceTimersByTimeAsync(0);
    const before = changes();
    outbox.pause();
    outbox.abandonInFlight();
    outbox.resume();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(changes()).toBe(before);
    outbox.destroy();
  });

  it("a destroyed outbox sends nothing more, reports nothing more, leaves no timer, and its queue stays stored", async () => {
    const draft = edit("a");
    const { outbox, sends, storage, changes } = outboxOver(new Map([[draft.key, ["hang", 200]]]));
    void outbox.enqueue(draft);
    await vi.advanceTimersByTimeAsync(10);
    outbox.destroy();
    const before = changes();
    outbox.resume();
    await vi.advanceTimersByTimeAsync(600_000);
    expect([sends.length, changes(), vi.getTimerCount()]).toEqual([1, before, 0]);
    expect(storage.load().map((item) => item.key)).toEqual([draft.key]);
  });

  it("a failed mutation is not counted as pending, and retrying it stores it as pending again", async () => {
    const refused = edit("a");
    const { outbox, storage, sends } = outboxOver(new Map([[refused.key, [400, 200]]]));
    await expect(outbox.enqueue(refused)).rejects.toBeInstanceOf(MutationRejected);
    outbox.pause();
    void outbox.enqueue(edit("b"));
    void outbox.enqueue(edit("c"));
    await vi.advanceTimersByTimeAsync(1_000);
    expect([outbox.items().length, outbox.pendingCount()]).toEqual([3, 2]);
    expect(outbox.failures().map((item) => item.key)).toEqual([refused.key]);
    expect(outbox.retry(refused.key)).toBe(true);
    expect(outbox.pendingCount()).toBe(3);
    // A reload now would send it again rather than show it failed.
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.load().map((item) => [item.key, item.failure])).toEqual(
      outbox.items().map((item) => [item.key, undefined]),
    );
    expect(sends).toHaveLength(1);
    outbox.destroy();
  });
});

describe("what a failure reports", () => {
  const failedWith = async (status: number, body: unknown) => {
    const draft = edit("a");
    const { outbox } = outboxOver(new Map([[draft.key, [{ status, body }]]]), {
      policy: { maxAttempts: 1 },
    });
    const error: unknown = await outbox.enqueue(draft).catch((rejection: unknown) => rejection);
    outbox.destroy();
    return error;
  };

  it.each([
    { body: notJson, code: "error", reason: "The server answered 400." },
    { body: {}, code: "error", reason: "The server answered 400." },
    { body: { error: { code: 42, message: 42 } }, code: "error", reason: "The server answered 400." },
    { body: { error: { code: "gone", message: "" } }, code: "gone", reason: "The server answered 400." },
    { body: { error: { code: "too_long", message: "Too long." } }, code: "too_long", reason: "Too long." },
  ])(
    "a refusal with body $body fails with code $code and reason '$reason'",
    async ({ body, code, reason }) => {
      const error = await failedWith(400, body);
      expect(error).toBeInstanceOf(MutationRejected);
      expect(error).toMatchObject({ name: "MutationRejected", status: 400, code, message: reason });
      expect((error as MutationRejected).failure).toMatchObject({ status: 400, code, reason });
    },
  );

  it("the last server error fails with the status it answered when its body says nothing", async () => {
    expect(await failedWith(500, notJson)).toMatchObject({
      status: 500,
      message: "The server answered 500.",
    });
  });

  it("the last change reported already shows the dependants of a refused creation as failed", async () => {
    const thread = newThread();
    const reply = mutations.reply(thread.key, "R", null);
    const failuresSeen: number[] = [];
    const { outbox } = outboxOver(new Map([[thread.key, [400]]]), {
      onChange: () => void failuresSeen.push(outbox.failures().length),
    });
    const settled = Promise.allSettled([outbox.enqueue(thread), outbox.enqueue(reply)]);
    await vi.advanceTimersByTimeAsync(0);
    await settled;
    await vi.advanceTimersByTimeAsync(0);
    expect(failuresSeen.at(-1)).toBe(2);
    outbox.destroy();
  });
});

describe("loading the stored queue", () => {
  it("a refused mutation from an earlier session is marked failed, and the ones stored after it are still sent", async () => {
    const storage = new MemoryQueueStorage();
    const [refused, fine] = [edit("a"), edit("b")].map((draft) => ({
      v: 2 as const,
      ...draft,
      createdAt: "2026-11-26T12:00:00.000Z",
    }));
    storage.add(refused!);
    storage.add(fine!);
    const { outbox, sends } = outboxOver(new Map([[refused!.key, [404]]]), { storage });
    await vi.advanceTimersByTimeAsync(0);
    expect(sends.map((send) => send.key)).toEqual([refused!.key, fine!.key]);
    expect(outbox.failures().map((item) => [item.key, item.failure.status])).toEqual([[refused!.key, 404]]);
    expect(storage.load().map((item) => [item.key, item.failure?.status])).toEqual([[refused!.key, 404]]);
    outbox.destroy();
  });

  it("an unreadable store starts an empty queue, and what is made now is still sent", async () => {
    const draft = edit("a");
    const memory = new MemoryQueueStorage();
    const storage = {
      load: (): PendingMutation[] => {
        throw new Error("SecurityError: storage is disabled");
      },
      add: (item: PendingMutation) => memory.add(item),
      update: (item: PendingMutation) => memory.update(item),
      remove: (key: string) => memory.remove(key),
    };
    const { outbox, sends } = outboxOver(new Map(), { storage });
    const done = outbox.enqueue(draft);
    await vi.advanceTimersByTimeAsync(0);
    await expect(done).resolves.toEqual({ ok: true });
    expect([sends.map((send) => send.key), outbox.items()]).toEqual([[draft.key], []]);
    outbox.destroy();
  });

  it("a mutation queued again while the stored queue loads is one mutation (same key): sent once", async () => {
    const draft = edit("a");
    const memory = new MemoryQueueStorage();
    memory.add({ v: 2, ...draft, createdAt: "2026-11-26T12:00:00.000Z" });
    let release = () => undefined as void;
    const loaded = new Promise<void>((resolve) => (release = resolve));
    const storage = {
      load: async () => {
        await loaded;
        return memory.load();
      },
      add: (item: PendingMutation) => memory.add(item),
      update: (item: PendingMutation) => memory.update(item),
      remove: (key: string) => memory.remove(key),
    };
    const { outbox, sends } = outboxOver(new Map(), { storage });
    const done = outbox.enqueue(draft);
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(done).resolves.toEqual({ ok: true });
    expect(sends.map((send) => send.key)).toEqual([draft.key]);
    expect([outbox.items(), memory.load()]).toEqual([[], []]);
    outbox.destroy();
  });
});
