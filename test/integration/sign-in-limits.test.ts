// Client addresses behind a proxy (TRUST_PROXY) and sign-in limits: one client's failures never refuse another
// client, and a stranger's guesses never lock the account owner out (OWASP: lock out the guesser, not the account).
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import type { AuthRateLimits } from "../../server/http/middleware/rate-limit.ts";
import { buildTestApp, signUp } from "../helpers/test-app.ts";
import type { TrustProxy } from "../../server/config/trust-proxy.ts";

/** An app whose clients are told apart by X-Forwarded-For when it trusts the loopback proxy the tests connect from. */
function appBehind(trustProxy: TrustProxy, limits: Partial<AuthRateLimits> = {}) {
  return buildTestApp({
    trustProxy,
    authRateLimits: { windowMs: 60_000, perIp: 1_000, perAccount: 1_000, ...limits },
  });
}

function logIn(app: ReturnType<typeof appBehind>["app"], from: string, email: string, password: string) {
  return supertest(app).post("/api/auth/login").set("X-Forwarded-For", from).send({ email, password });
}

const stranger = "203.0.113.9";
const owner = "198.51.100.4";

async function sessionAddress(testApp: ReturnType<typeof appBehind>, userId: string) {
  const session = await testApp.prisma.session.findFirstOrThrow({
    where: { userId },
    orderBy: { createdAt: "desc" },
  });
  return session.ip;
}

describe("client addresses behind a reverse proxy (TRUST_PROXY)", () => {
  it("X-Forwarded-For is believed only from a trusted proxy", async () => {
    const trusting = appBehind(["loopback"]);
    const user = await signUp(trusting.app);
    await logIn(trusting.app, owner, user.email, user.password).expect(200);
    expect(await sessionAddress(trusting, user.id)).toBe(owner);

    const untrusting = appBehind(false);
    await logIn(untrusting.app, owner, user.email, user.password).expect(200);
    expect(await sessionAddress(untrusting, user.id)).toMatch(/127\.0\.0\.1$/);
  });

  it("with a hop count, a client cannot pick its own address by prepending one", async () => {
    const oneProxy = appBehind(1);
    const user = await signUp(oneProxy.app);
    await logIn(oneProxy.app, `10.9.9.9, ${owner}`, user.email, user.password).expect(200);
    expect(await sessionAddress(oneProxy, user.id)).toBe(owner);
  });

  it("one client's failures do not refuse another client behind the same proxy", async () => {
    const trusting = appBehind(["loopback"], { perIp: 3 });
    for (let i = 0; i < 3; i++) await logIn(trusting.app, stranger, `x${i}@example.org`, "wrong").expect(401);
    const refused = await logIn(trusting.app, stranger, "y@example.org", "wrong").expect(429);
    expect(refused.body.error.code).toBe("rate_limited");
    await logIn(trusting.app, owner, "y@example.org", "wrong").expect(401);
  });

  it("without TRUST_PROXY every client behind the proxy is one address (why the setting exists)", async () => {
    const untrusting = appBehind(false, { perIp: 3 });
    for (let i = 0; i < 3; i++)
      await logIn(untrusting.app, stranger, `x${i}@example.org`, "wrong").expect(401);
    await logIn(untrusting.app, owner, "y@example.org", "wrong").expect(429);
  });
});

describe("failed sign-ins lock out the guesser, not the account", () => {
  it("11+ wrong passwords from a stranger: the stranger is refused, the owner signs in from elsewhere", async () => {
    const testApp = appBehind(["loopback"], { perAccount: 10, perAccountTotal: 50 });
    const user = await signUp(testApp.app);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await logIn(testApp.app, stranger, user.email, `guess ${i}`)).status);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
    // Even the right password is refused from the guessing address for now…
    const refused = await logIn(testApp.app, stranger, user.email, user.password).expect(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // …but the owner, from their own address, is not locked out.
    await logIn(testApp.app, owner, user.email, user.password).expect(200);
    // Other accounts are not affected from the stranger's address either.
    const other = await signUp(testApp.app);
    await logIn(testApp.app, stranger, other.email, other.password).expect(200);
  });

  it("past the account-wide limit, only addresses that failed are refused; the owner still signs in", async () => {
    const testApp = appBehind(["loopback"], { perAccount: 3, perAccountTotal: 6 });
    const user = await signUp(testApp.app);
    const guessers = ["203.0.113.1", "203.0.113.2", "203.0.113.3"];
    for (const address of guessers) {
      for (let i = 0; i < 2; i++) await logIn(testApp.app, address, user.email, "wrong").expect(401);
    }
    // Six failures overall: each guessing address is refused, though none reached its own limit of three.
    for (const address of guessers) await logIn(testApp.app, address, user.email, "wrong").expect(429);
    // A new address gets one try, and is refused after failing it.
    await logIn(testApp.app, "203.0.113.4", user.email, "wrong").expect(401);
    await logIn(testApp.app, "203.0.113.4", user.email, "wrong").expect(429);
    // The owner has not failed from their address, and signs in.
    await logIn(testApp.app, owner, user.email, user.password).expect(200);
  });

  it("guesses sent in parallel cannot outrun the count", async () => {
    const testApp = appBehind(["loopback"], { perAccount: 4 });
    const user = await signUp(testApp.app);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => logIn(testApp.app, stranger, user.email, `guess ${i}`)),
    );
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(8);
  });

  it("a correct sign-in ends the address's run of failures", async () => {
    const testApp = appBehind(["loopback"], { perAccount: 3 });
    const user = await signUp(testApp.app);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) await logIn(testApp.app, owner, user.email, "typo").expect(401);
      await logIn(testApp.app, owner, user.email, user.password).expect(200);
    }
  });

  it("registration attempts with someone's email do not count against their sign-in", async () => {
    const testApp = appBehind(["loopback"], { perAccount: 2 });
    const user = await signUp(testApp.app);
    for (let i = 0; i < 4; i++) {
      await supertest(testApp.app)
        .post("/api/auth/register")
        .set("X-Forwarded-For", stranger)
        .send({ email: user.email, password: "another long password", displayName: "Mallory" })
        .expect(409);
    }
    await logIn(testApp.app, owner, user.email, user.password).expect(200);
  });
});
