// Three server processes on one Postgres and the machine's Redis, as an operator runs them: a thread or a reply
// written through any server reaches the replicas on every server, and concurrent edits of one thread through all
// three leave every replica and the rows agreeing on the last edit in commit (log) order.
import { randomUUID } from "node:crypto";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc } from "../../shared/room-doc.ts";
import { loadRoomState } from "../../server/data/room-updates.ts";
import { waitFor } from "../helpers/processes.ts";
import { openRawSyncClient, type RawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { startServerCluster, type ServerCluster } from "../helpers/server-cluster.ts";
import { testDatabase } from "../helpers/test-app.ts";

let cluster: ServerCluster;
let room: Awaited<ReturnType<typeof buildRoom>>;
/** One replica of the room on each server. */
let replicas: RawSyncClient[];

beforeAll(async () => {
  cluster = await startServerCluster({
    count: 3,
    databaseUrl: inject("databaseUrl"),
    redisUrl: "redis://127.0.0.1:6379",
  });
  room = await buildRoom(cluster.servers[0]!.url);
  replicas = cluster.servers.map((server) =>
    openRawSyncClient(`${server.wsUrl}/yjs/rooms/${room.roomId}`, room.member.cookie),
  );
  await Promise.all(replicas.map((replica) => replica.synced));
}, 120_000);

afterAll(async () => {
  for (const replica of replicas ?? []) replica.socket.close();
  await cluster?.stop();
});

/** A request as the member, sent to server `index`. */
const asMember = (index: number, method: "post" | "patch", path: string) => {
  const server = supertest(cluster.servers[index]!.url);
  return (method === "post" ? server.post(path) : server.patch(path))
    .set("Cookie", room.member.cookie)
    .set("Idempotency-Key", randomUUID());
};

const everywhere = (what: string, holds: (doc: RoomDoc) => boolean) =>
  waitFor(
    () => (replicas.every((replica) => holds(new RoomDoc(replica.doc))) ? true : undefined),
    10_000,
    `${what} in the replica on every server (logs: ${cluster.logs(600)})`,
  );

describe("three servers on one Postgres and Redis", { timeout: 60_000 }, () => {
  it("a thread and a reply written through each server reach the replicas on every server", async () => {
    for (const index of [0, 1, 2]) {
      const started = await asMember(index, "post", `/api/rooms/${room.roomId}/threads`)
        .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: `Through server ${index}` })
        .expect(201);
      const threadId = started.body.thread.id as string;
      // The reply goes through the next server, which must already hold the thread to accept it.
      const reply = await asMember(
        (index + 1) % 3,
        "post",
        `/api/rooms/${room.roomId}/threads/${threadId}/comments`,
      )
        .send({ body: `Answered through server ${(index + 1) % 3}`, parentId: null })
        .expect(201);
      const commentId = reply.body.comment.id as string;
      await everywhere(
        `thread ${index} and its reply`,
        (doc) => !!doc.thread(threadId) && !!doc.comment(commentId),
      );
    }
  });

  it("concurrent edits of one thread through all three servers end with every replica and the rows agreeing", async () => {
    const started = await asMember(0, "post", `/api/rooms/${room.roomId}/threads`)
      .send({ anchor: { blockId: room.paragraphs[1]!.anchorId }, body: "edit 0" })
      .expect(201);
    const threadId = started.body.thread.id as string;
    const edits = Array.from({ length: 30 }, (_, index) => index + 1);
    const answers = await Promise.all(
      edits.map((index) =>
        asMember(index % 3, "patch", `/api/rooms/${room.roomId}/threads/${threadId}`).send({
          body: `edit ${index}`,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(edits.map(() => 200));
    const row = (await testDatabase().prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).body;
    // The log replayed in its order ends on the edit the row holds: documents and rows follow one commit order.
    const state = await loadRoomState(testDatabase().db, room.roomId, "group");
    const replay = new Y.Doc();
    if (state.snapshot) Y.applyUpdate(replay, state.snapshot);
    const bodies: string[] = [];
    for (const entry of state.updates) {
      Y.applyUpdate(replay, entry.update);
      const body = new RoomDoc(replay).thread(threadId)?.body;
      if (body && body !== bodies.at(-1)) bodies.push(body);
    }
    expect(bodies.at(-1)).toBe(row);
    await everywhere(`the thread's body "${row}"`, (doc) => doc.thread(threadId)?.body === row);
  });
});
