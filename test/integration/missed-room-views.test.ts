// Changes of what a room shows (hide until posted switched, a text removed) made while this server heard nothing of
// them (its Redis subscription was down): once "changes-missed" is said, open sync connections and socket.io rooms
// are checked against the database, and those the change concerns are closed as the lost events would have.
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeCode, syncPaths } from "../../shared/sync-protocol.ts";
import { connectPeople, nextEvent } from "../helpers/people-client.ts";
import { openRawSyncClient, type RawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom, startThread, type Person } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
  await startThread(room.other, room.roomId, "A class thread", { blockId: room.paragraphs[0]!.anchorId });
  await room.owner.agent.patch(`/api/rooms/${room.roomId}`).send({ hideUntilPosted: true }).expect(200);
});
afterAll(async () => {
  await server.close();
});

async function synced(person: Person, veiled: boolean): Promise<RawSyncClient> {
  const path = veiled ? syncPaths.veiledRoom(room.roomId) : syncPaths.room(room.roomId);
  const client = openRawSyncClient(`${server.wsUrl}${path}`, person.cookie);
  await client.synced;
  return client;
}

/** Says that changes were missed, then waits long enough for a re-check that closes something to have done so. */
async function missChanges(): Promise<void> {
  server.ctx.access.emit("changes-missed");
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const isOpen = (client: RawSyncClient) => client.socket.readyState === client.socket.OPEN;

it("reconnects exactly the readers whose view changed in the database meanwhile", async () => {
  const member = await synced(room.member, true); // has not posted: veiled
  const observer = await synced(room.observer, true);
  const poster = await synced(room.other, false); // posted: reads the room
  const instructor = await synced(room.instructor, false);

  await missChanges();
  expect([member, observer, poster, instructor].map(isOpen)).toEqual([true, true, true, true]);

  // Switched off on another server: written straight to the database, no event said here.
  await server.prisma.room.update({ where: { id: room.roomId }, data: { hideUntilPosted: false } });
  server.ctx.access.emit("changes-missed");
  expect((await member.closed).code).toBe(closeCode.accessChanged);
  expect((await observer.closed).code).toBe(closeCode.accessChanged);
  await poster.roundTrip();
  await instructor.roundTrip();
  expect([isOpen(poster), isOpen(instructor)]).toEqual([true, true]);

  // The text removed on another server: learners lose its room (sync and socket.io), instructors keep it.
  const memberAgain = await synced(room.member, false);
  const tab = await connectPeople(server.url, room.member.cookie);
  try {
    await tab.emitWithAck("room.join", { roomId: room.roomId });
    await server.prisma.document.update({ where: { id: room.documentId }, data: { removedAt: new Date() } });
    const roomClosed = nextEvent(tab, "room.closed");
    server.ctx.access.emit("changes-missed");
    expect((await memberAgain.closed).code).toBe(closeCode.accessChanged);
    expect((await poster.closed).code).toBe(closeCode.accessChanged);
    expect((await roomClosed).roomId).toBe(room.roomId);
    await instructor.roundTrip();
    expect(isOpen(instructor)).toBe(true);
  } finally {
    tab.close();
    instructor.socket.close();
  }
});
