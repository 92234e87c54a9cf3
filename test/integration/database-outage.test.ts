// While the database is unreachable, the REST API answers 503 with Retry-After and says so, instead of 500; once it
// is back, the same requests succeed. The outage is a cut TCP proxy in front of the shared test Postgres.
import { pino } from "pino";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createDatabaseClients } from "../../server/data/database.ts";
import { encodeUpdateMessage } from "../../server/realtime/sync-messages.ts";
import { RoomRegistry } from "../../server/services/room-store/room-registry.ts";
import { startCuttableProxy, type CuttableProxy } from "../helpers/cuttable-proxy.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { buildTestApp, buildUser } from "../helpers/test-app.ts";

let proxy: CuttableProxy;
let testApp: ReturnType<typeof buildTestApp>;
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  proxy = await startCuttableProxy(inject("databaseUrl"));
  const { db } = createDatabaseClients(proxy.url, 4);
  testApp = buildTestApp({
    ctx: { db, rooms: new RoomRegistry(db, pino({ level: "silent" }), encodeUpdateMessage) },
  });
  room = await buildRoom(testApp.app);
});

afterAll(async () => {
  await proxy.restore().catch(() => undefined);
  await testApp.ctx.rooms.close();
  await testApp.prisma.$disconnect();
  await proxy.close();
});

/** Requests that each need the database, from a signed-in member and from someone signing in. */
function requests() {
  const { member } = room;
  const base = `/api/rooms/${room.roomId}`;
  return {
    "list groups": () => member.agent.get("/api/groups"),
    "list documents": () => member.agent.get("/api/documents"),
    "list threads": () => member.agent.get(`${base}/threads`),
    "start a thread": () =>
      member.agent
        .post(`${base}/threads`)
        .set("Idempotency-Key", crypto.randomUUID())
        .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "During the outage" }),
    "sign in": () =>
      supertest(testApp.app).post("/api/auth/login").send({ email: member.email, password: member.password }),
    "sign up": () => supertest(testApp.app).post("/api/auth/register").send(buildUser()),
    "a fresh session's first request": () =>
      supertest(testApp.app)
        .get("/api/groups")
        .set("Cookie", "scholia_session=" + "x".repeat(43)),
  };
}

describe("a database outage", () => {
  it("is answered 503 with Retry-After and a message saying the database is unreachable, then recovers", async () => {
    await proxy.cut();
    for (const [what, send] of Object.entries(requests())) {
      const res = await send();
      expect(res.status, what).toBe(503);
      expect(res.headers["retry-after"], what).toMatch(/^\d+$/);
      expect(res.body.error, what).toMatchObject({ code: "unavailable" });
      expect(res.body.error.message, what).toMatch(/database is unreachable/);
    }
    await supertest(testApp.app).get("/readyz").expect(503);
    await supertest(testApp.app).get("/healthz").expect(200);

    await proxy.restore();
    const expected: Record<string, number> = {
      "start a thread": 201,
      "sign up": 201,
      "a fresh session's first request": 401,
    };
    for (const [what, send] of Object.entries(requests())) {
      expect((await send()).status, what).toBe(expected[what] ?? 200);
    }
  });
});
