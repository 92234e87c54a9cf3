// Regressions found by the breaker on issue 14's people channel (each fails on main as of 34a97df): a member who
// leads keeps leading after the owner turns "members may lead" off; a room id in upper case (accepted as a UUID)
// puts the socket in a presence room of its own; a socket flooding past its rate limit is answered once per event
// for as long as it floods, which stalls the server for everyone.
import { beforeAll, describe, expect, it } from "vitest";
import { collect, nextEvent } from "../helpers/people-client.ts";
import { usePeopleRoom } from "../helpers/people-room.ts";
import { startThread } from "../helpers/room-fixture.ts";

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
    const flooder = await fixture.connect(room.owner.cookie);
    const refusals = collect(flooder, "error.event");
    const gone = new Promise<string>((resolve) => flooder.once("disconnect", resolve));
    for (let i = 0; i < 2_000; i++)
      flooder.emit("presence.update", { roomId: room.roomId, blockId: `b${i}` });
    const after = await Promise.race([
      gone,
      new Promise((resolve) => setTimeout(() => resolve("still connected"), 10_000)),
    ]);
    expect(after).toBe("io server disconnect");
    // 2 000 events are 50 times the per-socket window: a few refusals tell a sloppy client; not 2 000.
    expect(refusals.length).toBeLessThan(100);
  });
});
