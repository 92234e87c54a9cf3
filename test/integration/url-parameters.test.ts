// Query and path parameters as routes read them: whole numbers in plain digits only.
import type supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { buildRoom } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app } = buildTestApp();

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
