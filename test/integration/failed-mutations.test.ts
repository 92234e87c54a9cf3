// A RoomClient against the real server when one mutation can never succeed: it is shown as failed with the server's
// reason, what depends on it fails unsent, everything else lands; retry and discard settle it, across a reload.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryQueueStorage } from "../../shared/room-client/mutation-queue.ts";
import type { RoomClient } from "../../shared/room-client/room-client.ts";
import { faultySql } from "../helpers/faulty-sql.ts";
import { waitFor } from "../helpers/processes.ts";
import { buildRoom, type Person } from "../helpers/room-fixture.ts";
import { testDatabase, testDbWithSql } from "../helpers/test-app.ts";
import { roomClientFor } from "../helpers/room-client.ts";
import { startTestServer } from "../helpers/test-server.ts";

const faults = faultySql(testDatabase().sql);
let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
const clients: RoomClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ ctx: { db: testDbWithSql(faults.sql) } });
  room = await buildRoom(server.app);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

/** A RoomClient for `person` that counts the requests it sends, by idempotency key. */
function connect(person: Person, storage: MemoryQueueStorage) {
  const sent = new Map<string, number>();
  const client = roomClientFor(server.url, room.roomId, person, {
    queueStorage: storage,
    retryPolicy: { maxAttempts: 3, baseDelayMs: 50 },
    fetch: (input, init) => {
      const key = new Headers(init?.headers).get("Idempotency-Key")!;
      sent.set(key, (sent.get(key) ?? 0) + 1);
      return fetch(input, init);
    },
  });
  clients.push(client);
  return { client, sent };
}

const eventually = <T>(check: () => T | undefined, what: string) => waitFor(check, 10_000, what);
const anchor = (index: number) => ({ blockId: room.paragraphs[index]!.anchorId });

describe("a mutation that cannot succeed", () => {
  it("fails with the server's reason, takes its dependents with it unsent, and holds up nothing else", async () => {
    const existing = (
      await room.member.agent
        .post(`/api/rooms/${room.roomId}/threads`)
        .set("Idempotency-Key", crypto.randomUUID())
        .send({ anchor: anchor(0), body: "Already there." })
        .expect(201)
    ).body.thread.id as string;
    const marker = "A body the database keeps refusing";
    const lift = faults.failWhile((_, values) => values.some((value) => String(value).includes(marker)));
    const storage = new MemoryQueueStorage();
    const { client, sent } = connect(room.member, storage);
    await client.whenSynced();

    const post = (index: number, body: string) =>
      client.createThread({ anchor: anchor(index), body, tags: [], visibility: "group" });
    const doomed = post(1, marker); // 500 every time
    const reply = client.reply(doomed.id, "A reply to a thread that never was.");
    const reaction = client.react(doomed.id, "👍");
    const nested = client.reply(doomed.id, "And an answer to that reply.", reply.id);
    const refused = client.createThread({
      anchor: { blockId: "no-such-block" },
      body: "Anchored nowhere.",
      tags: [],
      visibility: "group",
    }); // 400
    const later = post(2, "Written after the failures.");
    const answer = client.reply(existing, "An answer to a thread that exists.");
    const resolved = client.setResolved(existing, true);
    for (const done of [doomed.done, reply.done, reaction, nested.done, refused.done])
      done.catch(() => undefined);

    // Everything independent lands, though it was written after the failing mutations.
    await Promise.all([later.done, answer.done, resolved]);
    // Their answers can come before their updates on the sync socket: wait for all three, the resolution included.
    await eventually(
      () =>
        client.room.thread(later.id) &&
        client.room.comment(answer.id) &&
        client.room.thread(existing)?.status === "resolved"
          ? true
          : undefined,
      "the independent mutations to reach the replica",
    );
    expect(client.room.thread(existing)?.status).toBe("resolved");

    await eventually(() => (client.failures().length === 5 ? true : undefined), "the failures to settle");
    const failures = new Map(client.failures().map((item) => [item.key, item.failure]));
    expect(failures.get(doomed.id)).toMatchObject({ status: 500, code: "internal" });
    expect(failures.get(doomed.id)!.reason).toMatch(/went wrong on the server/);
    expect(failures.get(refused.id)).toMatchObject({ status: 400, code: "validation_failed" });
    expect(failures.get(refused.id)!.reason).toMatch(/blockId/);
    for (const dependent of [reply.id, nested.id]) {
      expect(failures.get(dependent)).toMatchObject({ status: 0, code: "dependency_failed" });
      expect(failures.get(dependent)!.reason).toMatch(/^Depends on a new thread, not saved: .*went wrong/);
    }
    await expect(reaction).rejects.toMatchObject({ code: "dependency_failed" });
    expect(sent.get(doomed.id)).toBe(3);
    expect(sent.get(refused.id)).toBe(1);
    for (const dependent of [reply.id, nested.id]) expect(sent.has(dependent)).toBe(false);
    expect(client.state()).toMatchObject({ status: "live", pending: 0 });
    // The overlay still shows the thread that failed, marked so, with its failed reaction.
    const shown = client.threads().find((thread) => thread.id === doomed.id)!;
    expect(shown.pending).toBe(false);
    expect(shown.failures.map((item) => item.kind)).toEqual(["thread.create", "reaction"]);
    expect(client.comments(doomed.id).map((comment) => comment.failures.length)).toEqual([1, 1]);
    client.destroy();

    // After a reload the failures are still there and still unsent; new mutations go through.
    const { client: reloaded, sent: sentAfter } = connect(room.member, storage);
    const fresh = reloaded.createThread({
      anchor: anchor(0),
      body: "After the reload.",
      tags: [],
      visibility: "group",
    });
    await fresh.done;
    expect(reloaded.failures().map((item) => item.key)).toEqual([...failures.keys()]);
    expect([...sentAfter.keys()]).toEqual([fresh.id]);

    // Retrying a dependent once the server takes the thread again sends the whole group, in order.
    lift();
    expect(reloaded.retry(nested.id)).toBe(true);
    await eventually(
      () =>
        reloaded.room.thread(doomed.id) &&
        reloaded.room.comment(nested.id) &&
        reloaded.reactions(doomed.id).size
          ? true
          : undefined,
      "the retried group to land",
    );
    expect(reloaded.room.comment(nested.id)?.parentId).toBe(reply.id);
    // Discarding the refused one leaves nothing behind, in storage either.
    expect(reloaded.discard(refused.id)).toBe(true);
    await eventually(() => (storage.load().length === 0 ? true : undefined), "the stored queue to empty");
    expect(reloaded.failures()).toEqual([]);
    expect(reloaded.threads().some((thread) => thread.id === refused.id)).toBe(false);
  });
});
