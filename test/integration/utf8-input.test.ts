// Request input that is not UTF-8 is refused with a 400 naming it: JSON bodies (any route that takes one) and query
// parameters whose percent-escapes decode to bytes that are not UTF-8. Nothing is read as U+FFFD and stored.
import fc from "fast-check";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { buildRoom } from "../helpers/room-fixture.ts";
import { routesOf } from "../helpers/openapi-requests.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app } = buildTestApp();
const routes = routesOf((await supertest(app).get("/api/openapi.json").expect(200)).body);

let room: Awaited<ReturnType<typeof buildRoom>>;
beforeAll(async () => {
  room = await buildRoom(app);
});

/** Sends a Buffer's bytes as they are (superagent would write a Buffer as JSON). */
const asIs = (body: unknown) => body as string;

/** Byte sequences that are not UTF-8: stray and overlong bytes, encoded surrogates, cut sequences, out of range. */
const invalidUtf8 = fc.constantFrom<number[]>(
  [0xff, 0xfe],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
);

/** A JSON body whose `body` string holds `bad` between `before` and `after`. */
const jsonWith = (before: string, bad: readonly number[], after: string, blockId: string) =>
  Buffer.concat([
    Buffer.from(
      `{"anchor":{"blockId":${JSON.stringify(blockId)}},"body":${JSON.stringify(before).slice(0, -1)}`,
    ),
    Buffer.from(bad),
    Buffer.from(`${JSON.stringify(after).slice(1)}}`),
  ]);

describe("JSON bodies", () => {
  it("refuses bytes that are not UTF-8 inside a JSON string with a 400 naming the body (property)", async () => {
    const threads = `/api/rooms/${room.roomId}/threads`;
    const blockId = room.paragraphs[0]!.anchorId;
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 8 }),
        invalidUtf8,
        fc.string({ maxLength: 8 }),
        async (a, bad, b) => {
          const res = await room.member.agent
            .post(threads)
            .set("Idempotency-Key", crypto.randomUUID())
            .set("Content-Type", "application/json")
            .serialize(asIs)
            .serialize(asIs)
            .serialize(asIs)
            .send(jsonWith(`x${a}`, bad, b, blockId));
          expect(res.status, res.text).toBe(400);
          expect(res.body.error.code).toBe("malformed_json");
          expect(res.body.error.message).toMatch(
            /^The request body is not valid UTF-8 \(first bad byte at offset \d+\)\.$/,
          );
          expect(res.body.error.details).toEqual([{ field: "body", message: "is not valid UTF-8" }]);
        },
      ),
      { numRuns: 40 },
    );
    const list = await room.member.agent.get(threads).expect(200);
    expect(list.body.threads).toEqual([]);
  });

  it("still takes valid UTF-8 of every plane", async () => {
    const blockId = room.paragraphs[0]!.anchorId;
    const res = await room.member.agent
      .post(`/api/rooms/${room.roomId}/threads`)
      .set("Idempotency-Key", crypto.randomUUID())
      .set("Content-Type", "application/json")
      .serialize(asIs)
      .send(jsonWith("é 测试 😀", [0xf0, 0x9f, 0x98, 0x80], " ok", blockId))
      .expect(201);
    expect(res.body.thread.body).toBe("é 测试 😀😀 ok");
  });

  it("refuses them on every route that takes a JSON body, wherever they sit", async () => {
    // (Uploads, the annotation import's JSON among them, are read as files: "file is not valid UTF-8".)
    const withBody = routes.filter(
      (route) => Object.keys(route.operation.requestBody?.content ?? {}).join() === "application/json",
    );
    expect(withBody.length).toBeGreaterThan(20);
    for (const route of withBody) {
      const url = route.path.replace(/\{\w+\}/g, crypto.randomUUID());
      const client = supertest(app);
      const res = await client[route.method as "post"](url)
        .set("Cookie", room.owner.cookie)
        .set("Idempotency-Key", crypto.randomUUID())
        .set("Content-Type", "application/json")
        .serialize(asIs)
        .serialize(asIs)
        .send(Buffer.from([...Buffer.from('{"name":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]));
      expect(res.status, `${route.method} ${route.path}: ${res.text}`).toBe(400);
      expect(res.body.error.details, `${route.method} ${route.path}`).toEqual([
        { field: "body", message: "is not valid UTF-8" },
      ]);
    }
  });
});

describe("query parameters", () => {
  it("refuses a value whose escapes decode to bytes that are not UTF-8, naming the parameter (property)", async () => {
    const withQuery = routes.filter((route) =>
      route.operation.parameters?.some((parameter) => parameter.in === "query"),
    );
    expect(withQuery.length).toBeGreaterThan(5);
    const escaped = invalidUtf8.map((bytes) =>
      bytes.map((byte) => `%${byte.toString(16).toUpperCase()}`).join(""),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withQuery),
        escaped,
        fc.stringMatching(/^[a-z0-9]{0,4}$/),
        async (route, bad, around) => {
          const names = route.operation.parameters!.filter((parameter) => parameter.in === "query");
          const name = names[around.length % names.length]!.name;
          const url = `${route.path.replace(/\{\w+\}/g, crypto.randomUUID())}?${name}=${around}${bad}${around}`;
          const client = supertest(app);
          const res = await client[route.method as "get"](url)
            .set("Cookie", room.owner.cookie)
            .set("Idempotency-Key", crypto.randomUUID());
          expect(res.status, `${url}: ${res.text}`).toBe(400);
          expect(res.body.error.details, url).toEqual([
            { field: name, message: "is not valid percent-encoded UTF-8" },
          ]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("names the issue's examples, and a parameter whose own name does not decode", async () => {
    const threads = `/api/rooms/${room.roomId}/threads`;
    for (const query of ["q=%ED%A0%80", "q=%FF", "tag=a+%C0%AF"]) {
      const res = await room.member.agent.get(`${threads}?${query}`).expect(400);
      expect(res.body.error.message).toBe(
        `Invalid request: ${query.split("=")[0]} is not valid percent-encoded UTF-8.`,
      );
    }
    const res = await room.member.agent.get(`${threads}?%FF=1`).expect(400);
    expect(res.body.error.details).toEqual([{ field: "%FF", message: "is not valid percent-encoded UTF-8" }]);
  });

  it("still reads escaped UTF-8, plus signs and a lone percent sign as before", async () => {
    const threads = `/api/rooms/${room.roomId}/threads`;
    await room.member.agent.get(`${threads}?q=%E6%B5%8B%E8%AF%95+%F0%9F%98%80`).expect(200);
    await room.member.agent.get(`${threads}?q=100%`).expect(200);
    await room.member.agent.get(`${threads}?q=%zz&tag=a`).expect(200);
  });
});
