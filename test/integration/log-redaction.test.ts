// Passwords never reach the logs: registering, signing in (rightly or wrongly) and refused forms, at the most verbose
// level, with the server's own logger.
import { Writable } from "node:stream";
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../server/logger.ts";
import { buildTestApp, buildUser } from "../helpers/test-app.ts";

/** The server's logger at trace level, writing into `lines`. */
function capturingLogger(lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return createLogger("trace", sink);
}

describe("logs", () => {
  it("contain no password from a registration or a sign-in, accepted or refused", async () => {
    const lines: string[] = [];
    const logger = capturingLogger(lines);
    const { app } = buildTestApp({ logger });
    const user = buildUser({ password: "correct horse battery staple 9f3" });
    const wrong = "wrong horse battery staple 4c1";
    const agent = supertest.agent(app);
    await agent.post("/api/auth/register").send(user).expect(201);
    await agent.post("/api/auth/logout").expect(204);
    await supertest(app).post("/api/auth/login").send({ email: user.email, password: wrong }).expect(401);
    await supertest(app)
      .post("/api/auth/login")
      .send({ email: user.email, password: user.password })
      .expect(200);
    // Refused: a duplicate email, a password too short (which a validation message could echo).
    await supertest(app).post("/api/auth/register").send(user).expect(409);
    await supertest(app)
      .post("/api/auth/register")
      .send({ ...buildUser(), password: "short7x" })
      .expect(400);
    // A logged object carrying a password, as a handler logging its input would.
    logger.warn(
      { input: { email: user.email, password: user.password } },
      "a handler logs what it was given",
    );

    // The capture works: requests were logged, so an absence below means something.
    expect(lines.filter((line) => line.includes('"/api/auth/login"')).length).toBe(2);
    const leaks = lines.filter((line) =>
      [user.password, wrong, "short7x"].some((secret) => line.includes(secret)),
    );
    expect(leaks).toEqual([]);
    expect(lines.some((line) => line.includes('"password":"[redacted]"'))).toBe(true);
  });
});
