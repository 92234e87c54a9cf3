// Who is in a room and where they read: joining, moving, idling, leaving, several tabs of one person, a closed
// tab, a removed member, and the reading time recorded from it (or not, where the group switched it off).
import { beforeAll, describe, expect, it } from "vitest";
import { peoplePingIntervalMs, peoplePingTimeoutMs, type PresenceDto } from "../../shared/people-protocol.ts";
import { startFreezableProxy } from "../helpers/freezable-proxy.ts";
import { waitFor } from "../helpers/processes.ts";
import { nextEvent, type PeopleClient } from "../helpers/people-client.ts";
import { usePeopleRoom } from "../helpers/people-room.ts";
import { buildRoom, joinGroup, newSession, startThread } from "../helpers/room-fixture.ts";

const fixture = usePeopleRoom({ people: { readingTimeFlushMs: 250 } });
let server: typeof fixture.server;
let room: typeof fixture.room;
beforeAll(() => ({ server, room } = fixture));

const joined = (cookie: string, roomId?: string) => fixture.join(cookie, roomId);

const person = (dto: PresenceDto, userId: string) => dto.people.find((entry) => entry.userId === userId);
/** The next list in which `userId`'s entry passes `check` (undefined: absent). */
const listWhere = (
  socket: PeopleClient,
  userId: string,
  check: (entry: ReturnType<typeof person>) => boolean,
  timeoutMs?: number,
) =>
  nextEvent(socket, "presence", (dto) => dto.roomId === room.roomId && check(person(dto, userId)), timeoutMs);

describe("presence", () => {
  it("lists who joined, follows their paragraph and idleness, and drops them when they leave", async () => {
    const watcher = await joined(room.owner.cookie);
    const reader = await joined(room.member.cookie);
    expect(person(reader.presence, room.owner.id)).toMatchObject({ name: "Olive Owner", role: "owner" });
    expect(person(reader.presence, room.member.id)).toMatchObject({ tabs: 1, blockId: null, idle: false });
    await listWhere(watcher.socket, room.member.id, (entry) => entry !== undefined);

    const blockId = room.paragraphs[1]!.anchorId;
    reader.socket.emit("presence.update", { roomId: room.roomId, blockId });
    const moved = await listWhere(watcher.socket, room.member.id, (entry) => entry?.blockId === blockId);
    expect(person(moved, room.member.id)).toMatchObject({ role: "member", idle: false, threadId: null });

    reader.socket.emit("presence.update", { roomId: room.roomId, blockId, idle: true });
    await listWhere(watcher.socket, room.member.id, (entry) => entry?.idle === true);

    const left = listWhere(watcher.socket, room.member.id, (entry) => entry === undefined);
    expect(await reader.socket.emitWithAck("room.leave", { roomId: room.roomId })).toEqual({ ok: true });
    await left;
  });

  it("counts a person's tabs once; the most recently active tab says where they are", async () => {
    const watcher = await joined(room.owner.cookie);
    const first = await joined(room.other.cookie);
    const second = await joined(await newSession(server.app, room.other));
    const both = await listWhere(watcher.socket, room.other.id, (entry) => entry?.tabs === 2);
    expect(both.people.filter((entry) => entry.userId === room.other.id)).toHaveLength(1);

    first.socket.emit("presence.update", { roomId: room.roomId, blockId: room.paragraphs[0]!.anchorId });
    await listWhere(
      watcher.socket,
      room.other.id,
      (entry) => entry?.blockId === room.paragraphs[0]!.anchorId,
    );
    second.socket.emit("presence.update", { roomId: room.roomId, blockId: room.paragraphs[2]!.anchorId });
    await listWhere(
      watcher.socket,
      room.other.id,
      (entry) => entry?.blockId === room.paragraphs[2]!.anchorId,
    );

    // A closed tab leaves the list within 5 s; the person stays while another tab is open.
    second.socket.close();
    const one = await listWhere(watcher.socket, room.other.id, (entry) => entry?.tabs === 1);
    expect(person(one, room.other.id)?.tabs).toBe(1);
    first.socket.close();
    await listWhere(watcher.socket, room.other.id, (entry) => entry === undefined);
  });

  it("drops a silent connection (no close, no pong) within the heartbeat", async () => {
    const proxy = await startFreezableProxy(server.url);
    try {
      const watcher = await joined(room.owner.cookie);
      const sleeper = await fixture.connect(room.observer.cookie, {}, proxy.url);
      expect(await sleeper.emitWithAck("room.join", { roomId: room.roomId })).toMatchObject({ ok: true });
      await listWhere(watcher.socket, room.observer.id, (entry) => entry !== undefined);
      proxy.freeze();
      const heartbeat = peoplePingIntervalMs + peoplePingTimeoutMs;
      await listWhere(watcher.socket, room.observer.id, (entry) => entry === undefined, heartbeat + 5_000);
    } finally {
      await proxy.close();
    }
  }, 40_000);

  it("takes a removed member out of the room at once, telling their socket", async () => {
    const removed = await joinGroup(server.app, room.owner, room.groupId, "member", "Rex Removed");
    const watcher = await joined(room.owner.cookie);
    const reader = await joined(removed.cookie);
    await listWhere(watcher.socket, removed.id, (entry) => entry !== undefined);
    const closed = nextEvent(reader.socket, "room.closed");
    const unlisted = listWhere(watcher.socket, removed.id, (entry) => entry === undefined);
    await room.owner.agent.delete(`/api/groups/${room.groupId}/members/${removed.id}`).expect(204);
    expect(await closed).toMatchObject({ roomId: room.roomId, code: "not_found" });
    await unlisted;

    const refused = nextEvent(reader.socket, "error.event");
    reader.socket.emit("presence.update", { roomId: room.roomId, blockId: null });
    expect(await refused).toMatchObject({ code: "not_found", event: "presence.update" });
    const again = await reader.socket.emitWithAck("room.join", { roomId: room.roomId });
    expect(again).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("re-scopes a member whose role changed without disconnecting them: promoted, they hear instructors' typing", async () => {
    const promoted = await joinGroup(server.app, room.owner, room.groupId, "member", "Pat Promoted");
    const reader = await joined(promoted.cookie);
    const watcher = await joined(room.owner.cookie);
    // Listening before the change: its list can go out before the PATCH's answer is in.
    const relisted = listWhere(watcher.socket, promoted.id, (entry) => entry?.role === "instructor");
    await room.owner.agent
      .patch(`/api/groups/${room.groupId}/members/${promoted.id}`)
      .send({ role: "instructor" })
      .expect(200);
    const listed = await relisted;
    expect(person(listed, promoted.id)?.tabs).toBe(1);
    expect(reader.socket.connected).toBe(true);
    // Now in the instructors' scope: typing on an instructors' thread reaches them.
    const threadId = await startThread(
      room.owner,
      room.roomId,
      "For teachers.",
      { blockId: room.paragraphs[0]!.anchorId },
      { visibility: "instructors" },
    );
    const heard = nextEvent(reader.socket, "typing", (dto) => dto.threadId === threadId);
    watcher.socket.emit("typing", { roomId: room.roomId, threadId });
    expect(await heard).toMatchObject({ userId: room.owner.id });
  });
});

describe("reading time", () => {
  const rows = (roomId: string, userId: string) =>
    server.prisma.readingTime.findMany({ where: { roomId, userId } });

  it("records seconds per paragraph and day from presence, active seconds only while not idle", async () => {
    const reader = await joined(room.instructor.cookie);
    const blockId = room.paragraphs[0]!.anchorId;
    const began = Date.now();
    reader.socket.emit("presence.update", { roomId: room.roomId, blockId });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    reader.socket.emit("presence.update", { roomId: room.roomId, blockId, idle: true });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    reader.socket.emit("presence.update", { roomId: room.roomId, blockId: null });
    const wallSeconds = (Date.now() - began) / 1000;
    const [row] = await waitFor(
      async () => {
        const found = await rows(room.roomId, room.instructor.id);
        return found.length > 0 && found[0]!.seconds >= 3 ? found : undefined;
      },
      5_000,
      "reading time rows",
    );
    expect(row).toMatchObject({ blockId, day: new Date(new Date().toISOString().slice(0, 10)) });
    expect(row!.activeSeconds).toBeGreaterThanOrEqual(1);
    expect(row!.activeSeconds).toBeLessThan(row!.seconds);
    // Never more than the wall time that passed.
    expect(row!.seconds).toBeLessThanOrEqual(Math.ceil(wallSeconds));
  });

  it("records nothing for a group that switched it off; only owners switch it", async () => {
    const quiet = await buildRoom(server.app);
    await quiet.member.agent
      .patch(`/api/groups/${quiet.groupId}`)
      .send({ recordReadingTime: false })
      .expect(403);
    await quiet.owner.agent.patch(`/api/groups/${quiet.groupId}`).send({}).expect(400);
    const changed = await quiet.owner.agent
      .patch(`/api/groups/${quiet.groupId}`)
      .send({ recordReadingTime: false })
      .expect(200);
    expect(changed.body.group).toMatchObject({
      id: quiet.groupId,
      recordReadingTime: false,
      membersMayLead: false,
    });
    const listed = await quiet.member.agent.get("/api/groups").expect(200);
    expect(listed.body.groups[0]).toMatchObject({ recordReadingTime: false, membersMayLead: false });

    const reader = await fixture.connect(quiet.member.cookie);
    await reader.emitWithAck("room.join", { roomId: quiet.roomId });
    reader.emit("presence.update", { roomId: quiet.roomId, blockId: quiet.paragraphs[0]!.anchorId });
    // The same reading, timed alongside in a group that records: once its row is there, the quiet one's would be.
    const control = await joined(room.observer.cookie);
    control.socket.emit("presence.update", { roomId: room.roomId, blockId: room.paragraphs[0]!.anchorId });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    reader.emit("presence.update", { roomId: quiet.roomId, blockId: null });
    control.socket.emit("presence.update", { roomId: room.roomId, blockId: null });
    await waitFor(
      async () => ((await rows(room.roomId, room.observer.id)).length > 0 ? true : undefined),
      5_000,
      "the control row",
    );
    expect(await rows(quiet.roomId, quiet.member.id)).toEqual([]);
  });
});
