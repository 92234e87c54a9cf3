// GET /api/invites/:token: the holder of an invite link sees the group's name, the role and the expiry before
// joining; unknown links are 404, expired or used-up ones 410; reading it changes nothing and is rate-limited.
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { buildTestApp, signUp } from "../helpers/test-app.ts";

const day = 24 * 60 * 60 * 1000;
let now = Date.now();
// Sessions outlive the clock moved past an invite's expiry below.
const { app, prisma } = buildTestApp({ ctx: { now: () => new Date(now), sessionTtlMs: 30 * day } });

async function groupWithInvite(body: object = {}, name = "Tuesday Readers of Capital") {
  const owner = await signUp(app);
  const groupId = (await owner.agent.post("/api/groups").send({ name, description: "Slowly." }).expect(201))
    .body.group.id as string;
  const invite = (await owner.agent.post(`/api/groups/${groupId}/invites`).send(body).expect(201)).body
    .invite;
  return { owner, groupId, token: invite.token as string, expiresAt: invite.expiresAt as string };
}

describe("reading an invite before accepting it", () => {
  it("names the group, the role and the expiry to anyone holding the link, and changes nothing", async () => {
    const { groupId, token, expiresAt } = await groupWithInvite({ role: "observer" });
    const res = await supertest(app).get(`/api/invites/${token}`).expect(200);
    expect(res.body.invite).toEqual({
      groupId,
      groupName: "Tuesday Readers of Capital",
      groupDescription: "Slowly.",
      role: "observer",
      expiresAt,
      valid: true,
      memberRole: null,
    });
    expect(await prisma.membership.count({ where: { groupId } })).toBe(1);
    expect((await prisma.invite.findFirstOrThrow({ where: { groupId } })).uses).toBe(0);
  });

  it("tells a signed-in reader who is already in the group", async () => {
    const { owner, token } = await groupWithInvite();
    const res = await owner.agent.get(`/api/invites/${token}`).expect(200);
    expect(res.body.invite).toMatchObject({ valid: true, memberRole: "owner" });
    const reader = await signUp(app);
    expect((await reader.agent.get(`/api/invites/${token}`).expect(200)).body.invite.memberRole).toBeNull();
  });

  it("an unknown link is 404, a malformed one 400", async () => {
    const unknown = await supertest(app)
      .get(`/api/invites/${"x".repeat(43)}`)
      .expect(404);
    expect(unknown.body.error.message).toMatch(/not valid/);
    const malformed = await supertest(app).get("/api/invites/short").expect(400);
    expect(malformed.body.error.details[0].field).toBe("token");
  });

  it("an expired or used-up link is 410 with the reason, except for someone already in the group", async () => {
    const expiring = await groupWithInvite({ expiresInDays: 1 });
    const usedUp = await groupWithInvite({ maxUses: 1 });
    await (await signUp(app)).agent.post(`/api/invites/${usedUp.token}/accept`).expect(201);
    const full = await supertest(app).get(`/api/invites/${usedUp.token}`).expect(410);
    expect(full.body.error.message).toMatch(/maximum number of times/);
    now += 2 * day;
    try {
      const late = await supertest(app).get(`/api/invites/${expiring.token}`).expect(410);
      expect(late.body.error).toMatchObject({
        code: "invite_unusable",
        message: expect.stringMatching(/expired/),
      });
      const member = await expiring.owner.agent.get(`/api/invites/${expiring.token}`).expect(200);
      expect(member.body.invite).toMatchObject({ valid: false, memberRole: "owner" });
    } finally {
      now -= 2 * day;
    }
  });

  it("is rate-limited per address together with accepting", async () => {
    const limited = buildTestApp({ authRateLimits: { windowMs: 60_000, perIp: 3, perAccount: 1_000 } });
    const owner = await signUp(limited.app);
    const groupId = (await owner.agent.post("/api/groups").send({ name: "Limited" }).expect(201)).body.group
      .id;
    const token = (await owner.agent.post(`/api/groups/${groupId}/invites`).send({}).expect(201)).body.invite
      .token;
    await supertest(limited.app).get(`/api/invites/${token}`).expect(200);
    await supertest(limited.app)
      .get(`/api/invites/${"y".repeat(43)}`)
      .expect(404);
    const reader = await signUp(limited.app);
    await reader.agent.post(`/api/invites/${token}/accept`).expect(201);
    const refused = await supertest(limited.app).get(`/api/invites/${token}`).expect(429);
    expect(refused.body.error.code).toBe("rate_limited");
  });

  it("is in the OpenAPI document", async () => {
    const res = await supertest(app).get("/api/openapi.json").expect(200);
    const get = res.body.paths["/api/invites/{token}"].get;
    expect(
      get.responses["200"].content["application/json"].schema.properties.invite.properties,
    ).toHaveProperty("groupName");
  });
});
