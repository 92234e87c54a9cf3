// Moving a room to a new version of its text: every thread re-anchored in both documents and in the rows in one
// commit, stale creations carried or refused, re-attachment, and live replicas plus an offline queue converging.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryQueueStorage } from "../../shared/room-client/mutation-queue.ts";
import type { RoomClient } from "../../shared/room-client/room-client.ts";
import { RoomDoc, roomScopes, type ThreadRecord } from "../../shared/room-doc.ts";
import { syncPaths } from "../../shared/sync-protocol.ts";
import { waitFor } from "../helpers/processes.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { roomClientFor } from "../helpers/room-client.ts";
import { buildRoom, roomText, startThread, type Person } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
const clients: RoomClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

const eventually = <T>(check: () => T | undefined, what: string) => waitFor(check, 5_000, what);

const secondParagraph = "The second paragraph disagrees with the first, politely but firmly, at some length.";
/** Version 2: the second paragraph rewritten beyond recognition (a new block), the others as they were. */
const correctedText = roomText.replace(
  secondParagraph,
  "A wholly new middle paragraph now stands where the old one argued.",
);

interface Block {
  kind: string;
  text: string;
  anchorId: string;
}

type Room = Awaited<ReturnType<typeof buildRoom>>;

/** A room (version 1 = roomText) whose document also has version 2 (correctedText); version 2's paragraphs. */
async function roomWithTwoVersions(): Promise<{ room: Room; v2: Block[] }> {
  const room = await buildRoom(server.app);
  await room.owner.agent
    .post(`/api/documents/${room.documentId}/versions`)
    .set("Content-Type", "text/plain")
    .send(correctedText)
    .expect(201);
  const blocks = (await room.owner.agent.get(`/api/documents/${room.documentId}/versions/2`).expect(200)).body
    .version.blocks as Block[];
  return { room, v2: blocks.filter((block) => block.kind === "paragraph") };
}

const move = (person: Pick<Person, "agent">, roomId: string, version: number) =>
  person.agent.post(`/api/rooms/${roomId}/version`).send({ version });

/** The room's committed documents as the server holds them. */
async function serverDocs(roomId: string) {
  return Promise.all(
    roomScopes.map(async (scope) => new RoomDoc((await server.ctx.rooms.open(roomId, scope)).committed)),
  );
}

/** Asserts that every thread record of both documents agrees with its row (anchor and anchor status). */
async function expectRowsMatchDocs(roomId: string): Promise<ThreadRecord[]> {
  const records = (await serverDocs(roomId)).flatMap((doc) => [...doc.threads.values()]);
  const rows = await server.prisma.thread.findMany({ where: { roomId } });
  expect(rows.map((row) => row.id).sort()).toEqual(records.map((record) => record.id).sort());
  for (const record of records) {
    const row = rows.find((candidate) => candidate.id === record.id)!;
    expect(row.anchor).toEqual(record.anchor);
    expect(row.blockId).toBe(record.anchor.blockId);
    expect(row.anchorStatus).toBe(record.anchorStatus ?? "unchanged");
    expect(row.anchorChange).toEqual(record.anchorChange ?? null);
  }
  return records as ThreadRecord[];
}

describe("moving a room to a new version", () => {
  it("re-anchors every thread of both scopes in one commit; rows, documents and the REST list agree", async () => {
    const { room, v2 } = await roomWithTwoVersions();
    const [first, second, third] = room.paragraphs as [Block, Block, Block];
    const kept = await startThread(room.member, room.roomId, "On 'first'.", {
      blockId: first.anchorId,
      start: 4,
      end: 9,
    });
    const lost = await startThread(room.member, room.roomId, "On the second.", { blockId: second.anchorId });
    const deleted = await startThread(room.other, room.roomId, "Deleted later.", {
      blockId: second.anchorId,
    });
    await room.other.agent
      .delete(`/api/rooms/${room.roomId}/threads/${deleted}`)
      .set("Idempotency-Key", crypto.randomUUID())
      .expect(200);
    const staffThread = (body: string, block: Block) =>
      startThread(
        room.instructor,
        room.roomId,
        body,
        { blockId: block.anchorId },
        { visibility: "instructors" },
      );
    const staffKept = await staffThread("Staff, third.", third);
    const staffLost = await staffThread("Staff, second.", second);

    await move(room.member, room.roomId, 2).expect(403);
    await move(room.observer, room.roomId, 2).expect(403);
    await move(room.outsider, room.roomId, 2).expect(404);
    const unknown = await move(room.owner, room.roomId, 9).expect(404);
    expect(unknown.body.error.message).toContain("Version 9");
    const same = await move(room.owner, room.roomId, 1).expect(409);
    expect(same.body.error.message).toContain("already reads version 1");
    await move(room.owner, room.roomId, 0).expect(400);

    const moved = await move(room.instructor, room.roomId, 2).expect(200);
    expect(moved.body.room).toMatchObject({ id: room.roomId, version: 2 });
    expect(moved.body.threads).toEqual({ unchanged: 2, moved: 0, detached: 3 });

    const records = await expectRowsMatchDocs(room.roomId);
    const byId = new Map(records.map((record) => [record.id, record]));
    expect(byId.get(kept)).toMatchObject({
      anchor: { blockId: first.anchorId, start: 4, end: 9, exact: "first" },
    });
    expect(byId.get(kept)!.anchorStatus ?? "unchanged").toBe("unchanged");
    expect(byId.get(staffKept)!.anchorChange ?? null).toBeNull();
    for (const id of [lost, deleted, staffLost]) {
      expect(byId.get(id)).toMatchObject({
        anchorStatus: "detached",
        anchor: { blockId: second.anchorId },
        anchorChange: { fromVersion: 1, toVersion: 2, previous: { blockId: second.anchorId } },
      });
    }
    expect(byId.get(deleted)!.deleted).toBe(true);
    const version2 = await server.prisma.documentVersion.findFirstOrThrow({
      where: { documentId: room.documentId, number: 2 },
    });
    for (const doc of await serverDocs(room.roomId)) {
      expect(doc.roomVersion()).toMatchObject({ id: version2.id, number: 2 });
      expect(doc.roomVersion()!.movedAt).not.toBeNull();
    }
    expect((await server.prisma.room.findUniqueOrThrow({ where: { id: room.roomId } })).versionId).toBe(
      version2.id,
    );
    const audit = await server.prisma.auditEvent.findFirstOrThrow({
      where: { action: "room.version_moved", targetId: room.roomId },
    });
    expect(audit).toMatchObject({ actorId: room.instructor.id, groupId: room.groupId });
    expect(audit.details).toMatchObject({ fromVersion: 1, toVersion: 2 });

    const listed = (await room.owner.agent.get(`/api/rooms/${room.roomId}/threads`).expect(200)).body
      .threads as { id: string; anchorStatus: string; anchorChange: unknown; version: number | null }[];
    expect(listed.find((thread) => thread.id === lost)).toMatchObject({
      anchorStatus: "detached",
      anchorChange: { fromVersion: 1, toVersion: 2 },
      version: 1,
    });
    expect(listed.find((thread) => thread.id === kept)).toMatchObject({
      anchorStatus: "unchanged",
      anchorChange: null,
      version: 1,
    });

    // A thread started now is written on version 2 and anchored against it.
    await room.member.agent
      .post(`/api/rooms/${room.roomId}/threads`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ anchor: { blockId: second.anchorId }, body: "Old block." })
      .expect(400);
    const fresh = await startThread(room.member, room.roomId, "On the new middle.", {
      blockId: v2[1]!.anchorId,
    });
    expect((await server.prisma.thread.findUniqueOrThrow({ where: { id: fresh } })).versionNumber).toBe(2);

    // Moving back: the detached threads find their old block again (re-anchored from the version they were on).
    const back = await move(room.owner, room.roomId, 1).expect(200);
    expect(back.body.threads).toEqual({ unchanged: 5, moved: 0, detached: 1 });
    const after = new Map((await expectRowsMatchDocs(room.roomId)).map((record) => [record.id, record]));
    expect(after.get(lost)).toMatchObject({ anchorStatus: "unchanged", anchorChange: null });
    expect(after.get(fresh)).toMatchObject({
      anchorStatus: "detached",
      anchorChange: { fromVersion: 2, toVersion: 1 },
    });
  });

  it("carries a thread queued against the old version onto the new one, or refuses it as detached", async () => {
    const { room } = await roomWithTwoVersions();
    const [first, second] = room.paragraphs as [Block, Block];
    await move(room.owner, room.roomId, 2).expect(200);
    const post = (key: string, body: object) =>
      room.member.agent.post(`/api/rooms/${room.roomId}/threads`).set("Idempotency-Key", key).send(body);

    const key = crypto.randomUUID();
    const stale = {
      anchor: { blockId: first.anchorId, start: 4, end: 9 },
      body: "Queued on v1.",
      version: 1,
    };
    const created = await post(key, stale).expect(201);
    // Written on version 1 (its author read that one), placed on version 2.
    expect(created.body.thread).toMatchObject({
      version: 1,
      anchor: { blockId: first.anchorId, exact: "first" },
    });
    expect(created.body.thread.anchorStatus ?? "unchanged").toBe("unchanged");
    const replay = await post(key, stale).expect(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body).toEqual(created.body);

    const refused = await post(crypto.randomUUID(), {
      anchor: { blockId: second.anchorId },
      body: "Queued on a paragraph that is gone.",
      version: 1,
    }).expect(409);
    expect(refused.body.error.code).toBe("anchor_detached");
    expect(refused.body.error.message).toContain("moved to version 2");
    // The anchor is checked against the version it names.
    await post(crypto.randomUUID(), {
      anchor: { blockId: first.anchorId, start: 0, end: 9999 },
      body: "x",
      version: 1,
    }).expect(400);
    await post(crypto.randomUUID(), { anchor: { blockId: first.anchorId }, body: "x", version: 7 }).expect(
      400,
    );
    await expectRowsMatchDocs(room.roomId);
    expect(await server.prisma.thread.count({ where: { roomId: room.roomId } })).toBe(1);
  });

  it("a thread sent while the room moves is placed on the new version, not committed on the old", async () => {
    const { room, v2 } = await roomWithTwoVersions();
    const [group, instructors] = await Promise.all(
      roomScopes.map((scope) => server.ctx.rooms.open(room.roomId, scope)),
    );
    // The move takes the group document's lock, then waits for the instructors' one, held here; the thread's
    // commit then queues behind the move on the group document, its anchor prepared on version 1.
    let release!: () => void;
    const held = instructors!.lock.run(() => new Promise<void>((resolve) => (release = resolve)));
    const run = group!.lock.run.bind(group!.lock);
    let waiting = 0;
    group!.lock.run = (task) => {
      waiting += 1;
      return run(task);
    };
    try {
      const moving = move(room.owner, room.roomId, 2).then((res) => res);
      await eventually(() => (waiting === 1 ? true : undefined), "the move to wait for the second lock");
      const creating = room.member.agent
        .post(`/api/rooms/${room.roomId}/threads`)
        .set("Idempotency-Key", crypto.randomUUID())
        .send({ anchor: { blockId: room.paragraphs[0]!.anchorId, start: 4, end: 9 }, body: "Meanwhile." })
        .then((res) => res);
      await eventually(() => (waiting === 2 ? true : undefined), "the thread to queue behind the move");
      release();
      await held;
      expect((await moving).status).toBe(200);
      const created = await creating;
      expect(created.status).toBe(201);
      expect(created.body.thread).toMatchObject({ version: 2, anchor: { exact: "first" } });
      expect(v2.map((block) => block.anchorId)).toContain(created.body.thread.anchor.blockId);
    } finally {
      group!.lock.run = run;
      release();
    }
    await expectRowsMatchDocs(room.roomId);
  });

  it("re-attaches a detached thread (owners and instructors), audited", async () => {
    const { room, v2 } = await roomWithTwoVersions();
    const lost = await startThread(room.member, room.roomId, "On the second.", {
      blockId: room.paragraphs[1]!.anchorId,
    });
    await move(room.owner, room.roomId, 2).expect(200);
    const reattach = (person: Pick<Person, "agent">, anchor: object) =>
      person.agent
        .post(`/api/rooms/${room.roomId}/threads/${lost}/anchor`)
        .set("Idempotency-Key", crypto.randomUUID())
        .send({ anchor });
    const target = { blockId: v2[1]!.anchorId, start: 2, end: 8 };
    await reattach(room.member, target).expect(403);
    await reattach(room.owner, { blockId: room.paragraphs[1]!.anchorId }).expect(400); // not in version 2
    const done = await reattach(room.instructor, target).expect(200);
    expect(done.body.thread).toMatchObject({
      anchor: { blockId: v2[1]!.anchorId, start: 2, end: 8, exact: "wholly" },
      anchorStatus: "moved",
      anchorChange: {
        fromVersion: 2,
        toVersion: 2,
        previous: { blockId: room.paragraphs[1]!.anchorId },
        reattached: { byId: room.instructor.id, byName: room.instructor.displayName },
      },
    });
    const records = await expectRowsMatchDocs(room.roomId);
    expect(records.find((record) => record.id === lost)?.anchorStatus).toBe("moved");
    expect(
      await server.prisma.auditEvent.count({ where: { action: "thread.reattached", targetId: lost } }),
    ).toBe(1);
  });

  it("two live replicas and an offline client with queued replies converge after a move; nothing is lost", async () => {
    const { room } = await roomWithTwoVersions();
    const [first, second] = room.paragraphs as [Block, Block];
    const keptThread = await startThread(room.member, room.roomId, "Stays.", { blockId: first.anchorId });
    const lostThread = await startThread(room.other, room.roomId, "Goes.", { blockId: second.anchorId });
    const connect = (person: Person, storage = new MemoryQueueStorage()) => {
      const network = { up: true };
      const client = roomClientFor(server.url, room.roomId, person, {
        queueStorage: storage,
        fetch: (input, init) =>
          network.up ? fetch(input, init) : Promise.reject(new TypeError("fetch failed: offline")),
      });
      clients.push(client);
      return { client, network };
    };
    const { client: a } = connect(room.member);
    const { client: b } = connect(room.observer);
    const { client: offline, network } = connect(room.other);
    await Promise.all([a.whenSynced(), b.whenSynced(), offline.whenSynced()]);

    network.up = false;
    offline.provider.disconnect();
    const onKept = offline.reply(keptThread, "Queued on the kept thread.");
    const onLost = offline.reply(lostThread, "Queued on the thread that will detach.");
    await eventually(() => (offline.state().pending === 2 ? true : undefined), "two replies queued offline");

    const moved = await move(room.owner, room.roomId, 2).expect(200);
    expect(moved.body.threads).toEqual({ unchanged: 1, moved: 0, detached: 1 });
    for (const replica of [a, b]) {
      await eventually(
        () =>
          replica.room.roomVersion()?.number === 2 &&
          replica.room.thread(lostThread)?.anchorStatus === "detached"
            ? true
            : undefined,
        "the replica to receive the move",
      );
    }

    network.up = true;
    offline.provider.connect();
    await Promise.all([onKept.done, onLost.done]);
    const [group] = await serverDocs(room.roomId);
    const snapshot = (doc: RoomDoc) => ({
      version: doc.roomVersion(),
      threads: Object.fromEntries([...doc.threads.map.entries()].sort()),
      comments: Object.fromEntries([...doc.comments.map.entries()].sort()),
    });
    for (const replica of [a, b, offline]) {
      await eventually(
        () => (replica.room.comment(onKept.id) && replica.room.comment(onLost.id) ? true : undefined),
        "the queued replies to reach every replica",
      );
      expect(snapshot(replica.room)).toEqual(snapshot(group!));
    }
    expect(group!.roomVersion()?.number).toBe(2);
    expect(group!.thread(lostThread)?.anchorStatus).toBe("detached");
    expect(await server.prisma.comment.count({ where: { id: { in: [onKept.id, onLost.id] } } })).toBe(2);
    await expectRowsMatchDocs(room.roomId);
  });

  it("a reader veiled by hide-until-posted is told the new version too", async () => {
    const { room } = await roomWithTwoVersions();
    await room.owner.agent.patch(`/api/rooms/${room.roomId}`).send({ hideUntilPosted: true }).expect(200);
    await startThread(room.other, room.roomId, "Hidden from the unposted.", {
      blockId: room.paragraphs[0]!.anchorId,
    });
    const veiled = openRawSyncClient(
      `${server.wsUrl}${syncPaths.veiledRoom(room.roomId)}`,
      room.member.cookie,
    );
    await veiled.synced;
    const doc = new RoomDoc(veiled.doc);
    expect(doc.threads.size).toBe(0);
    await move(room.owner, room.roomId, 2).expect(200);
    await eventually(() => (doc.roomVersion()?.number === 2 ? true : undefined), "the veiled reader");
    expect(doc.threads.size).toBe(0);
    veiled.socket.close();
  });

  it("an archived room is not moved", async () => {
    const { room } = await roomWithTwoVersions();
    await room.owner.agent.patch(`/api/rooms/${room.roomId}`).send({ archived: true }).expect(200);
    const refused = await move(room.owner, room.roomId, 2).expect(409);
    expect(refused.body.error.code).toBe("room_archived");
    expect((await server.prisma.room.findUniqueOrThrow({ where: { id: room.roomId } })).versionId).not.toBe(
      (
        await server.prisma.documentVersion.findFirstOrThrow({
          where: { documentId: room.documentId, number: 2 },
        })
      ).id,
    );
  });
});
