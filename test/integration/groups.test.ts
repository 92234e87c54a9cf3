// Groups, roles, invites and the last-owner rule over HTTP against the real database.
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { buildTestApp, signUp } from "../helpers/test-app.ts";

const { app, prisma } = buildTestApp();

async function groupWithOwner() {
  const owner = await signUp(app);
  const res = await owner.agent.post("/api/groups").send({ name: "Tuesday readers" }).expect(201);
  return { owner, groupId: res.body.group.id as string };
}

function invite(agent: supertest.Agent, groupId: string, body: object = {}) {
  return agent.post(`/api/groups/${groupId}/invites`).send(body);
}

async function joinAs(groupId: string, inviter: supertest.Agent, role: "instructor" | "member" | "observer") {
  const token = (await invite(inviter, groupId, { role }).expect(201)).body.invite.token as string;
  const user = await signUp(app);
  await user.agent.post(`/api/invites/${token}/accept`).expect(201);
  return user;
}

describe("groups", () => {
  it("creates a group with its creator as owner and lists it", async () => {
    const { owner, groupId } = await groupWithOwner();
    const list = await owner.agent.get("/api/groups").expect(200);
    expect(list.body.groups).toEqual([
      expect.objectContaining({ id: groupId, role: "owner", memberCount: 1 }),
    ]);
    const members = await owner.agent.get(`/api/groups/${groupId}/members`).expect(200);
    expect(members.body.members).toEqual([
      expect.objectContaining({ userId: owner.id, role: "owner", email: owner.email }),
    ]);
  });

  it("validates the group name", async () => {
    const owner = await signUp(app);
    const res = await owner.agent.post("/api/groups").send({ name: "" }).expect(400);
    expect(res.body.error.details).toEqual([{ field: "name", message: "must not be empty" }]);
  });

  it("a non-member cannot see a group's members (404, not revealing the group)", async () => {
    const { groupId } = await groupWithOwner();
    const stranger = await signUp(app);
    const res = await stranger.agent.get(`/api/groups/${groupId}/members`).expect(404);
    expect(res.body.error.code).toBe("not_found");
    await supertest(app).get(`/api/groups/${groupId}/members`).expect(401);
  });

  it("rejects a malformed group id with 400", async () => {
    const owner = await signUp(app);
    const res = await owner.agent.get("/api/groups/not-a-uuid/members").expect(400);
    expect(res.body.error.details).toEqual([{ field: "groupId", message: "must be a UUID" }]);
  });

  it("members and observers see names and roles but no emails; owners and instructors see every email", async () => {
    const { owner, groupId } = await groupWithOwner();
    const member = await joinAs(groupId, owner.agent, "member");
    const instructor = await joinAs(groupId, owner.agent, "instructor");
    const observer = await joinAs(groupId, owner.agent, "observer");
    const everyone = [owner, member, instructor, observer];
    const emailsById = new Map(everyone.map((person) => [person.id, person.email]));
    for (const reader of [member, observer]) {
      const seen = await reader.agent.get(`/api/groups/${groupId}/members`).expect(200);
      expect(seen.body.members).toHaveLength(4);
      for (const entry of seen.body.members) expect(entry).not.toHaveProperty("email");
    }
    for (const manager of [owner, instructor]) {
      const seen = await manager.agent.get(`/api/groups/${groupId}/members`).expect(200);
      expect(
        new Map(
          seen.body.members.map((entry: { userId: string; email: string }) => [entry.userId, entry.email]),
        ),
      ).toEqual(emailsById);
    }
  });
});

describe("invites", () => {
  it("an invite adds a member with the invite's role, once per user", async () => {
    const { owner, groupId } = await groupWithOwner();
    const token = (await invite(owner.agent, groupId, { role: "observer" }).expect(201)).body.invite
      .token as string;
    const reader = await signUp(app);
    const first = await reader.agent.post(`/api/invites/${token}/accept`).expect(201);
    expect(first.body.membership).toEqual({ groupId, role: "observer", joined: true });
    const again = await reader.agent.post(`/api/invites/${token}/accept`).expect(200);
    expect(again.body.membership.joined).toBe(false);
    const row = await prisma.invite.findFirstOrThrow({ where: { groupId } });
    expect(row.uses).toBe(1);
    expect(row.tokenHash).not.toBe(token);
  });

  it("an observer cannot invite", async () => {
    const { owner, groupId } = await groupWithOwner();
    const observer = await joinAs(groupId, owner.agent, "observer");
    const res = await invite(observer.agent, groupId).expect(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  it("a member cannot invite; an instructor can invite members but not instructors", async () => {
    const { owner, groupId } = await groupWithOwner();
    const member = await joinAs(groupId, owner.agent, "member");
    await invite(member.agent, groupId).expect(403);
    const instructor = await joinAs(groupId, owner.agent, "instructor");
    await invite(instructor.agent, groupId, { role: "member" }).expect(201);
    await invite(instructor.agent, groupId, { role: "instructor" }).expect(403);
    const ownerInvite = await invite(owner.agent, groupId, { role: "owner" }).expect(400);
    expect(ownerInvite.body.error.details[0].field).toBe("role");
  });

  it("an invite lasts whole days, at least one: fractions and tiny numbers are a 400 naming expiresInDays", async () => {
    const { owner, groupId } = await groupWithOwner();
    const cases: [unknown, string][] = [
      [1e-320, "must be a whole number of days"],
      [0.5, "must be a whole number of days"],
      [1.5, "must be a whole number of days"],
      [0, "must be at least 1 day"],
      [-1, "must be at least 1 day"],
      [91, "must be at most 90 days"],
      ["7", "must be a number of days"],
    ];
    for (const [days, message] of cases) {
      const res = await invite(owner.agent, groupId, { expiresInDays: days }).expect(400);
      expect(res.body.error.details, String(days)).toEqual([{ field: "expiresInDays", message }]);
    }
    for (const days of [1, 90]) {
      const made = await invite(owner.agent, groupId, { expiresInDays: days }).expect(201);
      const lasts = Date.parse(made.body.invite.expiresAt) - Date.now();
      expect(lasts).toBeGreaterThan((days * 24 - 1) * 60 * 60 * 1000);
    }
  });

  it("an expired invite is refused", async () => {
    let now = Date.now();
    const timed = buildTestApp({ ctx: { now: () => new Date(now) } });
    const owner = await signUp(timed.app);
    const groupId = (await owner.agent.post("/api/groups").send({ name: "Clocked" }).expect(201)).body.group
      .id;
    const token = (
      await owner.agent.post(`/api/groups/${groupId}/invites`).send({ expiresInDays: 1 }).expect(201)
    ).body.invite.token;
    now += 2 * 24 * 60 * 60 * 1000;
    const late = await signUp(timed.app);
    const res = await late.agent.post(`/api/invites/${token}/accept`).expect(410);
    expect(res.body.error.message).toMatch(/expired/);
    expect(await timed.prisma.membership.count({ where: { groupId } })).toBe(1);
  });

  it("an invite stops working after its maximum uses, even under concurrent accepts", async () => {
    const { owner, groupId } = await groupWithOwner();
    const token = (await invite(owner.agent, groupId, { maxUses: 2 }).expect(201)).body.invite
      .token as string;
    const readers = await Promise.all([1, 2, 3, 4].map(() => signUp(app)));
    const results = await Promise.all(
      readers.map((reader) => reader.agent.post(`/api/invites/${token}/accept`)),
    );
    expect(results.map((res) => res.status).sort()).toEqual([201, 201, 410, 410]);
    expect(await prisma.membership.count({ where: { groupId } })).toBe(3);
  });

  it("one person accepting the same invite twice at once joins once, uses it once, and gets no error", async () => {
    const { owner, groupId } = await groupWithOwner();
    const token = (await invite(owner.agent, groupId, { maxUses: 5 }).expect(201)).body.invite
      .token as string;
    const reader = await signUp(app);
    const results = await Promise.all([1, 2, 3].map(() => reader.agent.post(`/api/invites/${token}/accept`)));
    expect(results.map((res) => res.status).sort()).toEqual([200, 200, 201]);
    expect((await prisma.invite.findFirstOrThrow({ where: { groupId } })).uses).toBe(1);
  });

  it("an unknown invite token is 404", async () => {
    const reader = await signUp(app);
    await reader.agent.post(`/api/invites/${"x".repeat(43)}/accept`).expect(404);
  });
});

describe("roles and leaving", () => {
  it("the last owner cannot leave or be demoted; with a second owner they can", async () => {
    const { owner, groupId } = await groupWithOwner();
    const leave = await owner.agent.post(`/api/groups/${groupId}/leave`).expect(409);
    expect(leave.body.error.code).toBe("last_owner");
    const demote = await owner.agent
      .patch(`/api/groups/${groupId}/members/${owner.id}`)
      .send({ role: "member" })
      .expect(409);
    expect(demote.body.error.code).toBe("last_owner");

    const instructor = await joinAs(groupId, owner.agent, "instructor");
    await owner.agent
      .patch(`/api/groups/${groupId}/members/${instructor.id}`)
      .send({ role: "owner" })
      .expect(200);
    await owner.agent.post(`/api/groups/${groupId}/leave`).expect(204);
    const members = await instructor.agent.get(`/api/groups/${groupId}/members`).expect(200);
    expect(members.body.members).toEqual([expect.objectContaining({ userId: instructor.id, role: "owner" })]);
  });

  it("two owners leaving at once cannot leave the group ownerless", async () => {
    const { owner, groupId } = await groupWithOwner();
    const second = await joinAs(groupId, owner.agent, "member");
    await owner.agent
      .patch(`/api/groups/${groupId}/members/${second.id}`)
      .send({ role: "owner" })
      .expect(200);
    const results = await Promise.all([
      owner.agent.post(`/api/groups/${groupId}/leave`),
      second.agent.post(`/api/groups/${groupId}/leave`),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([204, 409]);
    expect(await prisma.membership.count({ where: { groupId, role: "owner" } })).toBe(1);
  });

  it("only owners change roles; instructors remove members but not owners", async () => {
    const { owner, groupId } = await groupWithOwner();
    const instructor = await joinAs(groupId, owner.agent, "instructor");
    const member = await joinAs(groupId, owner.agent, "member");
    await instructor.agent
      .patch(`/api/groups/${groupId}/members/${member.id}`)
      .send({ role: "observer" })
      .expect(403);
    await instructor.agent.delete(`/api/groups/${groupId}/members/${owner.id}`).expect(403);
    await instructor.agent.delete(`/api/groups/${groupId}/members/${member.id}`).expect(204);
    await member.agent.get(`/api/groups/${groupId}/members`).expect(404);
  });

  it("a member can leave", async () => {
    const { owner, groupId } = await groupWithOwner();
    const member = await joinAs(groupId, owner.agent, "member");
    await member.agent.post(`/api/groups/${groupId}/leave`).expect(204);
    const list = await member.agent.get("/api/groups").expect(200);
    expect(list.body.groups).toEqual([]);
  });

  it("every membership change writes an audit event", async () => {
    const { owner, groupId } = await groupWithOwner();
    const member = await joinAs(groupId, owner.agent, "member");
    await owner.agent
      .patch(`/api/groups/${groupId}/members/${member.id}`)
      .send({ role: "instructor" })
      .expect(200);
    await owner.agent.delete(`/api/groups/${groupId}/members/${member.id}`).expect(204);
    const events = await prisma.auditEvent.findMany({ where: { groupId }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => event.action)).toEqual([
      "group.created",
      "invite.created",
      "member.joined",
      "member.role_changed",
      "member.removed",
    ]);
    expect(events[3]!.details).toEqual({ from: "member", to: "instructor" });
  });
});
