// Hide until you post, enforced on the server: a member or observer who has not started a thread in the room gets
// nothing of the class's threads over REST (list, counts, search), exports, notifications or sync — forged
// requests included — until their first thread, which opens the room to them live; instructors see everything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { hiddenUntilPostedNotice } from "../../shared/hide-until-posted.ts";
import { mentionToken } from "../../shared/mentions.ts";
import { RoomDoc } from "../../shared/room-doc.ts";
import { closeCode, syncPaths } from "../../shared/sync-protocol.ts";
import { collect, connectPeople, nextEvent } from "../helpers/people-client.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom, joinGroup, postReply, startThread, type Person } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
/** What only the class (not the instructors) wrote: none of it may reach a reader who has not posted. */
const secrets = { thread: "Zanzibar classmate idea", reply: "Quokka reply inside the teacher thread" };
let teacherThread: string;
let classThread: string;

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
  const [first, second] = room.paragraphs;
  teacherThread = await startThread(room.instructor, room.roomId, "Read this closely.", {
    blockId: first!.anchorId,
  });
  classThread = await startThread(room.other, room.roomId, secrets.thread, { blockId: second!.anchorId });
  await postReply(room.other, room.roomId, teacherThread, `${secrets.reply} ${mentionToken(room.member.id)}`);
  await postReply(room.instructor, room.roomId, teacherThread, "The teacher answers.");
  await postReply(room.instructor, room.roomId, classThread, `Good point ${mentionToken(room.observer.id)}`);
  await room.observer.agent.put(`/api/rooms/${room.roomId}/threads/${classThread}/follow`).expect(204);
  await room.owner.agent.patch(`/api/rooms/${room.roomId}`).send({ hideUntilPosted: true }).expect(200);
});
afterAll(async () => {
  await server.close();
});

const syncUrl = (veiled = false) =>
  `${server.wsUrl}${veiled ? syncPaths.veiledRoom(room.roomId) : syncPaths.room(room.roomId)}`;
const settings = (body: object) => room.owner.agent.patch(`/api/rooms/${room.roomId}`).send(body).expect(200);

async function threadList(person: Person, query: Record<string, string> = {}) {
  const res = await person.agent
    .get(`/api/rooms/${room.roomId}/threads`)
    .query({ include: "comments", ...query })
    .expect(200);
  return res.body as {
    threads: { id: string; commentCount: number; comments?: { body: string }[] }[];
    blockCounts: Record<string, number>;
  };
}

/** A raw y-websocket reader's replica once synced, and every byte the server sent into it. */
async function syncedReplica(person: Person, veiled = false) {
  const client = openRawSyncClient(syncUrl(veiled), person.cookie);
  await client.synced;
  const bytes = Buffer.from(Y.encodeStateAsUpdate(client.doc)).toString("utf8");
  return { client, room: new RoomDoc(client.doc), bytes };
}

describe("a member who has not posted", () => {
  it("lists only the instructors' threads and replies, counted as shown; search finds nothing of the class", async () => {
    const list = await threadList(room.member);
    expect(list.threads.map((thread) => thread.id)).toEqual([teacherThread]);
    expect(list.threads[0]!.commentCount).toBe(1);
    expect(list.threads[0]!.comments!.map((comment) => comment.body)).toEqual(["The teacher answers."]);
    expect(list.blockCounts).toEqual({ [room.paragraphs[0]!.anchorId]: 1 });
    expect(JSON.stringify(list)).not.toMatch(/Zanzibar|Quokka/);
    for (const q of ["Zanzibar", "Quokka"])
      expect((await threadList(room.member, { q })).threads).toEqual([]);
    // Forged filters do not reach past the veil either.
    const byAuthor = await threadList(room.member, { authorId: room.other.id });
    expect(byAuthor.threads).toEqual([]);
  });

  it("gets no export in any format, and no PDF job", async () => {
    for (const format of ["md", "html", "csv", "jsonld", "pdf"]) {
      const res = await room.member.agent.get(`/api/rooms/${room.roomId}/export`).query({ format });
      expect(res.status, format).toBe(403);
      expect(res.body.error.message).toContain("Threads from the class appear after you start your own");
    }
    await room.member.agent
      .post(`/api/rooms/${room.roomId}/export-jobs`)
      .query({ format: "pdf" })
      .expect(403);
  });

  it("is not notified of a mention in a reply it may not see (observers alike)", async () => {
    // Made while the room hides it: never stored (the last test counts the observer's notifications once it opens).
    await postReply(room.other, room.roomId, classThread, `Also ${mentionToken(room.observer.id)}`);
    for (const person of [room.member, room.observer]) {
      const res = await person.agent.get("/api/notifications").expect(200);
      expect(res.body).toEqual({ notifications: [], unread: 0 });
    }
  });

  it("is refused the room's document before any byte, and its veiled one holds only the instructors' words", async () => {
    for (const person of [room.member, room.observer]) {
      const forged = openRawSyncClient(syncUrl(), person.cookie);
      const received: Buffer[] = [];
      forged.socket.on("message", (data: Buffer) => received.push(data));
      expect(await forged.closed).toEqual({
        code: closeCode.hiddenUntilPosted,
        reason: hiddenUntilPostedNotice,
      });
      expect(received).toEqual([]);
      const replica = await syncedReplica(person, true);
      expect([...replica.room.threads.keys()]).toEqual([teacherThread]);
      expect([...replica.room.comments.values()].map((comment) => comment.body)).toEqual([
        "The teacher answers.",
      ]);
      expect(replica.bytes).not.toMatch(/Zanzibar|Quokka/);
      replica.client.socket.close();
    }
  });

  it("cannot reach the class's threads or replies by id: replying, reacting, following are 404s", async () => {
    const key = () => crypto.randomUUID();
    const reply = await room.member.agent
      .post(`/api/rooms/${room.roomId}/threads/${classThread}/comments`)
      .set("Idempotency-Key", key())
      .send({ body: "Probing." })
      .expect(404);
    expect(reply.body.error.message).toBe("Thread was not found.");
    await room.member.agent
      .put(`/api/rooms/${room.roomId}/reactions/${classThread}`)
      .set("Idempotency-Key", key())
      .send({ emoji: "👍" })
      .expect(404);
    await room.member.agent.put(`/api/rooms/${room.roomId}/threads/${classThread}/follow`).expect(404);
    // A thread followed before the room hid it is not listed either.
    const follows = await room.observer.agent.get(`/api/rooms/${room.roomId}/follows`).expect(200);
    expect(follows.body.threadIds).toEqual([]);
    // The instructors' thread stays open to them: they may answer it (which does not open the room).
    await postReply(room.member, room.roomId, teacherThread, "A question for the teacher.");
    expect((await threadList(room.member)).threads.map((thread) => thread.id)).toEqual([teacherThread]);
  });

  it("is told neither who types in the class's threads nor which thread anyone has open", async () => {
    const joined = async (person: Person) => {
      const socket = await connectPeople(server.url, person.cookie);
      await socket.emitWithAck("room.join", { roomId: room.roomId });
      return socket;
    };
    const [writer, teacher, veiled] = await Promise.all([
      joined(room.other),
      joined(room.owner),
      joined(room.observer),
    ]);
    const typing = collect(veiled, "typing");
    const presence = collect(veiled, "presence");
    const heard = nextEvent(teacher, "typing", (dto) => dto.threadId === classThread);
    const seen = nextEvent(teacher, "presence", (dto) =>
      dto.people.some((person) => person.threadId === classThread),
    );
    writer.emit("presence.update", {
      roomId: room.roomId,
      blockId: room.paragraphs[1]!.anchorId,
      threadId: classThread,
    });
    writer.emit("typing", { roomId: room.roomId, threadId: classThread });
    await Promise.all([heard, seen]);
    await veiled.emitWithAck("room.join", { roomId: room.roomId }); // a round trip: what was sent has arrived
    expect(typing).toEqual([]);
    expect(presence.length).toBeGreaterThan(0);
    expect(JSON.stringify(presence)).not.toContain(classThread);
    for (const socket of [writer, teacher, veiled]) socket.close();
  });

  it("instructors and owners see everything meanwhile", async () => {
    for (const person of [room.instructor, room.owner]) {
      expect((await threadList(person)).threads.map((thread) => thread.id).sort()).toEqual(
        [teacherThread, classThread].sort(),
      );
      const replica = await syncedReplica(person);
      expect(replica.room.threads.size).toBe(2);
      replica.client.socket.close();
      const veiled = openRawSyncClient(syncUrl(true), person.cookie);
      expect((await veiled.closed).code).toBe(closeCode.roomOpened);
    }
  });
});

describe("the room opens", () => {
  it("to a member live when their first thread commits: the veiled socket is closed and the next sees all", async () => {
    const veiled = await syncedReplica(room.member, true);
    // Live, the view takes the instructors' new words and none of the class's.
    const received: Buffer[] = [];
    veiled.client.socket.on("message", (data: Buffer) => received.push(data));
    await startThread(room.other, room.roomId, "Wombat, said live", {
      blockId: room.paragraphs[0]!.anchorId,
    });
    await postReply(room.instructor, room.roomId, teacherThread, "A live teacher's note.");
    await veiled.client.roundTrip();
    expect([...veiled.room.comments.values()].map((comment) => comment.body)).toContain(
      "A live teacher's note.",
    );
    expect(veiled.room.threads.size).toBe(1);
    expect(Buffer.concat(received).toString("utf8")).not.toContain("Wombat");
    const own = await startThread(room.member, room.roomId, "My own first thought.", {
      blockId: room.paragraphs[2]!.anchorId,
    });
    expect((await veiled.client.closed).code).toBe(closeCode.accessChanged);
    // Their own thread reached the veiled replica before it closed.
    expect(veiled.room.threads.has(own)).toBe(true);
    // Reconnecting where it was, the client is sent on to the room's document.
    expect((await openRawSyncClient(syncUrl(true), room.member.cookie).closed).code).toBe(
      closeCode.roomOpened,
    );
    const open = await syncedReplica(room.member);
    expect(open.room.threads.size).toBe(4);
    expect(open.bytes).toContain("Zanzibar");
    open.client.socket.close();
    expect((await threadList(room.member)).threads).toHaveLength(4);
    await room.member.agent.get(`/api/rooms/${room.roomId}/export`).query({ format: "md" }).expect(200);
  });

  it("with instructors' threads hidden too, a newcomer sees nothing of others until the setting is switched off", async () => {
    await settings({ instructorThreadsVisible: false });
    const newcomer = await joinGroup(server.app, room.owner, room.groupId, "member", "Nia Newcomer");
    expect((await threadList(newcomer)).threads).toEqual([]);
    const veiled = await syncedReplica(newcomer, true);
    expect(veiled.room.threads.size).toBe(0);
    await settings({ hideUntilPosted: false });
    expect((await veiled.client.closed).code).toBe(closeCode.accessChanged);
    const open = await syncedReplica(newcomer);
    expect(open.room.threads.size).toBe(4);
    open.client.socket.close();
    expect((await threadList(room.observer)).threads).toHaveLength(4);
    // Switched on again, the room closes the newcomer's open socket on its document; reconnecting, they are refused.
    const live = await syncedReplica(newcomer);
    await settings({ hideUntilPosted: true });
    expect((await live.client.closed).code).toBe(closeCode.accessChanged);
    const refused = openRawSyncClient(syncUrl(), newcomer.cookie);
    expect((await refused.closed).code).toBe(closeCode.hiddenUntilPosted);
    await settings({ hideUntilPosted: false });
    const follows = await room.observer.agent.get(`/api/rooms/${room.roomId}/follows`).expect(200);
    expect(follows.body.threadIds).toEqual([classThread]);
    // The mention from before the room hid threads shows again; the one made while it hid them was never stored.
    const notes = await room.observer.agent.get("/api/notifications").expect(200);
    expect(notes.body.unread).toBe(1);
    expect(notes.body.notifications[0].excerpt).toContain("Good point");
  });
});
