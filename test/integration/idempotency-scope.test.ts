// Which requests need an Idempotency-Key: every change to a room's threads, replies and reactions, and nothing else;
// the README says exactly that, and the OpenAPI document marks exactly those.
import { readFileSync } from "node:fs";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../shared/limits.ts";
import { routesOf } from "../helpers/openapi-requests.ts";
import { buildRoom, postReply, startThread } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app } = buildTestApp();
const routes = routesOf((await supertest(app).get("/api/openapi.json").expect(200)).body);
const mutating = routes.filter((route) => route.method !== "get");
const keyed = (route: (typeof routes)[number]) =>
  /Send an Idempotency-Key header/.test((route.operation as { summary?: string }).summary ?? "");
const discussion = /^\/api\/rooms\/\{roomId\}\/(threads|comments|reactions)\b(?!.*\/follow$)/;

let room: Awaited<ReturnType<typeof buildRoom>>;
beforeAll(async () => {
  room = await buildRoom(app);
});

describe("Idempotency-Key", () => {
  it("is asked of every change to a room's threads, replies and reactions, and of nothing else", () => {
    const asked = mutating.filter(keyed).map((route) => `${route.method} ${route.path}`);
    const changes = mutating
      .filter((route) => discussion.test(route.path))
      .map((route) => `${route.method} ${route.path}`);
    expect(asked.length).toBeGreaterThan(10);
    expect(asked.sort()).toEqual(changes.sort());
  });

  it("without one, each of those is a 400 naming it; other mutations go through", async () => {
    const anchor = { blockId: room.paragraphs[0]!.anchorId };
    const threadId = await startThread(room.member, room.roomId, "A thread", anchor);
    const commentId = await postReply(room.member, room.roomId, threadId, "A reply");
    const ids: Record<string, string> = { roomId: room.roomId, threadId, commentId, targetId: threadId };
    const bodies: Record<string, object> = {
      "post /api/rooms/{roomId}/threads": { anchor, body: "x" },
      "patch /api/rooms/{roomId}/threads/{threadId}": { body: "x" },
      "post /api/rooms/{roomId}/threads/{threadId}/hide": { reason: "x" },
      "post /api/rooms/{roomId}/threads/{threadId}/anchor": { anchor },
      "post /api/rooms/{roomId}/threads/{threadId}/comments": { body: "x" },
      "patch /api/rooms/{roomId}/comments/{commentId}": { body: "x" },
      "post /api/rooms/{roomId}/comments/{commentId}/hide": { reason: "x" },
      "put /api/rooms/{roomId}/reactions/{targetId}": { emoji: limits.reactions[0] },
      "delete /api/rooms/{roomId}/reactions/{targetId}": { emoji: limits.reactions[0] },
    };
    for (const route of mutating.filter(keyed)) {
      const url = route.path.replace(/\{(\w+)\}/g, (_all, name: string) => ids[name]!);
      const client = supertest(app);
      let request = client[route.method as "post"](url).set("Cookie", room.owner.cookie);
      const body = bodies[`${route.method} ${route.path}`];
      if (body) request = request.send(body);
      const res = await request;
      expect(res.status, `${route.method} ${route.path}: ${res.text}`).toBe(400);
      expect(res.body.error.details[0].field, route.path).toBe("Idempotency-Key");
    }
    await room.owner.agent.post("/api/groups").send({ name: "Keyless" }).expect(201);
    await room.member.agent.put(`/api/rooms/${room.roomId}/threads/${threadId}/follow`).expect(204);
    await room.owner.agent.patch(`/api/rooms/${room.roomId}`).send({ hideUntilPosted: false }).expect(200);
  });

  it("is described in the README as it is", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    // The sentence that says who needs the header (up to its first semicolon).
    const rule = readme.match(/[^.;]*needs an `Idempotency-Key` header/)?.[0].trim();
    expect(rule).toBe(
      "Every change to a room's threads, replies and reactions (each `POST`, `PATCH`, `PUT` and `DELETE` under `/api/rooms/:roomId/threads`, `…/comments` and `…/reactions`, but following a thread) needs an `Idempotency-Key` header",
    );
  });
});
