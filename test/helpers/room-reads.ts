// What a reader gets of a room's discussion, read as a test checks it: the REST thread list, and a raw sync replica.
import * as Y from "yjs";
import { RoomDoc } from "../../shared/room-doc.ts";
import { openRawSyncClient } from "./raw-sync-client.ts";
import type { Person } from "./room-fixture.ts";

/** The room's thread list for `person`, with replies (200 expected). */
export async function readThreadList(person: Person, roomId: string, query: Record<string, string> = {}) {
  const res = await person.agent
    .get(`/api/rooms/${roomId}/threads`)
    .query({ include: "comments", ...query })
    .expect(200);
  return res.body as {
    threads: { id: string; commentCount: number; comments?: { body: string }[] }[];
    blockCounts: Record<string, number>;
  };
}

/** A raw y-websocket reader's replica of `url` once synced, and every byte the server sent into it. */
export async function readSyncedReplica(url: string, cookie: string) {
  const client = openRawSyncClient(url, cookie);
  await client.synced;
  const bytes = Buffer.from(Y.encodeStateAsUpdate(client.doc)).toString("utf8");
  return { client, room: new RoomDoc(client.doc), bytes };
}
