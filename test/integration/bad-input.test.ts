// Every REST route, as the OpenAPI document lists it, fed arbitrary strings in path, query and body: 2xx or a 4xx
// that says what was wrong (a 400 names its field), never a 5xx, and nothing malformed comes back from storage.
import fc from "fast-check";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { textProblem } from "../../shared/text/unicode.ts";
import { sessionCookieName } from "../../server/http/middleware/auth.ts";
import { startSession } from "../../server/services/auth/start-session.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { requestsFor, routesOf, type ArbitraryRequest, type Plausible } from "../helpers/openapi-requests.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app, ctx } = buildTestApp();
const routes = routesOf((await supertest(app).get("/api/openapi.json").expect(200)).body);
/** Fixed per run unless FUZZ_SEED is set, and printed with any failure so that it can be replayed. */
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const runsPerRoute = 20;

/** Most requests carry the owner's session, so that they reach the services; some carry none. */
const signedOut = fc.oneof(
  { arbitrary: fc.constant(false), weight: 9 },
  { arbitrary: fc.constant(true), weight: 1 },
);

let room: Awaited<ReturnType<typeof buildRoom>>;
let cookie: string;
let plausible: Plausible;

beforeAll(async () => {
  room = await buildRoom(app);
  cookie = room.owner.cookie;
  const block = room.paragraphs[0]!;
  const thread = await room.member.agent
    .post(`/api/rooms/${room.roomId}/threads`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send({ anchor: { blockId: block.anchorId, start: 4, end: 9 }, body: "A first thread" })
    .expect(201);
  const threadId = thread.body.thread.id as string;
  const comment = await room.member.agent
    .post(`/api/rooms/${room.roomId}/threads/${threadId}/comments`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send({ body: "A reply" })
    .expect(201);
  const invite = await room.owner.agent.post(`/api/groups/${room.groupId}/invites`).send({}).expect(201);
  const blockIds = room.paragraphs.map((paragraph) => paragraph.anchorId);
  const passages = room.paragraphs.flatMap((paragraph) => [
    paragraph.text.slice(4, 9),
    paragraph.text.slice(0, 3),
  ]);
  plausible = {
    groupId: fc.constant(room.groupId),
    roomId: fc.constant(room.roomId),
    documentId: fc.constant(room.documentId),
    threadId: fc.constant(threadId),
    commentId: fc.constant(comment.body.comment.id as string),
    targetId: fc.constantFrom(threadId, comment.body.comment.id as string),
    userId: fc.constant(room.member.id),
    parentId: fc.constant(threadId),
    token: fc.constant(invite.body.invite.token as string),
    version: fc.constantFrom("1", "2", "99999999999", "-1", "1.5"),
    blockId: fc.constantFrom(...blockIds),
    exact: fc.constantFrom(...passages),
    prefix: fc.constantFrom("", "The "),
    email: fc
      .string({ unit: "grapheme-ascii", minLength: 1, maxLength: 8 })
      .map((local) => `${encodeURIComponent(local)}@example.org`),
    text: fc.constantFrom("A Title\n\nA paragraph with 😀 and cafe\u0301.\n", "# Heading\n\n测试 text.\n"),
  };
});

/** Fails with the seed, the shrunk request and the assertion, each cut short: the raw report can run to megabytes. */
function reportBriefly<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const cut = (text: string) =>
    text.length > 600 ? `${text.slice(0, 600)}… (${text.length} characters)` : text;
  throw new Error(
    [
      `Failed after ${details.numRuns} runs; replay with FUZZ_SEED=${details.seed} (path ${details.counterexamplePath}).`,
      `Request: ${cut(fc.stringify(details.counterexample))}`,
      `Why: ${cut(String(details.errorInstance))}`,
    ].join("\n"),
  );
}

/** Every string in a parsed JSON response, to check that nothing stored came back malformed. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, item]) => [key, ...stringsIn(item)]);
  return [];
}

async function send(method: string, request: ArbitraryRequest, withCookie: boolean) {
  let test = supertest(app)[method as "get"](request.url).set("Idempotency-Key", crypto.randomUUID());
  if (withCookie) test = test.set("Cookie", cookie);
  if (request.json !== undefined) {
    return test.set("Content-Type", "application/json").send(JSON.stringify(request.json));
  }
  if (request.upload?.kind === "raw")
    return test.set("Content-Type", request.upload.contentType).send(request.upload.text);
  if (request.upload?.kind === "multipart") {
    for (const [name, value] of Object.entries(request.upload.fields)) {
      if (value !== undefined) test = test.field(name, value);
    }
    return test.attach("file", Buffer.from(request.upload.file), "text.txt");
  }
  return test;
}

describe(`every route, with arbitrary strings (seed ${seed})`, () => {
  it.each(routes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
    "%s",
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(requestsFor(route, plausible), signedOut, async (request, anonymous) => {
          const res = await send(route.method, request, !anonymous);
          const where = `${route.method.toUpperCase()} ${request.url.slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`;
          expect(res.status, where).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.body.error?.code, where).toEqual(expect.any(String));
            if (res.status === 400) {
              expect(res.body.error.details, where).toEqual(
                expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/./) })]),
              );
            }
          } else if (res.type === "application/json") {
            for (const text of stringsIn(res.body)) expect(textProblem(text, "any"), where).toBeUndefined();
          }
          if (route.path === "/api/auth/logout" && res.status === 204 && !anonymous) {
            const session = await startSession(ctx, room.owner.id, { userAgent: undefined, ip: undefined });
            cookie = `${sessionCookieName}=${session.token}`;
          }
        }),
        { seed, numRuns: runsPerRoute, reporter: reportBriefly },
      );
    },
  );
});

describe("the cases the issue names", () => {
  it("answers a malformed percent-escape in any path parameter with a 400 naming it, signed in or not", async () => {
    const withParams = routes.filter((route) => route.path.includes("{"));
    expect(withParams.length).toBeGreaterThanOrEqual(25);
    for (const route of withParams) {
      for (const name of [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!)) {
        const url = route.path.replace(`{${name}}`, "%ff").replace(/\{\w+\}/g, crypto.randomUUID());
        for (const session of [undefined, cookie]) {
          const client = supertest(app);
          const res = await client[route.method as "get"](url).set("Cookie", session ?? "");
          expect(res.status, `${route.method} ${url}`).toBe(400);
          expect(res.body.error.details, `${route.method} ${url}`).toEqual([
            { field: name, message: "is not valid percent-encoded UTF-8" },
          ]);
        }
      }
    }
  });

  it("refuses NUL and lone surrogates in every kind of field with a 400 naming it", async () => {
    const key = () => crypto.randomUUID();
    const block = room.paragraphs[0]!.anchorId;
    const threads = `/api/rooms/${room.roomId}/threads`;
    const cases: [string, () => supertest.Test][] = [
      [
        "displayName",
        () =>
          supertest(app)
            .post("/api/auth/register")
            .send({
              email: `n${key()}@example.org`,
              password: "long enough password",
              displayName: "Nul\u0000",
            }),
      ],
      ["name", () => room.owner.agent.post("/api/groups").send({ name: "\ud800" })],
      [
        "description",
        () => room.owner.agent.post("/api/groups").send({ name: "Readers", description: "a\u0000b" }),
      ],
      [
        "body",
        () =>
          room.member.agent
            .post(threads)
            .set("Idempotency-Key", key())
            .send({ anchor: { blockId: block }, body: "x\ud83d" }),
      ],
      [
        "anchor.prefix",
        () =>
          room.member.agent
            .post(threads)
            .set("Idempotency-Key", key())
            .send({ anchor: { blockId: block, start: 4, end: 9, prefix: "\u0000" }, body: "x" }),
      ],
      [
        "tags.0",
        () =>
          room.member.agent
            .post(threads)
            .set("Idempotency-Key", key())
            .send({ anchor: { blockId: block }, body: "x", tags: ["\u0000"] }),
      ],
      [
        "reason",
        () =>
          room.owner.agent
            .post(`${threads}/${crypto.randomUUID()}/hide`)
            .set("Idempotency-Key", key())
            .send({ reason: "\u0000" }),
      ],
      ["q", () => room.member.agent.get(`${threads}?q=%00`)],
      ["tag", () => room.member.agent.get(`${threads}?tag=%00`)],
      ["blockId", () => room.member.agent.get(`${threads}?blockId=a%00`)],
      [
        "title",
        () =>
          room.owner.agent
            .post(`/api/documents?groupId=${room.groupId}`)
            .field("title", "A\u0000title")
            .attach("file", Buffer.from("Some text.\n"), "text.txt"),
      ],
      [
        "author",
        () =>
          room.owner.agent
            .post(`/api/documents/${room.documentId}/versions?author=%00`)
            .set("Content-Type", "text/plain")
            .send("Some other text.\n"),
      ],
    ];
    const upload = (bytes: number[]) =>
      room.owner.agent
        .post(`/api/documents?groupId=${room.groupId}`)
        .set("Content-Type", "text/plain")
        .send(Buffer.from([...Buffer.from("Title\n\nText "), ...bytes]));
    cases.push(["file", () => upload([0x41, 0x00, 0x42])]); // NUL: UTF-16 or binary, refused rather than stripped
    cases.push(["file", () => upload([0x41, 0xed, 0xa0, 0x80])]); // a lone surrogate's bytes are not UTF-8
    for (const [field, request] of cases) {
      const res = await request();
      expect(res.status, `${field}: ${res.text}`).toBe(400);
      expect(
        res.body.error.details.map((detail: { field: string }) => detail.field),
        field,
      ).toContain(field);
    }
  });

  it("stores a passage whose 32-unit prefix would start inside an emoji, with a prefix of whole characters", async () => {
    const text = "We laughed 😀 and then the reading group went back to the text.";
    const upload = await room.owner.agent
      .post(`/api/documents?groupId=${room.groupId}`)
      .set("Content-Type", "text/plain")
      .send(`Emoji\n\n${text}\n`)
      .expect(201);
    const documentId = upload.body.document.id as string;
    const version = await room.owner.agent.get(`/api/documents/${documentId}/versions/1`).expect(200);
    const paragraph = (
      version.body.version.blocks as { kind: string; text: string; anchorId: string }[]
    ).find((block) => block.text === text)!;
    const roomId = (
      await room.owner.agent.post(`/api/groups/${room.groupId}/rooms`).send({ documentId }).expect(201)
    ).body.room.id as string;
    const start = text.indexOf("t back ");
    const res = await room.owner.agent
      .post(`/api/rooms/${roomId}/threads`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ anchor: { blockId: paragraph.anchorId, start, end: start + 7 }, body: "Why back?" })
      .expect(201);
    expect(res.body.thread.anchor.prefix).toBe(" and then the reading group wen");
    const list = await room.owner.agent.get(`/api/rooms/${roomId}/threads`).expect(200);
    expect(list.body.threads[0].anchor.prefix).toBe(" and then the reading group wen");
  });
});
