// Live threads end to end: REST mutations, y-websocket replicas in Node, offline queue replay, idempotency.
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryQueueStorage } from "../../shared/room-client/mutation-queue.ts";
import { RoomClient } from "../../shared/room-client/room-client.ts";
import { RoomDoc } from "../../shared/room-doc.ts";
import { waitFor } from "../helpers/processes.ts";
import { roomClientFor } from "../helpers/room-client.ts";
import { countRoomOpens } from "../helpers/room-opens.ts";
import { buildRoom, newSession, type Person } from "../helpers/room-fixture.ts";
import { startTestServer, webSocketWithCookie } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
const clients: RoomClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

/** A RoomClient for `person`, whose fetch can be switched off to simulate a tunnel. */
function connect(person: Person, options: { storage?: MemoryQueueStorage } = {}) {
  const network = { up: true };
  const client = roomClientFor(server.url, room.roomId, person, {
    queueStorage: options.storage ?? new MemoryQueueStorage(),
    fetch: (input, init) =>
      network.up ? fetch(input, init) : Promise.reject(new TypeError("fetch failed: offline")),
  });
  clients.push(client);
  return { client, network };
}

const eventually = <T>(check: () => T | undefined, what: string) => waitFor(check, 5_000, what);

describe("live threads", () => {
  it("A's thread reaches B's replica; replies, edits, deletions, resolving, reactions and tags propagate", async () => {
    const { client: a } = connect(room.member);
    const { client: b } = connect(room.other);
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    const block = room.paragraphs[0]!;
    const countsBefore = (await room.owner.agent.get(`/api/rooms/${room.roomId}/threads`).expect(200)).body
      .blockCounts as Record<string, number>;

    const { id: threadId, done } = a.createThread({
      anchor: { blockId: block.anchorId, start: 4, end: 9 },
      body: "Why *first*?",
      tags: ["Question"],
      visibility: "group",
    });
    expect(a.threads().find((thread) => thread.id === threadId)?.pending).toBe(true); // optimistic
    await done;
    const seen = await eventually(() => b.room.thread(threadId), "B to receive the thread");
    expect(seen).toMatchObject({
      body: "Why *first*?",
      authorId: room.member.id,
      tags: ["question"],
      status: "open",
    });
    expect(seen.anchor).toMatchObject({ blockId: block.anchorId, start: 4, end: 9, exact: "first" });

    const { id: replyId, done: replied } = b.reply(threadId, "Because it comes before the second.");
    await replied;
    await eventually(() => a.room.comment(replyId), "A to receive B's reply");
    const { id: nestedId, done: nested } = a.reply(threadId, "Fair.", replyId);
    await nested;
    expect((await eventually(() => b.room.comment(nestedId), "nested reply")).parentId).toBe(replyId);

    await b.editComment(replyId, "Because it comes first, obviously.");
    await eventually(() => (a.room.comment(replyId)?.editedAt ? true : undefined), "edit to propagate");
    expect(a.room.comment(replyId)?.body).toBe("Because it comes first, obviously.");

    await a.deleteComment(nestedId);
    await eventually(() => (b.room.comment(nestedId)?.deleted ? true : undefined), "deletion to propagate");
    expect(b.room.comment(nestedId)?.body).toBe("");

    await b.react(threadId, "👍");
    await eventually(() => a.reactions(threadId).get("👍")?.length, "reaction to propagate");
    await b.react(threadId, "👍", false);
    await eventually(() => (a.reactions(threadId).size === 0 ? true : undefined), "unreaction to propagate");

    await a.editThread(threadId, { tags: ["question", "reading"] });
    await eventually(
      () => (b.room.thread(threadId)?.tags.length === 2 ? true : undefined),
      "tags to propagate",
    );

    await a.setResolved(threadId, true);
    const resolved = await eventually(
      () => (b.room.thread(threadId)?.status === "resolved" ? b.room.thread(threadId) : undefined),
      "resolve",
    );
    expect(resolved.resolvedBy).toMatchObject({ id: room.member.id });
    await a.setResolved(threadId, false);
    await eventually(() => (b.room.thread(threadId)?.status === "open" ? true : undefined), "reopen");

    const listed = await room.owner.agent
      .get(`/api/rooms/${room.roomId}/threads?include=comments`)
      .expect(200);
    const row = listed.body.threads.find((thread: { id: string }) => thread.id === threadId);
    expect(row).toMatchObject({ tags: ["question", "reading"], status: "open", commentCount: 2 });
    expect(row.comments.map((comment: { deleted: boolean }) => comment.deleted)).toEqual([false, true]);
    // Exactly one more thread on this paragraph than before, whatever the room held already.
    expect(listed.body.blockCounts[block.anchorId]).toBe((countsBefore[block.anchorId] ?? 0) + 1);
  });

  it("queues mutations while offline and replays each exactly once on reconnect", async () => {
    const { client: a } = connect(room.member);
    const storage = new MemoryQueueStorage();
    const { client: b, network } = connect(room.other, { storage });
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    const { id: threadId, done } = a.createThread({
      anchor: { blockId: room.paragraphs[1]!.anchorId },
      body: "On the train?",
      tags: [],
      visibility: "group",
    });
    await done;
    await eventually(() => b.room.thread(threadId), "B has the thread");

    network.up = false;
    b.provider.disconnect();
    const first = b.reply(threadId, "Entering the tunnel.");
    const second = b.reply(threadId, "Still in the tunnel.");
    await eventually(
      () => (b.state().pending === 2 && b.state().status === "offline" ? true : undefined),
      "two pending while offline",
    );
    expect(b.comments(threadId).filter((comment) => comment.pending)).toHaveLength(2);

    network.up = true;
    b.provider.connect();
    await Promise.all([first.done, second.done]);
    await eventually(
      () => (a.room.comment(first.id) && a.room.comment(second.id) ? true : undefined),
      "replayed replies reach A",
    );
    expect(await server.prisma.comment.count({ where: { id: { in: [first.id, second.id] } } })).toBe(2);
    expect(a.comments(threadId).map((comment) => comment.body)).toEqual([
      "Entering the tunnel.",
      "Still in the tunnel.",
    ]);
    await eventually(
      () => (b.state().status === "live" && b.state().pending === 0 ? true : undefined),
      "B live again",
    );
  });

  it("a queue persisted before a reload is replayed by the next session, once", async () => {
    const storage = new MemoryQueueStorage();
    const { client: before, network } = connect(room.other, { storage });
    await before.whenSynced();
    network.up = false;
    const { id } = before.createThread({
      anchor: { blockId: room.paragraphs[2]!.anchorId },
      body: "Written offline.",
      tags: [],
      visibility: "group",
    });
    await eventually(() => (storage.load().length === 1 ? true : undefined), "queued in storage");
    before.destroy();

    const { client: after } = connect(room.other, { storage });
    await eventually(() => (after.room.thread(id) ? true : undefined), "replayed after reload");
    await eventually(() => (storage.load().length === 0 ? true : undefined), "queue emptied");
    expect(await server.prisma.thread.count({ where: { id } })).toBe(1);
  });

  it("keeps the queue of someone whose session ended, and sends it from their next session", async () => {
    const storage = new MemoryQueueStorage();
    const expiring = await newSession(server.app, room.other);
    const client = new RoomClient({
      baseUrl: server.url,
      roomId: room.roomId,
      user: { id: room.other.id, name: room.other.displayName },
      headers: { cookie: expiring },
      WebSocket: webSocketWithCookie(expiring),
      queueStorage: storage,
    });
    clients.push(client);
    await client.whenSynced();
    await supertest(server.app).post("/api/auth/logout").set("Cookie", expiring).expect(204);
    // The sync socket closed as unauthenticated says so, before any mutation is refused.
    await eventually(
      () => (client.state().signedOut ? true : undefined),
      "the socket to report the sign-out",
    );
    expect(client.state()).toMatchObject({ status: "closed", signedOut: true });
    const { id, done } = client.createThread({
      anchor: { blockId: room.paragraphs[0]!.anchorId },
      body: "Written as the session ran out.",
      tags: [],
      visibility: "group",
    });
    void done.catch(() => undefined);
    // The sync socket may report the sign-out first; the refused mutation is what says the queue is waiting.
    const state = await eventually(
      () => (client.state().reason?.includes("sign in again") ? client.state() : undefined),
      "the client to notice it is signed out",
    );
    expect(state).toMatchObject({ status: "closed", pending: 1, signedOut: true });
    expect(storage.load().map((item) => item.key)).toEqual([id]);
    client.destroy();

    const { client: next } = connect(room.other, { storage });
    await eventually(() => (next.room.thread(id) ? true : undefined), "sent from the next session");
    expect(await server.prisma.thread.count({ where: { id } })).toBe(1);
  });

  it("concurrent mutations commit together, each exactly once, duplicates and refusals included", async () => {
    const base = `/api/rooms/${room.roomId}/threads`;
    const create = (key: string, body: string) =>
      room.member.agent
        .post(base)
        .set("Idempotency-Key", key)
        .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body });
    const keys = Array.from({ length: 40 }, () => crypto.randomUUID());
    const duplicate = keys[7]!;
    const logBefore = await server.prisma.roomUpdate.count({ where: { roomId: room.roomId } });
    const responses = await Promise.all([
      ...keys.map((key, i) => create(key, `Burst ${i}`)),
      create(duplicate, "Burst 7"),
      room.observer.agent
        .post(base)
        .set("Idempotency-Key", crypto.randomUUID())
        .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "No" }),
    ]);
    expect(responses.slice(0, 41).map((res) => res.status)).toEqual(Array(41).fill(201));
    expect(responses[41]!.status).toBe(403);
    expect(responses[40]!.body).toEqual(responses[7]!.body);
    expect(await server.prisma.thread.count({ where: { id: { in: keys } } })).toBe(40);
    expect(await server.prisma.mutation.count({ where: { key: { in: keys } } })).toBe(40);
    const logAfter = await server.prisma.roomUpdate.count({ where: { roomId: room.roomId } });
    expect(logAfter - logBefore).toBeLessThan(40); // several mutations shared a transaction
    const live = await server.ctx.rooms.open(room.roomId, "group");
    for (const key of keys) expect(live.committed.getMap("threads").has(key)).toBe(true);
  });

  it("the relational rows match the room document, whatever the server's time zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/Los_Angeles"; // a Date sent to a zone-less column would shift by hours
    try {
      const author = room.member.agent;
      const post = (method: "post" | "patch" | "put", path: string, body: object) =>
        author[method](`/api/rooms/${room.roomId}${path}`)
          .set("Idempotency-Key", crypto.randomUUID())
          .send(body);
      const thread = (
        await post("post", "/threads", {
          anchor: { blockId: room.paragraphs[1]!.anchorId },
          body: "First <b>words</b> 'quoted' \\ backslash",
          tags: ["method", "time"],
        }).expect(201)
      ).body.thread;
      const reply = (
        await post("post", `/threads/${thread.id}/comments`, { body: "A reply", parentId: null }).expect(201)
      ).body.comment;
      const edited = (await post("patch", `/comments/${reply.id}`, { body: "A reply, edited" }).expect(200))
        .body.comment;
      await post("put", `/reactions/${thread.id}`, { emoji: "👍" }).expect(200);

      const row = await server.prisma.thread.findUniqueOrThrow({ where: { id: thread.id } });
      expect(row.createdAt.toISOString()).toBe(thread.createdAt);
      expect(row.body).toBe(thread.body);
      expect(row.tags).toEqual(["method", "time"]);
      expect(row.anchor).toEqual(thread.anchor);
      const comment = await server.prisma.comment.findUniqueOrThrow({ where: { id: reply.id } });
      expect(comment.createdAt.toISOString()).toBe(reply.createdAt);
      expect(comment.editedAt?.toISOString()).toBe(edited.editedAt);
      expect(comment.body).toBe("A reply, edited");
      expect(await server.prisma.reaction.count({ where: { targetId: thread.id, emoji: "👍" } })).toBe(1);
      const mutation = await server.prisma.mutation.findFirstOrThrow({ where: { key: thread.id } });
      expect(mutation.response).toEqual({ thread });
      // Rows stamped by the database, not by the document, are in UTC too (the test database runs far from it).
      const latestUpdate = await server.prisma.roomUpdate.findFirstOrThrow({
        where: { roomId: room.roomId },
        orderBy: { id: "desc" },
      });
      for (const stamped of [mutation.createdAt, latestUpdate.createdAt]) {
        expect(Math.abs(stamped.getTime() - Date.parse(thread.createdAt))).toBeLessThan(60_000);
      }
    } finally {
      process.env.TZ = zone;
    }
  });

  it("a retried mutation with the same Idempotency-Key returns the first result and changes nothing", async () => {
    const key = crypto.randomUUID();
    const send = () =>
      room.member.agent
        .post(`/api/rooms/${room.roomId}/threads`)
        .set("Idempotency-Key", key)
        .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "Once only." });
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await server.prisma.thread.count({ where: { id: key } })).toBe(1);
    const stolen = await room.other.agent
      .post(`/api/rooms/${room.roomId}/threads`)
      .set("Idempotency-Key", key)
      .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "Mine now." })
      .expect(422);
    expect(stolen.body.error.code).toBe("idempotency_key_reused");
  });

  it("a refusal in a group commit is answered in its place, never re-run after the mutations behind it", async () => {
    const base = `/api/rooms/${room.roomId}`;
    const send = (person: Person, method: "post" | "patch", path: string, body: object) =>
      person.agent[method](`${base}${path}`).set("Idempotency-Key", crypto.randomUUID()).send(body);
    const thread = (
      await send(room.member, "post", "/threads", {
        anchor: { blockId: room.paragraphs[0]!.anchorId },
        body: "T",
      })
    ).body.thread;
    const reply = (
      await send(room.member, "post", `/threads/${thread.id}/comments`, { body: "R", parentId: null })
    ).body.comment;
    await send(room.instructor, "post", `/comments/${reply.id}/hide`, { reason: "off topic" }).expect(200);
    // Hold the room's queue so that both mutations below land in one batch, edit first.
    const document = await server.ctx.rooms.open(room.roomId, "group");
    let release!: () => void;
    void document.lock.run(() => new Promise<void>((resolve) => (release = resolve)));
    const opens = countRoomOpens(server.ctx.rooms);
    const queued = (count: number, what: string) =>
      waitFor(() => (opens.count() >= count ? true : undefined), 5_000, what);
    try {
      const edit = send(room.member, "patch", `/comments/${reply.id}`, { body: "Edited while hidden" }).then(
        (r) => r,
      );
      await queued(1, "the edit to queue");
      const unhide = send(room.instructor, "post", `/comments/${reply.id}/unhide`, {}).then((r) => r);
      await queued(2, "the unhide to queue behind it");
      release();
      expect((await edit).status).toBe(409); // refused: the reply was hidden when the edit came
      expect((await unhide).status).toBe(200);
    } finally {
      opens.restore();
    }
    expect(new RoomDoc(document.committed).comment(reply.id)).toMatchObject({ body: "R", hidden: null });
  });

  it("retrying a delete that succeeded returns its first answer, not 'not found'", async () => {
    const base = `/api/rooms/${room.roomId}`;
    const thread = (
      await room.member.agent
        .post(`${base}/threads`)
        .set("Idempotency-Key", crypto.randomUUID())
        .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "Soon a reply goes." })
        .expect(201)
    ).body.thread;
    const reply = (
      await room.member.agent
        .post(`${base}/threads/${thread.id}/comments`)
        .set("Idempotency-Key", crypto.randomUUID())
        .send({ body: "Going, going…", parentId: null })
        .expect(201)
    ).body.comment;
    const key = crypto.randomUUID().toUpperCase(); // keys are UUIDs in any case

    const remove = () => room.member.agent.delete(`${base}/comments/${reply.id}`).set("Idempotency-Key", key);
    const first = await remove().expect(200);
    const [again, alsoAgain] = await Promise.all([remove().expect(200), remove().expect(200)]);
    expect(again.body).toEqual(first.body);
    expect(alsoAgain.body).toEqual(first.body);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    // A new key for the same delete is a new request, and the reply is gone by now.
    await room.member.agent
      .delete(`${base}/comments/${reply.id}`)
      .set("Idempotency-Key", crypto.randomUUID())
      .expect(404);
  });
});

describe("the read API", () => {
  it("counts every thread per block, beyond the first page of 2,000", async () => {
    const big = await buildRoom(server.app);
    const block = big.paragraphs[0]!.anchorId;
    const total = 2_050;
    // Rows written directly: 2,050 creations through the API would make this test slow without testing more.
    await server.sql.query(
      `INSERT INTO "Thread" (id, "roomId", visibility, "blockId", anchor, "authorId", body, tags, status, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), $1, 'group', $2, jsonb_build_object('blockId', $2::text), $3, 'Row ' || n, '{}', 'open', now(), now()
         FROM generate_series(1, $4::int) AS n`,
      [big.roomId, block, big.member.id, total],
    );
    const listed = await big.member.agent.get(`/api/rooms/${big.roomId}/threads`).expect(200);
    expect(listed.body.threads).toHaveLength(2_000);
    expect(listed.body.truncated).toBe(true);
    expect(listed.body.blockCounts[block]).toBe(total);
    // The counts follow the filters, as the list does.
    const resolved = await big.member.agent
      .get(`/api/rooms/${big.roomId}/threads?status=resolved`)
      .expect(200);
    expect(resolved.body.blockCounts).toEqual({});
    const byAuthor = await big.member.agent
      .get(`/api/rooms/${big.roomId}/threads?authorId=${big.member.id}&blockId=${block}`)
      .expect(200);
    expect(byAuthor.body.blockCounts).toEqual({ [block]: total });
    const instructorOnly = await big.member.agent
      .get(`/api/rooms/${big.roomId}/threads?visibility=instructors`)
      .expect(200);
    expect(instructorOnly.body.blockCounts[block]).toBe(total); // members always get the group's threads
  });
});
