// PATCH /api/rooms/:roomId: who may change a room's settings, what is refused, and what the room then shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRoom } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app, prisma } = buildTestApp();
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  room = await buildRoom(app);
});
afterAll(async () => {
  await room.owner.agent.patch(`/api/rooms/${room.roomId}`).send({ hideUntilPosted: false });
});

const patch = (
  who: keyof typeof room & ("owner" | "instructor" | "member" | "observer" | "outsider"),
  body: object,
) => room[who].agent.patch(`/api/rooms/${room.roomId}`).send(body);

describe("room settings", () => {
  it("new rooms show their settings off, in the room list too", async () => {
    const list = await room.member.agent.get(`/api/groups/${room.groupId}/rooms`).expect(200);
    expect(list.body.rooms[0].settings).toEqual({
      hideUntilPosted: false,
      instructorThreadsVisible: true,
      archived: false,
    });
  });

  it("instructors and owners change them; the room list shows the change and the audit log records it", async () => {
    const res = await patch("instructor", { hideUntilPosted: true }).expect(200);
    expect(res.body.room).toMatchObject({
      id: room.roomId,
      settings: { hideUntilPosted: true, instructorThreadsVisible: true, archived: false },
    });
    await patch("owner", { instructorThreadsVisible: false }).expect(200);
    const list = await room.member.agent.get(`/api/groups/${room.groupId}/rooms`).expect(200);
    expect(list.body.rooms[0].settings).toEqual({
      hideUntilPosted: true,
      instructorThreadsVisible: false,
      archived: false,
    });
    const audit = await prisma.auditEvent.findMany({
      where: { groupId: room.groupId, action: "room.settings_changed" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => [event.actorId, event.targetId, event.details])).toEqual([
      [room.instructor.id, room.roomId, { hideUntilPosted: true }],
      [room.owner.id, room.roomId, { instructorThreadsVisible: false }],
    ]);
    // The log names the room by its text's title.
    const log = await room.owner.agent.get(`/api/groups/${room.groupId}/audit`).expect(200);
    const title = (
      await prisma.room.findUniqueOrThrow({ where: { id: room.roomId }, include: { document: true } })
    ).document.title;
    const changed = log.body.events.find(
      (event: { action: string }) => event.action === "room.settings_changed",
    );
    expect(changed.target).toEqual({ id: room.roomId, name: title });
    await patch("owner", { hideUntilPosted: false, instructorThreadsVisible: true }).expect(200);
  });

  it("members and observers are refused (403), outsiders do not learn the room exists (404)", async () => {
    for (const who of ["member", "observer"] as const) {
      const res = await patch(who, { hideUntilPosted: true }).expect(403);
      expect(res.body.error.message).toContain("changing this room's settings");
    }
    await patch("outsider", { hideUntilPosted: true }).expect(404);
    const list = await room.owner.agent.get(`/api/groups/${room.groupId}/rooms`).expect(200);
    expect(list.body.rooms[0].settings.hideUntilPosted).toBe(false);
  });

  it("refuses unknown fields by name, wrong types, an empty change and a malformed room id", async () => {
    const unknown = await patch("owner", { hideUntilPosted: true, secret: 1 }).expect(400);
    expect(unknown.body.error.details).toEqual([{ field: "secret", message: "is not an accepted field" }]);
    const wrong = await patch("owner", { hideUntilPosted: "yes" }).expect(400);
    expect(wrong.body.error.details).toEqual([
      { field: "hideUntilPosted", message: "must be true or false" },
    ]);
    const empty = await patch("owner", {}).expect(400);
    expect(empty.body.error.message).toContain("hideUntilPosted");
    await room.owner.agent.patch("/api/rooms/nope").send({ hideUntilPosted: true }).expect(400);
    await room.owner.agent
      .patch(`/api/rooms/${crypto.randomUUID()}`)
      .send({ hideUntilPosted: true })
      .expect(404);
  });
});
