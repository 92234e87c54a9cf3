// Live connections re-checked against the database after access events were missed: which sessions ended and which
// memberships are gone or hold another role now.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLostAccess } from "../../server/data/lost-access.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app, ctx, prisma } = buildTestApp();
let room: Awaited<ReturnType<typeof buildRoom>>;
beforeAll(async () => {
  room = await buildRoom(app);
});
afterAll(async () => {
  await ctx.rooms.close();
});

/** Every session of `userId` (registering and signing in each start one). */
const sessionsOf = async (userId: string) =>
  (await prisma.session.findMany({ where: { userId }, select: { id: true } })).map((session) => session.id);

describe("findLostAccess", () => {
  it("names the sessions signed out or expired and the members removed or given another role", async () => {
    const [ownerSessions, memberSessions, otherSessions] = await Promise.all([
      sessionsOf(room.owner.id),
      sessionsOf(room.member.id),
      sessionsOf(room.other.id),
    ]);
    const otherSession = otherSessions[0]!;
    const held = [
      ...ownerSessions.map((sessionId) => ({
        sessionId,
        userId: room.owner.id,
        groupId: room.groupId,
        role: "owner",
      })),
      ...memberSessions.map((sessionId) => ({
        sessionId,
        userId: room.member.id,
        groupId: room.groupId,
        role: "member",
      })),
      { sessionId: otherSession, userId: room.other.id, groupId: room.groupId, role: "member" },
      { sessionId: otherSession, userId: room.other.id }, // a connection spanning groups: its session only
    ];
    const unchanged = await findLostAccess(ctx.db, held, new Date());
    expect(unchanged).toEqual({ endedSessions: new Set(), changedMembers: new Set() });

    await room.member.agent.post("/api/auth/logout").expect(204);
    await room.owner.agent
      .patch(`/api/groups/${room.groupId}/members/${room.other.id}`)
      .send({ role: "instructor" })
      .expect(200);
    const lost = await findLostAccess(ctx.db, held, new Date());
    // The session the member signed out of, and no other.
    const signedOut = await prisma.session.findMany({
      where: { userId: room.member.id, revokedAt: { not: null } },
    });
    expect(signedOut).toHaveLength(1);
    expect(lost.endedSessions).toEqual(new Set([signedOut[0]!.id]));
    expect(lost.changedMembers).toEqual(new Set([`${room.groupId}:${room.other.id}`]));

    await room.owner.agent.delete(`/api/groups/${room.groupId}/members/${room.other.id}`).expect(204);
    const removed = await findLostAccess(
      ctx.db,
      [{ sessionId: otherSession, userId: room.other.id, groupId: room.groupId, role: "instructor" }],
      new Date("2999-01-01T00:00:00Z"), // every session has expired by then
    );
    expect(removed).toEqual({
      endedSessions: new Set([otherSession]),
      changedMembers: new Set([`${room.groupId}:${room.other.id}`]),
    });
  });
});
