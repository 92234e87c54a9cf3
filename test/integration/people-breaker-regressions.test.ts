// Regressions found by the breaker on issue 14's people channel (each fails on main as of 34a97df): a member who
// leads keeps leading after the owner turns "members may lead" off; a room id in upper case (accepted as a UUID)
// puts the socket in a presence room of its own; a socket flooding past its rate limit is answered once per event
// for as long as it floods, which stalls the server for everyone. And the same kinds found after: any block id is
// broadcast as presence, typing reaches everyone on a thread a moderator hid, and an expired (not revoked) session
// keeps its live connections.
import { beforeAll, describe, expect, it } from "vitest";
import { closeCode } from "../../shared/sync-protocol.ts";
import { collect, nextEvent } from "../helpers/people-client.ts";
import { usePeopleRoom } from "../helpers/people-room.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { joinGroup, newSession, startThread } from "../helpers/room-fixture.ts";

const fixture = usePeopleRoom();
let room: typeof fixture.room;
beforeAll(() => ({ room } = fixture));

describe("leading after the group stops letting members lead", () => {
  it("ends a member's follow-me and refuses new followers", async () => {
    await room.owner.agent.patch(`/api/groups/${room.groupId}`).send({ membersMayLead: true }).expect(200);
    const leader = (await fixture.join(room.member.cookie)).socket;
    const follower = (await fixture.join(room.other.cookie)).socket;
    expect((await leader.emitWithAck("follow.start", { roomId: room.roomId })).ok).toBe(true);
    const ended = nextEvent(follower, "follow.ended", (dto) => dto.leaderId === room.member.id);
    await room.owner.agent.patch(`/api/groups/${room.groupId}`).send({ membersMayLead: false }).expect(200);
    await ended;
    const join = await follower.emitWithAck("follow.join", { roomId: room.roomId, leaderId: room.member.id });
    expect(join).toMatchObject({ ok: false });
  });
});

describe("room ids in upper case", () => {
  it("are the same room as in lower case: both readers see each other and hear typing", async () => {
    const threadId = await startThread(room.owner, room.roomId, "Case.", {
      blockId: room.paragraphs[0]!.anchorId,
    });
    const lower = (await fixture.join(room.observer.cookie)).socket;
    const upper = await fixture.connect(room.instructor.cookie);
    const sees = nextEvent(lower, "presence", (dto) =>
      dto.people.some((p) => p.userId === room.instructor.id),
    );
    const ack = await upper.emitWithAck("room.join", { roomId: room.roomId.toUpperCase() });
    await sees;
    expect(ack).toMatchObject({ ok: true, presence: { roomId: room.roomId } });
    const heard = nextEvent(lower, "typing", (dto) => dto.userId === room.instructor.id);
    upper.emit("typing", { roomId: room.roomId.toUpperCase(), threadId: threadId.toUpperCase() });
    expect(await heard).toMatchObject({ roomId: room.roomId, threadId });
  });
});

describe("a socket that floods past its rate limit", () => {
  it("is cut off rather than answered once for every event", async () => {
    // The observer: cut off, they are barred from reconnecting for a while, and later tests need the others.
    const flooder = await fixture.connect(room.observer.cookie);
    const refusals = collect(flooder, "error.event");
    const gone = new Promise<string>((resolve) => flooder.once("disconnect", resolve));
    const closing = nextEvent(flooder, "connection.closing", () => true, 10_000);
    for (let i = 0; i < 2_000; i++)
      flooder.emit("presence.update", { roomId: room.roomId, blockId: `b${i}` });
    const after = await Promise.race([
      gone,
      new Promise((resolve) => setTimeout(() => resolve("still connected"), 10_000)),
    ]);
    expect(after).toBe("io server disconnect");
    // Told why, so that a client waits before reconnecting.
    expect(await closing).toMatchObject({ code: "rate_limited" });
    // Straight back in is refused: a flooder does not trade its events for handshakes.
    await expect(fixture.connect(room.observer.cookie)).rejects.toMatchObject({
      data: { code: "rate_limited" },
    });
    // 2 000 events are 50 times the per-socket window: a few refusals tell a sloppy client; not 2 000.
    expect(refusals.length).toBeLessThan(100);
  });
});

describe("presence blocks", () => {
  it("refuses a block id that is not a block of the room, and neither lists nor records it", async () => {
    const watcher = (await fixture.join(room.owner.cookie)).socket;
    const reader = (await fixture.join(room.other.cookie)).socket;
    const lists = collect(watcher, "presence");
    const bogus = "<img src=x onerror=alert(1)>";
    const refused = nextEvent(reader, "error.event", (dto) => dto.event === "presence.update");
    reader.emit("presence.update", { roomId: room.roomId, blockId: bogus });
    expect(await refused).toMatchObject({ code: "validation_failed" });
    const real = room.paragraphs[1]!.anchorId;
    reader.emit("presence.update", { roomId: room.roomId, blockId: real });
    await nextEvent(watcher, "presence", (dto) =>
      dto.people.some((p) => p.userId === room.other.id && p.blockId === real),
    );
    const shown = lists.flatMap((dto) => dto.people.map((p) => p.blockId));
    expect(shown).not.toContain(bogus);
    reader.close();
    const rows = await fixture.server.prisma.readingTime.findMany({
      where: { roomId: room.roomId, userId: room.other.id, blockId: bogus },
    });
    expect(rows).toEqual([]);
  });
});

describe("typing on a thread a moderator hid", () => {
  it("is refused for members and heard only by moderators from a moderator", async () => {
    const threadId = await startThread(room.member, room.roomId, "To be hidden.", {
      blockId: room.paragraphs[0]!.anchorId,
    });
    await room.owner.agent
      .post(`/api/rooms/${room.roomId}/threads/${threadId}/hide`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ reason: "Off topic." })
      .expect(200);
    const owner = (await fixture.join(room.owner.cookie)).socket;
    const member = (await fixture.join(room.member.cookie)).socket;
    const instructor = (await fixture.join(room.instructor.cookie)).socket;
    const memberHears = collect(member, "typing");
    const ownerHears = collect(owner, "typing");
    const refused = nextEvent(member, "error.event", (dto) => dto.event === "typing");
    member.emit("typing", { roomId: room.roomId, threadId });
    expect(await refused).toMatchObject({ code: "not_found" });
    const heard = nextEvent(owner, "typing", (dto) => dto.userId === room.instructor.id);
    instructor.emit("typing", { roomId: room.roomId, threadId });
    expect(await heard).toMatchObject({ threadId, typing: true });
    // Sent after the instructor's: heard by now if it were going to be.
    await member.emitWithAck("follow.leave", { roomId: room.roomId });
    expect(memberHears).toEqual([]);
    expect(ownerHears.filter((dto) => dto.userId === room.member.id)).toEqual([]);
  });
});

describe("a session that expires while its connections are open", () => {
  it("closes its people-channel socket and its /yjs connection as signed out", async () => {
    const person = await joinGroup(fixture.server.app, room.owner, room.groupId, "member", "Eve Expiring");
    const cookie = await newSession(fixture.server.app, person);
    const [latest] = await fixture.server.prisma.session.findMany({
      where: { userId: person.id },
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    await fixture.server.prisma.session.update({
      where: { id: latest!.id },
      data: { expiresAt: new Date(Date.now() + 2_000) },
    });
    const socket = (await fixture.join(cookie)).socket;
    const closing = nextEvent(socket, "connection.closing", () => true, 10_000);
    const sync = openRawSyncClient(`${fixture.server.wsUrl}/yjs/rooms/${room.roomId}`, cookie);
    await sync.synced;
    expect(await closing).toMatchObject({ code: "unauthenticated" });
    expect((await sync.closed).code).toBe(closeCode.unauthenticated);
  });
});
