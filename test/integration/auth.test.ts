// Accounts and sessions over HTTP against the real database.
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { hashToken } from "../../server/data/tokens.ts";
import { buildTestApp, buildUser, signUp } from "../helpers/test-app.ts";

const { app, prisma, ctx } = buildTestApp();

function sessionCookie(res: supertest.Response): string {
  const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  const cookie = cookies.find((value) => value.startsWith("scholia_session="));
  if (!cookie) throw new Error("no session cookie set");
  return cookie;
}

describe("register, login, logout, me", () => {
  it("registers, is signed in, and /api/me returns the user", async () => {
    const body = buildUser({ email: "  Mixed.Case@Example.org ".replace("Mixed", `Mixed${Date.now()}`) });
    const agent = supertest.agent(app);
    const res = await agent.post("/api/auth/register").send(body).expect(201);
    expect(res.body.user).toMatchObject({
      email: body.email.trim().toLowerCase(),
      displayName: body.displayName,
    });
    expect(res.body.user).not.toHaveProperty("passwordHash");
    const me = await agent.get("/api/me").expect(200);
    expect(me.body.user.id).toBe(res.body.user.id);
  });

  it("stores an argon2id hash, never the password", async () => {
    const user = await signUp(app);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(user.password);
  });

  it("logs in with the right password", async () => {
    const user = await signUp(app);
    const agent = supertest.agent(app);
    const res = await agent
      .post("/api/auth/login")
      .send({ email: user.email.toUpperCase(), password: user.password })
      .expect(200);
    expect(res.body.user.id).toBe(user.id);
    await agent.get("/api/me").expect(200);
  });

  it("gives the same 401 for a wrong password and an unknown email", async () => {
    const user = await signUp(app);
    const wrong = await supertest(app)
      .post("/api/auth/login")
      .send({ email: user.email, password: "not the password" })
      .expect(401);
    const unknown = await supertest(app)
      .post("/api/auth/login")
      .send({ email: `nobody-${Date.now()}@example.org`, password: "not the password" })
      .expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe("invalid_credentials");
  });

  it("refuses a duplicate email with 409", async () => {
    const user = await signUp(app);
    const res = await supertest(app)
      .post("/api/auth/register")
      .send(buildUser({ email: user.email }))
      .expect(409);
    expect(res.body.error.code).toBe("email_taken");
  });

  it("sets an HttpOnly, SameSite=Lax cookie that expires", async () => {
    const res = await supertest(app).post("/api/auth/register").send(buildUser()).expect(201);
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Expires=/);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it("marks the cookie Secure when the public URL is https", async () => {
    const secure = buildTestApp({ secureCookies: true });
    const res = await supertest(secure.app).post("/api/auth/register").send(buildUser()).expect(201);
    expect(sessionCookie(res)).toMatch(/; Secure/i);
  });

  it("stores only a hash of the session token", async () => {
    const res = await supertest(app).post("/api/auth/register").send(buildUser()).expect(201);
    const token = decodeURIComponent(sessionCookie(res).split(";")[0]!.split("=")[1]!);
    expect(await prisma.session.count({ where: { tokenHash: token } })).toBe(0);
    expect(await prisma.session.count({ where: { tokenHash: hashToken(token, ctx.sessionSecret) } })).toBe(1);
  });

  it("logout revokes the session on the server, not only the cookie", async () => {
    const res = await supertest(app).post("/api/auth/register").send(buildUser()).expect(201);
    const cookie = sessionCookie(res).split(";")[0]!;
    await supertest(app).get("/api/me").set("Cookie", cookie).expect(200);
    const out = await supertest(app).post("/api/auth/logout").set("Cookie", cookie).expect(204);
    expect(sessionCookie(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
    // Replaying the old cookie must fail: the server revoked the session.
    const after = await supertest(app).get("/api/me").set("Cookie", cookie).expect(401);
    expect(after.body.error.code).toBe("unauthenticated");
  });

  it("expired sessions no longer authenticate", async () => {
    let now = Date.now();
    const timed = buildTestApp({ ctx: { now: () => new Date(now) } });
    const user = await signUp(timed.app);
    await user.agent.get("/api/me").expect(200);
    now += timed.ctx.sessionTtlMs + 1_000;
    await user.agent.get("/api/me").expect(401);
  });

  it("/api/me without a session is 401", async () => {
    const res = await supertest(app).get("/api/me").expect(401);
    expect(res.body).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
  });

  it("/api/session answers 200 either way: the user when signed in, null when not or no longer", async () => {
    expect((await supertest(app).get("/api/session").expect(200)).body).toEqual({ user: null });
    const unknown = await supertest(app)
      .get("/api/session")
      .set("Cookie", "scholia_session=nonsense")
      .expect(200);
    expect(unknown.body).toEqual({ user: null });
    const res = await supertest(app).post("/api/auth/register").send(buildUser()).expect(201);
    const cookie = sessionCookie(res).split(";")[0]!;
    const me = await supertest(app).get("/api/me").set("Cookie", cookie).expect(200);
    const session = await supertest(app).get("/api/session").set("Cookie", cookie).expect(200);
    expect(session.body).toEqual(me.body);
    await supertest(app).post("/api/auth/logout").set("Cookie", cookie).expect(204);
    expect((await supertest(app).get("/api/session").set("Cookie", cookie).expect(200)).body).toEqual({
      user: null,
    });
  });
});

describe("bad input", () => {
  it("malformed JSON is 400", async () => {
    const res = await supertest(app)
      .post("/api/auth/login")
      .set("Content-Type", "application/json")
      .send('{"email":')
      .expect(400);
    expect(res.body.error.code).toBe("malformed_json");
  });

  it("missing fields are 400 naming each field", async () => {
    const res = await supertest(app).post("/api/auth/register").send({ email: "x@example.org" }).expect(400);
    expect(res.body.error.code).toBe("validation_failed");
    const fields = (res.body.error.details as { field: string }[]).map((issue) => issue.field).sort();
    expect(fields).toEqual(["displayName", "password"]);
    expect(res.body.error.message).toContain("password is required");
  });

  it("overlong fields are 400 naming the field", async () => {
    const res = await supertest(app)
      .post("/api/auth/register")
      .send(buildUser({ displayName: "x".repeat(81) }))
      .expect(400);
    expect(res.body.error.details).toEqual([
      { field: "displayName", message: "must be at most 80 characters" },
    ]);
  });

  it("an invalid email is 400", async () => {
    const res = await supertest(app)
      .post("/api/auth/register")
      .send(buildUser({ email: "not-an-email" }))
      .expect(400);
    expect(res.body.error.details[0].field).toBe("email");
  });

  it("an oversized body is 413", async () => {
    const res = await supertest(app)
      .post("/api/auth/register")
      .send({ ...buildUser(), displayName: "x".repeat(300 * 1024) })
      .expect(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("a body that is not JSON is 415", async () => {
    const res = await supertest(app)
      .post("/api/auth/login")
      .set("Content-Type", "text/plain")
      .send("hello")
      .expect(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
  });

  it("unknown routes are 404 in the error format", async () => {
    const res = await supertest(app).get("/api/nothing-here").expect(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("refuses state-changing requests from a foreign Origin", async () => {
    const res = await supertest(app)
      .post("/api/auth/register")
      .set("Origin", "https://evil.example")
      .send(buildUser())
      .expect(403);
    expect(res.body.error.code).toBe("foreign_origin");
    await supertest(app)
      .post("/api/auth/register")
      .set("Origin", "http://scholia.test")
      .send(buildUser())
      .expect(201);
  });

  it("sends security headers", async () => {
    const res = await supertest(app).get("/healthz").expect(200);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    const csp = new Map(
      String(res.headers["content-security-policy"])
        .split(";")
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(" ")]),
    );
    // The directives that stop injected script, plugins and framing by other sites.
    expect(csp.get("default-src")).toBe("'self'");
    expect(csp.get("script-src")).toBe("'self'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("frame-ancestors")).toBe("'self'");
    expect(csp.get("base-uri")).toBe("'self'");
    expect(res.headers["x-powered-by"]).toBeUndefined();
    expect(res.headers["x-request-id"]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });
});
