// Access that changes while a sync handshake is still waiting (here on a cold room's load) is caught before the
// connection is registered: nothing of the document reaches someone removed meanwhile.
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCode } from "../../shared/sync-protocol.ts";
import { encodeUpdateMessage } from "../../server/realtime/sync-messages.ts";
import { RoomRegistry } from "../../server/services/room-store/room-registry.ts";
import { faultySql } from "../helpers/faulty-sql.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom, joinGroup } from "../helpers/room-fixture.ts";
import { testDatabase, testDbWithSql } from "../helpers/test-app.ts";
import { startTestServer } from "../helpers/test-server.ts";

const faults = faultySql(testDatabase().sql);
let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  const rooms = new RoomRegistry(testDbWithSql(faults.sql), pino({ level: "silent" }), encodeUpdateMessage);
  server = await startTestServer({ ctx: { rooms } });
  room = await buildRoom(server.app);
});
afterAll(async () => {
  await server.close();
});

describe("the sync handshake", () => {
  it("a member removed while their handshake waits for the room receives nothing of it", async () => {
    await room.member.agent
      .post(`/api/rooms/${room.roomId}/threads`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "Not for leavers." })
      .expect(201);
    expect(await server.ctx.rooms.unloadIdle(Date.now() + 1)).toBe(1); // cold again: the next reader loads it
    const leaver = await joinGroup(server.app, room.owner, room.groupId, "member", "Lou Leaving");

    let release!: () => void;
    const held = faults.holdNext(/UNION ALL/, new Promise<void>((resolve) => (release = resolve)));
    const client = openRawSyncClient(`${server.wsUrl}/yjs/rooms/${room.roomId}`, leaver.cookie);
    await held; // membership checked, the room's load in flight
    await room.owner.agent.delete(`/api/groups/${room.groupId}/members/${leaver.id}`).expect(204);
    release();

    const outcome = await Promise.race([client.closed, client.synced.then(() => "served the document")]);
    expect(outcome).toMatchObject({ code: closeCode.notFound });
    expect(client.doc.getMap("threads").size).toBe(0);
  });
});
