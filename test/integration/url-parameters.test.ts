// Query and path parameters as routes read them: whole numbers in plain digits only, each parameter given once.
import fc from "fast-check";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { routesOf } from "../helpers/openapi-requests.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app } = buildTestApp();
const routes = routesOf((await supertest(app).get("/api/openapi.json").expect(200)).body);

let room: Awaited<ReturnType<typeof buildRoom>>;
beforeAll(async () => {
  room = await buildRoom(app);
});

/** The fields a 400 names, or the status when it is not a 400. */
async function refused(request: supertest.Test) {
  const res = await request;
  if (res.status !== 400) return res.status;
  return (res.body.error.details as { field: string }[]).map((detail) => detail.field);
}

describe("whole numbers in URLs", () => {
  it("are read from plain decimal digits only, else a 400 naming the parameter", async () => {
    const { owner, groupId, documentId } = room;
    const odd = ["0x10", "%20", "1e0", "%201", "01", "1.0", "+1", "0b1", "", "%EF%BC%91"];
    for (const value of odd) {
      expect(await refused(owner.agent.get(`/api/groups/${groupId}/audit?limit=${value}`)), value).toEqual([
        "limit",
      ]);
      expect(await refused(owner.agent.get(`/api/notifications?limit=${value}`)), value).toEqual(["limit"]);
      expect(
        await refused(owner.agent.get(`/api/documents/${documentId}/compare?from=${value}&to=1`)),
        value,
      ).toEqual(["from"]);
      if (value !== "")
        expect(
          await refused(owner.agent.get(`/api/documents/${documentId}/versions/${value}`)),
          value,
        ).toEqual(["version"]);
    }
    const version = await owner.agent.get(`/api/documents/${documentId}/versions/1e0`).expect(400);
    expect(version.body.error.message).toBe("Invalid request: version must be a version number.");
  });

  it("still take the numbers clients send", async () => {
    const { owner, groupId, documentId } = room;
    await owner.agent.get(`/api/groups/${groupId}/audit?limit=16`).expect(200);
    await owner.agent.get(`/api/notifications?limit=100`).expect(200);
    await owner.agent.get(`/api/documents/${documentId}/versions/1`).expect(200);
    await owner.agent.get(`/api/documents/${documentId}/compare?from=1&to=1`).expect(200);
  });
});

describe("repeated parameters", () => {
  it("a query parameter given twice is a 400 saying it must be given once, on every route (property)", async () => {
    const withQuery = routes.filter((route) =>
      route.operation.parameters?.some((parameter) => parameter.in === "query"),
    );
    expect(withQuery.length).toBeGreaterThan(5);
    const ids: Record<string, string> = {
      groupId: room.groupId,
      roomId: room.roomId,
      documentId: room.documentId,
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withQuery),
        fc.nat(),
        fc.array(fc.constantFrom("1", "true", "md", room.groupId, ""), { minLength: 2, maxLength: 3 }),
        async (route, pick, values) => {
          const names = route.operation.parameters!.filter((parameter) => parameter.in === "query");
          const name = names[pick % names.length]!.name;
          const path = route.path.replace(/\{(\w+)\}/g, (_all, id: string) => ids[id] ?? crypto.randomUUID());
          const url = `${path}?${values.map((value) => `${name}=${encodeURIComponent(value)}`).join("&")}`;
          const client = supertest(app);
          const res = await client[route.method as "get"](url)
            .set("Cookie", room.owner.cookie)
            .set("Idempotency-Key", crypto.randomUUID());
          expect(res.status, `${url}: ${res.text}`).toBe(400);
          expect(res.body.error.details, url).toEqual([{ field: name, message: "must be given once" }]);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("names a repeated groupId of an upload (the issue's example), and a form field sent twice", async () => {
    const { owner, groupId } = room;
    const twice = await owner.agent
      .post(`/api/documents?groupId=${groupId}&groupId=${crypto.randomUUID()}`)
      .set("Content-Type", "text/plain")
      .send("A Title\n\nSome text.\n")
      .expect(400);
    expect(twice.body.error).toEqual({
      code: "validation_failed",
      message: "Invalid request: groupId must be given once.",
      details: [{ field: "groupId", message: "must be given once" }],
    });
    const inForm = await owner.agent
      .post("/api/documents")
      .field("groupId", groupId)
      .field("title", "One")
      .field("title", "Two")
      .attach("file", Buffer.from("A Title\n\nSome text.\n"), "text.txt")
      .expect(400);
    expect(inForm.body.error.details).toEqual([{ field: "title", message: "must be given once" }]);
    const both = await owner.agent
      .post(`/api/documents?groupId=${groupId}`)
      .field("groupId", groupId)
      .attach("file", Buffer.from("A Title\n\nSome text.\n"), "text.txt")
      .expect(400);
    expect(both.body.error.details).toEqual([{ field: "groupId", message: "must be given once" }]);
    const listed = await owner.agent.get("/api/documents").expect(200);
    expect(listed.body.documents).toHaveLength(1);
  });
});
