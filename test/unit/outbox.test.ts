// The mutation outbox over a scripted server: a mutation that cannot succeed fails with what depends on it, and
// everything else still goes through, in order per thread and reply, each key sent until its one success.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { idsOf } from "../../shared/room-client/mutation-order.ts";
import { MemoryQueueStorage, type PendingMutation } from "../../shared/room-client/mutation-queue.ts";
import * as mutations from "../../shared/room-client/mutations.ts";
import type { MutationRejected } from "../../shared/room-client/outbox.ts";
import { Outbox, type Answer } from "../../shared/room-client/outbox.ts";
import type { RetryPolicy } from "../../shared/room-client/retry-policy.ts";

/** One answer of the scripted server: a status, or no answer at all. */
type Reply = number | "network";

const policy: Partial<RetryPolicy> = { maxAttempts: 3, baseDelayMs: 0, maxRetryAfterMs: 0 };

function answer(status: number, headers: Record<string, string> = {}): Answer {
  return {
    status,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    json: async () =>
      status < 300 ? { ok: true } : { error: { code: `code_${status}`, message: `Refused with ${status}.` } },
  };
}

/**
 * A server that answers each key from its script (the last reply repeats), and records every send. It fails the
 * test if a key is sent while in flight, or again after it succeeded.
 */
function scriptedServer(scripts: Map<string, Reply[]>) {
  const sends: { key: string; reply: Reply }[] = [];
  const succeeded = new Set<string>();
  let inFlight = 0;
  const send = async (item: PendingMutation): Promise<Answer> => {
    expect(inFlight, "one request at a time").toBe(0);
    expect(succeeded.has(item.key), `${item.key} sent again after it succeeded`).toBe(false);
    inFlight += 1;
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    const script = scripts.get(item.key) ?? [200];
    const reply = script.length > 1 ? script.shift()! : script[0]!;
    sends.push({ key: item.key, reply });
    if (reply === "network") throw new TypeError("fetch failed");
    if (reply < 300) succeeded.add(item.key);
    return answer(reply);
  };
  return { send, sends };
}

/**
 * How the scripted server ends up treating a mutation sent until settled, with `maxAttempts` server errors. A 503
 * counts as an error only if other mutations succeeded since the last one, which the interleaving decides: with
 * `count503` false and true this gives both bounds.
 */
function ownOutcome(script: Reply[], maxAttempts: number, count503: boolean): "done" | "failed" {
  let errors = 0;
  let seen503 = false;
  for (let i = 0; ; i++) {
    const reply = script[Math.min(i, script.length - 1)]!;
    if (reply === "network" || reply === 429) continue;
    if (reply === 503) {
      const counts = (count503 && seen503) || errors > 0;
      seen503 = true;
      if (!counts || ++errors < maxAttempts) continue;
      return "failed";
    }
    if (reply < 300) return "done";
    if (reply === 500 && ++errors < maxAttempts) continue;
    return "failed";
  }
}

const transient = fc.constantFrom<Reply>("network", 500, 503, 429);
const final = fc.constantFrom<Reply>(200, 200, 200, 201, 400, 404, 500);
const commandArb = fc.record({
  op: fc.constantFrom("thread", "reply", "edit", "resolve", "react", "delete"),
  pick: fc.nat(),
  parent: fc.option(fc.nat(), { nil: undefined }),
  script: fc.tuple(fc.array(transient, { maxLength: 4 }), final).map(([before, last]) => [...before, last]),
  /** Let the outbox run before this command is made. */
  wait: fc.boolean(),
});

describe("the outbox", () => {
  it("sends every mutation not depending on a failed one, never sends those that do, keeps order per record", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 14 }), async (commands) => {
        const threads = ["thread-a", "thread-b"];
        const comments = ["reply-a"];
        const scripts = new Map<string, Reply[]>();
        const server = scriptedServer(scripts);
        const storage = new MemoryQueueStorage();
        const outbox = new Outbox({ storage, send: server.send, policy, onChange: () => undefined });
        const made: { item: PendingMutation; done: Promise<unknown>; script: Reply[] }[] = [];
        for (const command of commands) {
          if (command.wait) await new Promise((resolve) => setImmediate(resolve));
          const records = [...threads, ...comments];
          const draft =
            command.op === "thread"
              ? mutations.createThread({
                  anchor: { blockId: "b1" },
                  body: "T",
                  tags: [],
                  visibility: "group",
                })
              : command.op === "reply"
                ? mutations.reply(
                    threads[command.pick % threads.length]!,
                    "R",
                    command.parent === undefined ? null : comments[command.parent % comments.length]!,
                  )
                : command.op === "edit"
                  ? mutations.editComment(records[command.pick % records.length]!, "E")
                  : command.op === "resolve"
                    ? mutations.setResolved(threads[command.pick % threads.length]!, true)
                    : command.op === "react"
                      ? mutations.react(records[command.pick % records.length]!, "👍", true)
                      : mutations.deleteThread(threads[command.pick % threads.length]!);
          if (command.op === "thread") threads.push(draft.key);
          if (command.op === "reply") comments.push(draft.key);
          scripts.set(draft.key, [...command.script]);
          const done = outbox.enqueue(draft);
          done.catch(() => undefined);
          made.push({ item: outbox.items().at(-1)!, done, script: command.script });
        }
        const settled = await Promise.allSettled(made.map((mutation) => mutation.done));

        // The model: a mutation concerning what a failed creation would have made fails with it, unsent.
        const failedCreations = new Set<string>();
        for (const [index, { item, script }] of made.entries()) {
          const sentKeys = server.sends.filter((send) => send.key === item.key);
          const result = settled[index]!;
          if (idsOf(item).some((id) => failedCreations.has(id))) {
            expect(sentKeys, "a dependent of a failed mutation is never sent").toEqual([]);
            expect(result.status).toBe("rejected");
            const error = (result as PromiseRejectedResult).reason as MutationRejected;
            expect(error.code).toBe("dependency_failed");
            expect(error.failure.dependsOn).toBeDefined();
            failedCreations.add(item.targetId);
            continue;
          }
          expect(sentKeys.length, "an independent mutation is sent").toBeGreaterThan(0);
          const outcomes = new Set(
            [true, false].map((count) => ownOutcome(script, policy.maxAttempts!, count)),
          );
          const outcome = result.status === "fulfilled" ? "done" : "failed";
          expect(outcomes).toContain(outcome);
          if (outcome === "failed") {
            const error = (result as PromiseRejectedResult).reason as MutationRejected;
            expect(error.status).toBe(sentKeys.at(-1)!.reply);
            expect(error.message).toBe(`Refused with ${error.status}.`);
            if (item.kind === "thread.create" || item.kind === "comment.create")
              failedCreations.add(item.targetId);
          }
        }
        // Order per record: a mutation is first sent only after every earlier one on a shared id was last sent.
        const firstSend = (key: string) => server.sends.findIndex((send) => send.key === key);
        const lastSend = (key: string) => server.sends.findLastIndex((send) => send.key === key);
        for (const [index, earlier] of made.entries()) {
          for (const later of made.slice(index + 1)) {
            const shared = idsOf(later.item).some((id) => idsOf(earlier.item).includes(id));
            if (!shared || firstSend(later.item.key) < 0 || lastSend(earlier.item.key) < 0) continue;
            expect(firstSend(later.item.key)).toBeGreaterThan(lastSend(earlier.item.key));
          }
        }
        // What is left, in memory and in storage, is exactly the failed mutations.
        const failedKeys = made.filter((_, i) => settled[i]!.status === "rejected").map((m) => m.item.key);
        expect(outbox.failures().map((item) => item.key)).toEqual(failedKeys);
        await vi.waitFor(() => expect(storage.load().map((item) => item.key)).toEqual(failedKeys));
        outbox.destroy();
      }),
      { numRuns: 100 },
    );
  }, 30_000);
});

describe("failed mutations", () => {
  const newThread = () =>
    mutations.createThread({ anchor: { blockId: "b1" }, body: "T", tags: [], visibility: "group" });

  /** An outbox over `scripts`, with the mutations `make` queues, run until all of them settled. */
  async function settle(
    scripts: Map<string, Reply[]>,
    drafts: ReturnType<typeof newThread>[],
    storage = new MemoryQueueStorage(),
  ) {
    const server = scriptedServer(scripts);
    const outbox = new Outbox({ storage, send: server.send, policy, onChange: () => undefined });
    await Promise.allSettled(drafts.map((draft) => outbox.enqueue(draft)));
    return { outbox, server, storage };
  }

  it("are kept with the server's reason; retry sends one again with what failed with it, in order", async () => {
    const thread = newThread();
    const reply = mutations.reply(thread.key, "R", null);
    const nested = mutations.reply(thread.key, "N", reply.key);
    const reaction = mutations.react(reply.key, "👍", true);
    const other = newThread();
    const scripts = new Map<string, Reply[]>([[thread.key, [400, 201]]]);
    const { outbox, server } = await settle(scripts, [thread, reply, nested, reaction, other]);
    expect(outbox.failures().map((item) => [item.key, item.failure.status, item.failure.dependsOn])).toEqual([
      [thread.key, 400, undefined],
      [reply.key, 0, thread.key],
      [nested.key, 0, thread.key],
      [reaction.key, 0, reply.key],
    ]);
    expect(outbox.failures()[3]!.failure.reason).toBe(
      "Depends on a new thread, not saved: Refused with 400.",
    );
    expect(server.sends.map((send) => send.key)).toEqual([thread.key, other.key]);

    expect(outbox.retry(reaction.key)).toBe(true); // a dependent brings back the failure it came from
    await vi.waitFor(() => expect(outbox.items()).toEqual([]));
    expect(server.sends.map((send) => send.key).slice(2)).toEqual([
      thread.key,
      reply.key,
      nested.key,
      reaction.key,
    ]);
    expect(outbox.retry(thread.key)).toBe(false); // nothing failed any more
    outbox.destroy();
  });

  it("discarding a failed creation discards what depends on it, in storage too; the rest stays", async () => {
    const thread = newThread();
    const reply = mutations.reply(thread.key, "R", null);
    const edit = mutations.editComment(reply.key, "E");
    const refusedEdit = mutations.editThread("thread-a", { body: "too late" });
    const scripts = new Map<string, Reply[]>([
      [thread.key, [500]],
      [refusedEdit.key, [409]],
    ]);
    const { outbox, server, storage } = await settle(scripts, [thread, reply, edit, refusedEdit]);
    expect(server.sends.filter((send) => send.key === thread.key)).toHaveLength(policy.maxAttempts!);
    // What goes with each, said before it goes, and nothing for what has not failed.
    const keysOf = (items: readonly PendingMutation[]) => items.map((item) => item.key);
    expect(keysOf(outbox.discardGroup(thread.key))).toEqual([thread.key, reply.key, edit.key]);
    expect(keysOf(outbox.discardGroup(reply.key))).toEqual([reply.key, edit.key]);
    expect(outbox.discardGroup("not-queued")).toEqual([]);
    expect(outbox.discard(reply.key)).toBe(true); // a dependent alone: its own dependents go with it
    expect(outbox.failures().map((item) => item.key)).toEqual([thread.key, refusedEdit.key]);
    expect(outbox.discard(thread.key)).toBe(true);
    expect(outbox.discard(thread.key)).toBe(false);
    await vi.waitFor(() => expect(storage.load().map((item) => item.key)).toEqual([refusedEdit.key]));
    outbox.destroy();
  });

  it("stay failed and unsent after a reload, where a queue stored by the previous version is sent", async () => {
    const failing = newThread();
    const { outbox: before, storage } = await settle(new Map([[failing.key, [422]]]), [failing]);
    before.destroy();
    const oldItem = { ...newThread(), createdAt: "2026-11-26T12:00:00.000Z" }; // version 1: no `v`
    storage.add(oldItem as PendingMutation);
    const server = scriptedServer(new Map());
    const after = new Outbox({ storage, send: server.send, policy, onChange: () => undefined });
    await vi.waitFor(() => expect(server.sends.map((send) => send.key)).toEqual([oldItem.key]));
    expect(after.failures().map((item) => item.key)).toEqual([failing.key]);
    await vi.waitFor(() => expect(storage.load().map((item) => item.key)).toEqual([failing.key]));
    after.destroy();
  });
});

/** A send that records keys into `sends`; the first request gets no answer until aborted, later ones get 200. */
function hangingFirst(sends: string[], onAbort = () => undefined as unknown) {
  return (item: PendingMutation, signal: AbortSignal): Promise<Answer> => {
    sends.push(item.key);
    if (sends.length > 1) return Promise.resolve(answer(200));
    return new Promise((_, reject) =>
      signal.addEventListener("abort", () => {
        onAbort();
        reject(new Error("aborted"));
      }),
    );
  };
}

describe("waiting", () => {
  afterEach(() => void vi.useRealTimers());

  it("a 503 with Retry-After holds every mutation for that long, and does not count toward failing", async () => {
    vi.useFakeTimers();
    const statuses = [503, 503, 503, 503, 201, 201];
    const sent: number[] = [];
    const outbox = new Outbox({
      storage: new MemoryQueueStorage(),
      send: async () => {
        sent.push(Date.now());
        const status = statuses.shift()!;
        return answer(status, status === 503 ? { "retry-after": "20" } : {});
      },
      policy: { maxAttempts: 2, baseDelayMs: 1_000 },
      random: () => 0,
      onChange: () => undefined,
    });
    const first = outbox.enqueue(mutations.editThread("thread-a", { body: "1" }));
    const second = outbox.enqueue(mutations.editThread("thread-b", { body: "2" }));
    await vi.advanceTimersByTimeAsync(19_000);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100_000);
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    // Each wait ends with the other mutation going first, and the outage counts against neither.
    expect(sent.slice(1).map((time) => time - sent[0]!)).toEqual([20_000, 40_000, 60_000, 80_000, 80_001]);
    outbox.destroy();
  });

  it("a 503 to one mutation while others get through counts against it, and it fails without holding them up", async () => {
    vi.useFakeTimers();
    const stuck = mutations.editThread("thread-a", { body: "chokes the server" });
    const others = [0, 1, 2, 3, 4, 5].map((i) => mutations.react("thread-b", `${i}`, true));
    const sent: string[] = [];
    const outbox = new Outbox({
      storage: new MemoryQueueStorage(),
      send: async (item) => {
        sent.push(item.key);
        return item.key === stuck.key ? answer(503, { "retry-after": "1" }) : answer(200);
      },
      policy: { maxAttempts: 3, baseDelayMs: 1_000 },
      random: () => 0,
      onChange: () => undefined,
    });
    const failed = outbox.enqueue(stuck);
    failed.catch(() => undefined);
    const landed = Promise.all(others.map((draft) => outbox.enqueue(draft)));
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(landed).resolves.toHaveLength(others.length);
    await expect(failed).rejects.toMatchObject({ status: 503 });
    expect(sent.filter((key) => key === stuck.key)).toHaveLength(4); // once as an outage, then three attempts
    outbox.destroy();
  });

  it("pausing abandons the request in flight and sends nothing until resumed, then resends it at once", async () => {
    vi.useFakeTimers();
    let aborted = 0;
    const sends: string[] = [];
    const outbox = new Outbox({
      storage: new MemoryQueueStorage(),
      send: hangingFirst(sends, () => (aborted += 1)),
      onChange: () => undefined,
    });
    const draft = mutations.deleteComment("reply-a");
    const done = outbox.enqueue(draft);
    await vi.advanceTimersByTimeAsync(10);
    outbox.pause();
    await vi.advanceTimersByTimeAsync(600_000);
    expect([aborted, sends.length, outbox.unreachable]).toEqual([1, 1, true]);
    outbox.resume();
    await expect(done).resolves.toEqual({ ok: true });
    expect(sends).toEqual([draft.key, draft.key]);
    outbox.destroy();
  });

  it("a request without an answer is abandoned after the request timeout and sent again, same key", async () => {
    vi.useFakeTimers();
    const sends: string[] = [];
    const outbox = new Outbox({
      storage: new MemoryQueueStorage(),
      send: hangingFirst(sends),
      policy: { requestTimeoutMs: 30_000, baseDelayMs: 1_000 },
      random: () => 0,
      onChange: () => undefined,
    });
    const done = outbox.enqueue(mutations.reply("thread-a", "Hello?", null));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(sends).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(done).resolves.toEqual({ ok: true });
    expect(new Set(sends).size).toBe(1);
    outbox.destroy();
  });
});

describe("the queue's order and retries", () => {
  const edit = (i: number) => mutations.editThread(`thread-${i}`, { body: `${i}` });

  it("a 5xx, 408 or 429 keeps the mutation queued and sends it again, same key, until it succeeds (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Reply>(500, 501, 502, 503, 504, 408, 429, "network"), {
          minLength: 1,
          maxLength: 2,
        }),
        async (transients) => {
          const draft = edit(1);
          const server = scriptedServer(new Map([[draft.key, [...transients, 200]]]));
          const outbox = new Outbox({
            storage: new MemoryQueueStorage(),
            send: server.send,
            policy,
            onChange: () => undefined,
          });
          const done = outbox.enqueue(draft);
          await vi.waitFor(() => expect(server.sends.length).toBeGreaterThan(0));
          // After the first error it is still queued, not failed.
          expect(outbox.failures()).toEqual([]);
          await expect(done).resolves.toEqual({ ok: true });
          expect(server.sends).toEqual([...transients, 200].map((reply) => ({ key: draft.key, reply })));
          expect(outbox.items()).toEqual([]);
          outbox.destroy();
        },
      ),
      { numRuns: 30 },
    );
  });

  it("a 4xx refusal is final: sent once, failed with the server's reason, and kept to be retried or discarded", async () => {
    for (const status of [400, 403, 404, 409, 413, 422]) {
      const draft = edit(2);
      const server = scriptedServer(new Map([[draft.key, [status, 200]]]));
      const outbox = new Outbox({
        storage: new MemoryQueueStorage(),
        send: server.send,
        policy,
        onChange: () => undefined,
      });
      await expect(outbox.enqueue(draft)).rejects.toMatchObject({
        status,
        code: `code_${status}`,
        message: `Refused with ${status}.`,
      });
      expect(server.sends).toEqual([{ key: draft.key, reply: status }]);
      expect(outbox.failures().map((item) => item.key)).toEqual([draft.key]);
      outbox.destroy();
    }
  });

  it("the persisted queue replays before mutations made since the page loaded, in the order it was made (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        async (stored, fresh, slowStorage) => {
          const memory = new MemoryQueueStorage();
          const earlier = Array.from({ length: stored }, (_, i) => ({
            v: 2 as const,
            ...edit(i),
            createdAt: "2026-11-26T12:00:00.000Z",
          }));
          for (const item of earlier) memory.add(item);
          // Local storage answers at once; another storage may take its time to load.
          const storage = slowStorage
            ? {
                load: () =>
                  new Promise<PendingMutation[]>((resolve) => setImmediate(() => resolve(memory.load()))),
                add: (item: PendingMutation) => memory.add(item),
                update: (item: PendingMutation) => memory.update(item),
                remove: (key: string) => memory.remove(key),
              }
            : memory;
          const server = scriptedServer(new Map());
          const outbox = new Outbox({ storage, send: server.send, policy, onChange: () => undefined });
          const later = Array.from({ length: fresh }, (_, i) => edit(100 + i));
          const done = Promise.all(later.map((draft) => outbox.enqueue(draft)));
          expect(outbox.items().map((item) => item.key)).toEqual(later.map((draft) => draft.key));
          await done;
          await vi.waitFor(() => expect(server.sends).toHaveLength(stored + fresh));
          expect(server.sends.map((send) => send.key)).toEqual(
            [...earlier, ...later].map((item) => item.key),
          );
          outbox.destroy();
        },
      ),
      { numRuns: 20 },
    );
  });
});
