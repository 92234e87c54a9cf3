// "X is replying…" to those who may see the thread, and "follow me": start, follow, move, step out, end, who may
// lead, and a leader who leaves.
import { beforeAll, describe, expect, it } from "vitest";
import { collect, nextEvent, type PeopleClient } from "../helpers/people-client.ts";
import { usePeopleRoom } from "../helpers/people-room.ts";
import { joinGroup, newSession, startThread } from "../helpers/room-fixture.ts";

const fixture = usePeopleRoom();
let server: typeof fixture.server;
let room: typeof fixture.room;
beforeAll(() => ({ server, room } = fixture));

const joined = async (cookie: string) => (await fixture.join(cookie)).socket;

/** A round trip on each socket: whatever was sent to them before has arrived. */
const settle = (...sockets: PeopleClient[]) =>
  Promise.all(sockets.map((socket) => socket.emitWithAck("room.join", { roomId: room.roomId })));

describe("typing", () => {
  it("tells the others in the room, named by the session", async () => {
    const threadId = await startThread(room.owner, room.roomId, "Open to all.", {
      blockId: room.paragraphs[0]!.anchorId,
    });
    const writer = await joined(room.member.cookie);
    const reader = await joined(room.other.cookie);
    const own = collect(writer, "typing");
    const heard = nextEvent(reader, "typing");
    writer.emit("typing", { roomId: room.roomId, threadId });
    expect(await heard).toEqual({
      roomId: room.roomId,
      threadId,
      userId: room.member.id,
      name: "Mel Member",
      typing: true,
    });
    const stopped = nextEvent(reader, "typing");
    writer.emit("typing", { roomId: room.roomId, threadId, typing: false });
    expect(await stopped).toMatchObject({ typing: false });
    await settle(writer);
    expect(own).toEqual([]);
  });

  it("keeps typing on an instructors' thread among instructors and owners, and refuses it from members", async () => {
    const threadId = await startThread(
      room.instructor,
      room.roomId,
      "Between us.",
      { blockId: room.paragraphs[0]!.anchorId },
      { visibility: "instructors" },
    );
    const instructor = await joined(room.instructor.cookie);
    const owner = await joined(room.owner.cookie);
    const member = await joined(room.member.cookie);
    const leaked = collect(member, "typing");
    const heard = nextEvent(owner, "typing", (dto) => dto.threadId === threadId);
    instructor.emit("typing", { roomId: room.roomId, threadId });
    expect(await heard).toMatchObject({ userId: room.instructor.id });
    await settle(member);
    expect(leaked).toEqual([]);

    const refused = nextEvent(member, "error.event");
    member.emit("typing", { roomId: room.roomId, threadId });
    expect(await refused).toMatchObject({ code: "not_found", event: "typing" });
    const missing = nextEvent(member, "error.event");
    member.emit("typing", { roomId: room.roomId, threadId: crypto.randomUUID() });
    expect(await missing).toMatchObject({ code: "not_found", event: "typing" });
  });

  it("does not name an instructors' thread in the list members receive", async () => {
    const threadId = await startThread(
      room.owner,
      room.roomId,
      "Also between us.",
      { blockId: room.paragraphs[1]!.anchorId },
      { visibility: "instructors" },
    );
    const owner = await joined(room.owner.cookie);
    const instructor = await joined(room.instructor.cookie);
    const member = await joined(room.observer.cookie);
    // Both listening before the move: one broadcast reaches both sockets, the member's maybe read first.
    const toInstructor = nextEvent(instructor, "presence", (dto) =>
      dto.people.some((person) => person.userId === room.owner.id && person.threadId === threadId),
    );
    const toMember = nextEvent(member, "presence", (dto) =>
      dto.people.some(
        (person) => person.userId === room.owner.id && person.blockId === room.paragraphs[1]!.anchorId,
      ),
    );
    owner.emit("presence.update", { roomId: room.roomId, blockId: room.paragraphs[1]!.anchorId, threadId });
    const full = await toInstructor;
    expect(full.people.find((person) => person.userId === room.owner.id)?.blockId).toBe(
      room.paragraphs[1]!.anchorId,
    );
    const redacted = await toMember;
    expect(redacted.people.find((person) => person.userId === room.owner.id)?.threadId).toBeNull();
  });
});

describe("follow me", () => {
  it("runs from start to end: followers move with the leader, step out, and the leader sees who follows", async () => {
    const leader = await joined(room.instructor.cookie);
    const follower = await joined(room.member.cookie);
    const started = nextEvent(follower, "follow.started");
    expect(await leader.emitWithAck("follow.start", { roomId: room.roomId })).toEqual({ ok: true });
    expect(await started).toEqual({
      roomId: room.roomId,
      leaderId: room.instructor.id,
      leaderName: "Ida Instructor",
    });

    const firstPlace = nextEvent(follower, "follow.moved");
    const followers = nextEvent(leader, "follow.followers", (dto) => dto.followers.length === 1);
    const ack = await follower.emitWithAck("follow.join", {
      roomId: room.roomId,
      leaderId: room.instructor.id,
    });
    expect(ack).toEqual({ ok: true });
    expect(await firstPlace).toMatchObject({ leaderId: room.instructor.id, blockId: null });
    expect((await followers).followers).toEqual([{ userId: room.member.id, name: "Mel Member" }]);

    const threadId = await startThread(room.owner, room.roomId, "Look here.", {
      blockId: room.paragraphs[2]!.anchorId,
    });
    const moved = nextEvent(follower, "follow.moved", (dto) => dto.threadId === threadId);
    leader.emit("presence.update", { roomId: room.roomId, blockId: room.paragraphs[2]!.anchorId, threadId });
    expect(await moved).toMatchObject({
      blockId: room.paragraphs[2]!.anchorId,
      leaderName: "Ida Instructor",
    });

    const nobody = nextEvent(leader, "follow.followers", (dto) => dto.followers.length === 0);
    expect(await follower.emitWithAck("follow.leave", { roomId: room.roomId })).toEqual({ ok: true });
    await nobody;
    const afterStepOut = collect(follower, "follow.moved");
    leader.emit("presence.update", { roomId: room.roomId, blockId: room.paragraphs[0]!.anchorId });
    await settle(leader, follower);
    expect(afterStepOut).toEqual([]);

    const ended = nextEvent(follower, "follow.ended");
    expect(await leader.emitWithAck("follow.end", { roomId: room.roomId })).toEqual({ ok: true });
    expect(await ended).toMatchObject({ leaderId: room.instructor.id });
    const late = await follower.emitWithAck("follow.join", {
      roomId: room.roomId,
      leaderId: room.instructor.id,
    });
    expect(late).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("lets members lead only where the group allows it", async () => {
    const member = await joined(room.other.cookie);
    const refused = await member.emitWithAck("follow.start", { roomId: room.roomId });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await room.owner.agent.patch(`/api/groups/${room.groupId}`).send({ membersMayLead: true }).expect(200);
    expect(await member.emitWithAck("follow.start", { roomId: room.roomId })).toEqual({ ok: true });
    const observer = await joined(room.observer.cookie);
    expect(await observer.emitWithAck("follow.start", { roomId: room.roomId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    await member.emitWithAck("follow.end", { roomId: room.roomId });
    await room.owner.agent.patch(`/api/groups/${room.groupId}`).send({ membersMayLead: false }).expect(200);
  });

  it("ends when the leader's last tab leaves", async () => {
    const teacher = await joinGroup(server.app, room.owner, room.groupId, "instructor", "Tess Teacher");
    const leader = await joined(teacher.cookie);
    const secondTab = await joined(await newSession(server.app, teacher));
    const follower = await joined(room.observer.cookie);
    await leader.emitWithAck("follow.start", { roomId: room.roomId });
    await follower.emitWithAck("follow.join", { roomId: room.roomId, leaderId: teacher.id });
    const ended = collect(follower, "follow.ended");
    leader.close();
    await nextEvent(follower, "presence", (dto) =>
      dto.people.some((p) => p.userId === teacher.id && p.tabs === 1),
    );
    expect(ended).toEqual([]);
    const last = nextEvent(follower, "follow.ended");
    secondTab.close();
    expect(await last).toMatchObject({ leaderId: teacher.id });
    const listed = await nextEvent(
      follower,
      "presence",
      (dto) => !dto.people.some((p) => p.userId === teacher.id),
    );
    expect(listed.people.find((person) => person.userId === room.observer.id)?.following).toBeNull();
  });
});
