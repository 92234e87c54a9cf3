// Who may change and see what in a room: REST mutations, crafted sync updates, observers, outsiders, notes.
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc, type ThreadRecord } from "../../shared/room-doc.ts";
import { closeCode, readOnlyReason } from "../../shared/sync-protocol.ts";
import { waitFor } from "../helpers/processes.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom, joinGroup, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
});
afterAll(async () => {
  await server.close();
});

const key = () => crypto.randomUUID();
const roomUrl = (path = "") => `${server.wsUrl}/yjs/rooms/${room.roomId}${path}`;

async function startThread(
  person: Person,
  body = "A thought.",
  visibility: "group" | "instructors" = "group",
) {
  const id = key();
  await person.agent
    .post(`/api/rooms/${room.roomId}/threads`)
    .set("Idempotency-Key", id)
    .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body, visibility })
    .expect(201);
  return id;
}

async function reply(person: Person, threadId: string, body = "A reply.") {
  const id = key();
  await person.agent
    .post(`/api/rooms/${room.roomId}/threads/${threadId}/comments`)
    .set("Idempotency-Key", id)
    .send({ body })
    .expect(201);
  return id;
}

describe("REST mutations", () => {
  it("a member cannot edit, delete or resolve another member's content", async () => {
    const threadId = await startThread(room.member);
    const commentId = await reply(room.member, threadId);
    const other = room.other.agent;
    const base = `/api/rooms/${room.roomId}`;
    await other
      .patch(`${base}/threads/${threadId}`)
      .set("Idempotency-Key", key())
      .send({ body: "Mine now" })
      .expect(403);
    await other.delete(`${base}/threads/${threadId}`).set("Idempotency-Key", key()).expect(403);
    await other.post(`${base}/threads/${threadId}/resolve`).set("Idempotency-Key", key()).expect(403);
    await other
      .patch(`${base}/comments/${commentId}`)
      .set("Idempotency-Key", key())
      .send({ body: "Rewritten" })
      .expect(403);
    await other.delete(`${base}/comments/${commentId}`).set("Idempotency-Key", key()).expect(403);
    await other
      .post(`${base}/comments/${commentId}/hide`)
      .set("Idempotency-Key", key())
      .send({ reason: "No" })
      .expect(403);
    const row = await server.prisma.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(row).toMatchObject({ body: "A thought.", status: "open", deletedAt: null });
  });

  it("instructors resolve and hide; hidden bodies leave the shared document and are audited", async () => {
    const threadId = await startThread(room.member, "Something unkind.");
    const base = `/api/rooms/${room.roomId}`;
    await room.instructor.agent
      .post(`${base}/threads/${threadId}/resolve`)
      .set("Idempotency-Key", key())
      .expect(200);
    const hidden = await room.instructor.agent
      .post(`${base}/threads/${threadId}/hide`)
      .set("Idempotency-Key", key())
      .send({ reason: "Off-topic" })
      .expect(200);
    expect(hidden.body.thread).toMatchObject({
      body: "",
      hidden: { reason: "Off-topic", byId: room.instructor.id },
    });
    const asMember = await room.other.agent.get(`${base}/threads`).expect(200);
    expect(asMember.body.threads.find((t: { id: string }) => t.id === threadId)).toMatchObject({
      body: "",
      hidden: { reason: "Off-topic" },
    });
    const asModerator = await room.instructor.agent.get(`${base}/threads`).expect(200);
    expect(asModerator.body.threads.find((t: { id: string }) => t.id === threadId).body).toBe(
      "Something unkind.",
    );
    const audit = await server.prisma.auditEvent.findFirst({
      where: { action: "thread.hidden", targetId: threadId },
    });
    expect(audit?.actorId).toBe(room.instructor.id);
    expect(Math.abs(audit!.createdAt.getTime() - Date.now())).toBeLessThan(60_000); // stamped in UTC
    const restored = await room.instructor.agent
      .post(`${base}/threads/${threadId}/unhide`)
      .set("Idempotency-Key", key())
      .expect(200);
    expect(restored.body.thread).toMatchObject({ body: "Something unkind.", hidden: null });
  });

  it("an observer reads but cannot write; an outsider can do neither", async () => {
    const threadId = await startThread(room.member);
    const base = `/api/rooms/${room.roomId}`;
    const attempt = await room.observer.agent
      .post(`${base}/threads`)
      .set("Idempotency-Key", key())
      .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "Hello" })
      .expect(403);
    expect(attempt.body.error.message).toMatch(/observer/);
    await room.observer.agent
      .post(`${base}/threads/${threadId}/comments`)
      .set("Idempotency-Key", key())
      .send({ body: "Hi" })
      .expect(403);
    await room.observer.agent
      .put(`${base}/reactions/${threadId}`)
      .set("Idempotency-Key", key())
      .send({ emoji: "👍" })
      .expect(403);
    await room.observer.agent.get(`${base}/threads`).expect(200);
    await room.outsider.agent.get(`${base}/threads`).expect(404);
    await room.outsider.agent
      .post(`${base}/threads`)
      .set("Idempotency-Key", key())
      .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "Let me in" })
      .expect(404);
  });

  it("a demotion or a removal applies to the very next request, though access lookups are cached", async () => {
    const someone = await joinGroup(server.app, room.owner, room.groupId, "member", "Dee Demoted");
    const write = () =>
      someone.agent
        .post(`/api/rooms/${room.roomId}/threads`)
        .set("Idempotency-Key", key())
        .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "Still here?" });
    await write().expect(201); // the member's role is now cached
    await room.owner.agent
      .patch(`/api/groups/${room.groupId}/members/${someone.id}`)
      .send({ role: "observer" })
      .expect(200);
    await write().expect(403);
    await room.owner.agent.delete(`/api/groups/${room.groupId}/members/${someone.id}`).expect(204);
    await write().expect(404);
  });

  it("limits how many mutations one user makes per minute", async () => {
    const limited = buildTestApp({ mutationsPerMinute: 3, ctx: { sessionSecret: server.ctx.sessionSecret } });
    const post = () =>
      supertest(limited.app)
        .post(`/api/rooms/${room.roomId}/threads`)
        .set("Cookie", room.member.cookie)
        .set("Idempotency-Key", key())
        .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "Again" });
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(201);
    const res = await post().expect(429);
    expect(res.body.error.message).toMatch(/from your account/);
  });

  it("validates anchors against the room's text and limits sizes", async () => {
    const base = `/api/rooms/${room.roomId}/threads`;
    const post = (body: object) => room.member.agent.post(base).set("Idempotency-Key", key()).send(body);
    const block = room.paragraphs[0]!;
    expect(
      (await post({ anchor: { blockId: "nope" }, body: "x" }).expect(400)).body.error.details[0].field,
    ).toBe("anchor.blockId");
    expect(
      (await post({ anchor: { blockId: block.anchorId, start: 0, end: 9999 }, body: "x" }).expect(400)).body
        .error.details[0].field,
    ).toBe("anchor.end");
    expect(
      (
        await post({ anchor: { blockId: block.anchorId, start: 0, end: 3, exact: "Thx" }, body: "x" }).expect(
          400,
        )
      ).body.error.details[0].field,
    ).toBe("anchor.exact");
    expect(
      (await post({ anchor: { blockId: block.anchorId }, body: "x".repeat(10_001) }).expect(400)).body.error
        .details[0].field,
    ).toBe("body");
    const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
    expect(
      (await post({ anchor: { blockId: block.anchorId }, body: "x", tags }).expect(400)).body.error.details[0]
        .field,
    ).toBe("tags");
    await room.member.agent
      .post(base)
      .send({ anchor: { blockId: block.anchorId }, body: "x" })
      .expect(400); // no key
  });

  it("instructor-only threads are invisible to members, in REST and in sync", async () => {
    const threadId = await startThread(room.instructor, "Notes for teachers.", "instructors");
    const list = await room.member.agent.get(`/api/rooms/${room.roomId}/threads`).expect(200);
    expect(list.body.threads.map((t: { id: string }) => t.id)).not.toContain(threadId);
    await room.member.agent
      .post(`/api/rooms/${room.roomId}/threads/${threadId}/comments`)
      .set("Idempotency-Key", key())
      .send({ body: "?" })
      .expect(404);
    const member = openRawSyncClient(roomUrl("/instructors"), room.member.cookie);
    expect((await member.closed).code).toBe(closeCode.notFound);
    const instructor = openRawSyncClient(roomUrl("/instructors"), room.instructor.cookie);
    await instructor.synced;
    expect(new RoomDoc(instructor.doc).thread(threadId)?.body).toBe("Notes for teachers.");
    instructor.socket.close();
  });
});

describe("the sync endpoint", () => {
  it("refuses a crafted update (deleting a thread, forging an author), tells why, and changes nothing", async () => {
    const threadId = await startThread(room.member, "Original words.");
    const attacker = openRawSyncClient(roomUrl(), room.other.cookie);
    await attacker.synced;
    const replica = new RoomDoc(attacker.doc);
    expect(replica.thread(threadId)?.body).toBe("Original words.");
    const before = Y.encodeStateVector(attacker.doc);
    attacker.doc.transact(() => {
      replica.threads.delete(threadId);
      const forged: ThreadRecord = {
        ...replica.thread([...replica.threads.keys()][0]!)!,
        id: key(),
        authorId: room.owner.id,
        body: "Forged",
      };
      replica.putThread(forged);
    });
    attacker.sendUpdate(Y.encodeStateAsUpdate(attacker.doc, before));
    await waitFor(
      () => (attacker.denials.length > 0 ? true : undefined),
      5_000,
      "a permission-denied message",
    );
    expect(attacker.denials[0]).toBe(readOnlyReason);

    const bystander = openRawSyncClient(roomUrl(), room.member.cookie);
    await bystander.synced;
    const seen = new RoomDoc(bystander.doc);
    expect(seen.thread(threadId)?.body).toBe("Original words.");
    expect([...seen.threads.values()].some((thread) => thread.body === "Forged")).toBe(false);
    expect(await server.prisma.thread.count({ where: { id: threadId, deletedAt: null } })).toBe(1);
    attacker.socket.close();
    bystander.socket.close();
  });

  it("accepts a read-only replica resending what the server already has", async () => {
    const reader = openRawSyncClient(roomUrl(), room.member.cookie);
    await reader.synced;
    reader.sendUpdate(Y.encodeStateAsUpdate(reader.doc)); // like a provider's step 2 after a reconnect
    await reader.roundTrip(); // the server has handled the resend
    expect(reader.denials).toEqual([]);
    expect(reader.socket.readyState).toBe(reader.socket.OPEN);
    reader.socket.close();
  });

  it("closes on garbage instead of crashing, and keeps serving others", async () => {
    const bad = openRawSyncClient(roomUrl(), room.member.cookie);
    await bad.synced;
    bad.socket.send(Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2]));
    expect((await bad.closed).code).toBe(closeCode.malformed);
    const good = openRawSyncClient(roomUrl(), room.member.cookie);
    await good.synced;
    good.socket.close();
  });

  it("an outsider cannot subscribe, nor can an anonymous client; neither receives a byte of the document", async () => {
    for (const cookie of [room.outsider.cookie, undefined]) {
      const client = openRawSyncClient(roomUrl(), cookie);
      const { code } = await client.closed;
      expect(code).toBe(cookie ? closeCode.notFound : closeCode.unauthenticated);
      expect(client.doc.getMap("threads").size).toBe(0);
    }
  });

  it("a socket from a foreign origin is refused at the handshake", async () => {
    const { default: WebSocket } = await import("ws");
    const socket = new WebSocket(roomUrl(), {
      headers: { cookie: room.member.cookie, origin: "https://evil.example" },
    });
    const status = await new Promise<number>((resolve) =>
      socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(403);
  });
});

describe("access changes reach open connections", () => {
  it("signing out closes that session's sockets; removal from the group closes the member's, for good", async () => {
    const leaver = await joinGroup(server.app, room.owner, room.groupId, "member", "Lee Leaver");
    const reader = openRawSyncClient(roomUrl(), leaver.cookie);
    await reader.synced;
    await supertest(server.app).post("/api/auth/logout").set("Cookie", leaver.cookie).expect(204);
    expect((await reader.closed).code).toBe(closeCode.unauthenticated);

    const removed = await joinGroup(server.app, room.owner, room.groupId, "member", "Rex Removed");
    const live = openRawSyncClient(roomUrl(), removed.cookie);
    await live.synced;
    await room.owner.agent.delete(`/api/groups/${room.groupId}/members/${removed.id}`).expect(204);
    expect((await live.closed).code).toBe(closeCode.accessChanged);
    const retry = openRawSyncClient(roomUrl(), removed.cookie);
    expect((await retry.closed).code).toBe(closeCode.notFound);
  });
});

describe("private notes", () => {
  it("the owner writes and reads them back from another connection; B cannot open A's notes", async () => {
    const notesUrl = `${server.wsUrl}/yjs/notes/${room.roomId}`;
    const first = openRawSyncClient(notesUrl, room.member.cookie);
    await first.synced;
    const before = Y.encodeStateVector(first.doc);
    first.doc.getText("note").insert(0, "Only for me.");
    first.sendUpdate(Y.encodeStateAsUpdate(first.doc, before));
    const second = openRawSyncClient(notesUrl, room.member.cookie);
    await waitFor(
      async () => {
        const row = await server.prisma.noteUpdate.count({
          where: { roomId: room.roomId, userId: room.member.id },
        });
        return row > 0 ? true : undefined;
      },
      5_000,
      "the note to be stored",
    );
    await second.synced;
    await waitFor(
      () => (second.doc.getText("note").toString() === "Only for me." ? true : undefined),
      5_000,
      "note on a second connection",
    );

    const other = openRawSyncClient(notesUrl, room.other.cookie);
    await other.synced;
    expect(other.doc.getText("note").toString()).toBe("");
    const outsider = openRawSyncClient(notesUrl, room.outsider.cookie);
    expect((await outsider.closed).code).toBe(closeCode.notFound);
    for (const client of [first, second, other]) client.socket.close();
  });
});
