// A new version's preview answers its mapping from the latest version; the history lists and compares versions.
import type supertest from "supertest";
import { describe, expect, it } from "vitest";
import { roomText } from "../helpers/room-fixture.ts";
import { buildTestApp, signUp } from "../helpers/test-app.ts";

const { app, prisma } = buildTestApp();

/** roomText with its second paragraph reworded, its third removed and a new closing paragraph. */
const revised = roomText
  .replace("disagrees with the first, politely", "disagrees with the first, gently")
  .replace(
    "The third paragraph concludes that both were right in their way.",
    "A new closing paragraph about something else entirely.",
  );

async function documentOf(text = roomText) {
  const owner = await signUp(app, { displayName: "Olive Owner" });
  const groupId = (await owner.agent.post("/api/groups").send({ name: "Readers" }).expect(201)).body.group
    .id as string;
  const res = await owner.agent
    .post(`/api/documents?groupId=${groupId}`)
    .set("Content-Type", "text/plain")
    .send(text)
    .expect(201);
  return { owner, groupId, documentId: res.body.document.id as string };
}

const post = (agent: supertest.Agent, documentId: string, text: string, preview: boolean) =>
  agent
    .post(`/api/documents/${documentId}/versions${preview ? "?preview=true" : ""}`)
    .set("Content-Type", "text/plain")
    .send(text);

describe("previewing a new version", () => {
  it("answers the mapping from the latest version, in reading order, and stores nothing", async () => {
    const { owner, documentId } = await documentOf();
    const res = await post(owner.agent, documentId, revised, true).expect(200);
    expect(res.body.identicalTo).toBeUndefined();
    const mapping = res.body.mapping;
    expect(mapping).toMatchObject({
      from: 1,
      to: null,
      counts: { unchanged: 2, changed: 1, removed: 1, added: 1 },
    });
    expect(mapping.entries.map((entry: { status: string }) => entry.status)).toEqual([
      "unchanged",
      "changed",
      "removed",
      "added",
    ]);
    expect(mapping.entries[0].anchorIds).toHaveLength(2);
    expect(mapping.entries[1]).toMatchObject({
      kind: "paragraph",
      oldText: expect.stringContaining("politely"),
      newText: expect.stringContaining("gently"),
    });
    expect(mapping.entries[1].similarity).toBeGreaterThan(0.5);
    expect(mapping.entries[1].similarity).toBeLessThan(1);
    expect(mapping.entries[2].text).toMatch(/^The third paragraph/);
    expect(mapping.entries[3].text).toMatch(/^A new closing paragraph/);
    expect(await prisma.documentVersion.count({ where: { documentId } })).toBe(1);
  });

  it("says which version an identical text already is; a new document's preview has no mapping", async () => {
    const { owner, groupId, documentId } = await documentOf();
    await post(owner.agent, documentId, revised, false).expect(201);
    const same = await post(owner.agent, documentId, roomText, true).expect(200);
    expect(same.body.identicalTo).toBe(1);
    expect(same.body.mapping).toMatchObject({ from: 2 });
    const fresh = await post(owner.agent, documentId, revised + "\n\nOne more.", true).expect(200);
    expect(fresh.body.identicalTo).toBeUndefined();
    const newDocument = await owner.agent
      .post(`/api/documents?groupId=${groupId}&preview=true`)
      .set("Content-Type", "text/plain")
      .send(roomText)
      .expect(200);
    expect(newDocument.body.mapping).toBeUndefined();
    expect(newDocument.body.identicalTo).toBeUndefined();
  });
});

describe("version history", () => {
  it("lists each version with its uploader and block count", async () => {
    const { owner, documentId } = await documentOf();
    await post(owner.agent, documentId, revised, false).expect(201);
    const res = await owner.agent.get(`/api/documents/${documentId}`).expect(200);
    expect(res.body.document.versions).toEqual([
      expect.objectContaining({ number: 1, blockCount: 4, createdBy: { id: owner.id, name: "Olive Owner" } }),
      expect.objectContaining({ number: 2, blockCount: 4, createdBy: { id: owner.id, name: "Olive Owner" } }),
    ]);
  });

  it("compares two versions either way, and refuses a missing version or a bad number", async () => {
    const { owner, documentId } = await documentOf();
    await post(owner.agent, documentId, revised, false).expect(201);
    const forward = await owner.agent.get(`/api/documents/${documentId}/compare?from=1&to=2`).expect(200);
    expect(forward.body.comparison).toMatchObject({
      from: 1,
      to: 2,
      counts: { unchanged: 2, changed: 1, removed: 1, added: 1 },
    });
    const back = await owner.agent.get(`/api/documents/${documentId}/compare?from=2&to=1`).expect(200);
    expect(back.body.comparison.counts).toEqual({ unchanged: 2, changed: 1, removed: 1, added: 1 });
    expect(back.body.comparison.entries[1]).toMatchObject({
      status: "changed",
      oldText: expect.stringContaining("gently"),
      newText: expect.stringContaining("politely"),
    });
    const self = await owner.agent.get(`/api/documents/${documentId}/compare?from=2&to=2`).expect(200);
    expect(self.body.comparison.entries).toEqual([{ status: "unchanged", anchorIds: expect.any(Array) }]);

    const missing = await owner.agent.get(`/api/documents/${documentId}/compare?from=1&to=3`).expect(404);
    expect(missing.body.error.message).toMatch(/Version 3/);
    const bad = await owner.agent.get(`/api/documents/${documentId}/compare?from=one&to=2`).expect(400);
    expect(JSON.stringify(bad.body.error)).toMatch(/from/);
    const stranger = await signUp(app);
    await stranger.agent.get(`/api/documents/${documentId}/compare?from=1&to=2`).expect(404);
  });
});
