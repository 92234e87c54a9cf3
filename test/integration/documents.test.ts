// Documents API: upload, versions, permissions and bad input, against the real database and import worker.
import { readFile } from "node:fs/promises";
import type supertest from "supertest";
import { describe, expect, it } from "vitest";
import { roomText } from "../helpers/room-fixture.ts";
import { buildTestApp, signUp } from "../helpers/test-app.ts";

const { app, prisma } = buildTestApp();
const essay = await readFile(
  new URL("../fixtures/communization-in-the-present-tense.txt", import.meta.url),
  "utf8",
);

const shortText = roomText;

async function groupWith(role: "member" | "observer" | "instructor") {
  const owner = await signUp(app);
  const groupId = (await owner.agent.post("/api/groups").send({ name: "Readers" }).expect(201)).body.group
    .id as string;
  const token = (
    await owner.agent
      .post(`/api/groups/${groupId}/invites`)
      .send({ role: role === "instructor" ? "instructor" : role })
      .expect(201)
  ).body.invite.token;
  const other = await signUp(app);
  await other.agent.post(`/api/invites/${token}/accept`).expect(201);
  return { owner, other, groupId };
}

function upload(
  agent: supertest.Agent,
  groupId: string,
  text: string | Buffer,
  type = "text/plain; charset=utf-8",
) {
  return agent.post(`/api/documents?groupId=${groupId}`).set("Content-Type", type).send(text);
}

async function documentCount(groupId: string) {
  return prisma.document.count({ where: { groupId } });
}

describe("uploading a document", () => {
  it("imports the essay as the author wrote it and serves its blocks", async () => {
    const { owner, groupId } = await groupWith("member");
    const res = await upload(owner.agent, groupId, essay).expect(201);
    expect(res.body.created).toBe(true);
    expect(res.body.document.title).toMatch(/Communization in the Present Tense/i);
    expect(res.body.report.ligatures.length).toBeGreaterThan(0);
    const documentId = res.body.document.id as string;

    const version = await owner.agent.get(`/api/documents/${documentId}/versions/1`).expect(200);
    const blocks = version.body.version.blocks as { kind: string; text: string; anchorId: string }[];
    expect(blocks.filter((block) => block.kind === "heading")).toHaveLength(3);
    expect(blocks.some((block) => block.kind === "colophon")).toBe(true);
    const body = blocks.map((block) => block.text).join("\n");
    expect(body).not.toMatch(/\p{L}[!"%#$]\p{L}|(^|\s)[!"%#$]\p{L}/u);
    expect(body).toContain("unification");
    expect(new Set(blocks.map((block) => block.anchorId)).size).toBe(blocks.length);

    const detail = await owner.agent.get(`/api/documents/${documentId}`).expect(200);
    expect(detail.body.document.versions).toEqual([
      expect.objectContaining({ number: 1, blockCount: blocks.length }),
    ]);
    const list = await owner.agent.get("/api/documents").expect(200);
    expect(list.body.documents.map((doc: { id: string }) => doc.id)).toContain(documentId);
  });

  it("accepts a multipart upload with title and author fields, and Markdown by file name", async () => {
    const { owner, groupId } = await groupWith("member");
    const res = await owner.agent
      .post("/api/documents")
      .field("groupId", groupId)
      .field("title", "Notes")
      .field("author", "A. Reader")
      .attach("file", Buffer.from("# Notes\n\nSome *emphasis* here.\n"), "notes.md")
      .expect(201);
    expect(res.body.document).toMatchObject({ title: "Notes", author: "A. Reader" });
    const version = await owner.agent.get(`/api/documents/${res.body.document.id}/versions/1`).expect(200);
    expect(version.body.version.format).toBe("markdown");
    const paragraph = version.body.version.blocks.find(
      (block: { kind: string }) => block.kind === "paragraph",
    );
    expect(paragraph.marks).toEqual([expect.objectContaining({ type: "em" })]);
  });

  it("members and observers cannot upload; outsiders do not see the group; nothing is stored", async () => {
    for (const role of ["member", "observer"] as const) {
      const { other, groupId } = await groupWith(role);
      const res = await upload(other.agent, groupId, shortText).expect(403);
      expect(res.body.error.message).toMatch(/owners and instructors/);
      expect(await documentCount(groupId)).toBe(0);
    }
    const { groupId } = await groupWith("member");
    const stranger = await signUp(app);
    await upload(stranger.agent, groupId, shortText).expect(404);
    expect(await documentCount(groupId)).toBe(0);
  });

  it("instructors can upload", async () => {
    const { other, groupId } = await groupWith("instructor");
    await upload(other.agent, groupId, shortText).expect(201);
  });

  it("refuses bad input with a clear error and stores nothing", async () => {
    const { owner, groupId } = await groupWith("member");
    const cases: [string | Buffer, string, number, RegExp][] = [
      ["   \n\n  ", "text/plain", 400, /empty/],
      [
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
        "text/plain",
        415,
        /binary file of a kind Scholia does not read.*Upload plain text, Markdown, PDF/,
      ],
      [
        Buffer.concat([Buffer.from("Caf"), Buffer.from([0xe9]), Buffer.from(" au lait")]),
        "text/plain",
        400,
        /not valid UTF-8 \(first bad byte at offset 3\)/,
      ],
      ["%PDF-1.4", "application/pdf", 422, /PDF is damaged/],
      ["%PDF-1.4", "text/plain", 415, /claims to be plain text but its content is a PDF/],
      [shortText, "image/png", 415, /Upload the file as text\/plain, text\/markdown or multipart/],
      [shortText, "text/plain; charset=latin1", 415, /UTF-8/],
    ];
    for (const [body, type, status, message] of cases) {
      const res = await upload(owner.agent, groupId, body, type).expect(status);
      expect(res.body.error.message).toMatch(message);
    }
    const badFormat = await owner.agent
      .post(`/api/documents?groupId=${groupId}&format=pdf`)
      .set("Content-Type", "text/plain")
      .send(shortText)
      .expect(400);
    expect(badFormat.body.error.details[0].field).toBe("format");
    const noGroup = await owner.agent
      .post("/api/documents")
      .set("Content-Type", "text/plain")
      .send(shortText)
      .expect(400);
    expect(noGroup.body.error.details[0].field).toBe("groupId");
    expect(await documentCount(groupId)).toBe(0);
  });

  it("refuses more than 5 MB with 413, raw or multipart", async () => {
    const { owner, groupId } = await groupWith("member");
    const big = "word ".repeat((6 * 1024 * 1024) / 5);
    const raw = await upload(owner.agent, groupId, big).expect(413);
    expect(raw.body.error.code).toBe("payload_too_large");
    const multipart = await owner.agent
      .post("/api/documents")
      .field("groupId", groupId)
      .attach("file", Buffer.from(big), "big.txt")
      .expect(413);
    expect(multipart.body.error.code).toBe("payload_too_large");
    expect(await documentCount(groupId)).toBe(0);
  });
});

describe("versions", () => {
  it("an identical upload creates nothing and says so; a changed one maps blocks from the previous version", async () => {
    const { owner, groupId } = await groupWith("member");
    const first = await upload(owner.agent, groupId, shortText).expect(201);
    const documentId = first.body.document.id as string;
    const url = `/api/documents/${documentId}/versions`;

    const same = await owner.agent.post(url).set("Content-Type", "text/plain").send(shortText).expect(200);
    expect(same.body).toMatchObject({ created: false, version: { number: 1 } });
    expect(same.body.message).toMatch(/identical to version 1/);
    expect(await prisma.documentVersion.count({ where: { documentId } })).toBe(1);

    const edited = shortText.replace(
      "disagrees with the first, politely",
      "disagrees with the first, gently",
    );
    const second = await owner.agent.post(url).set("Content-Type", "text/plain").send(edited).expect(201);
    expect(second.body.version.number).toBe(2);
    const v1 = (await owner.agent.get(`${url}/1`).expect(200)).body.version;
    const v2 = (await owner.agent.get(`${url}/2`).expect(200)).body.version;
    const firstParagraph = v1.blocks.find((block: { text: string }) => block.text.startsWith("The first"));
    expect(v2.blocks.find((block: { text: string }) => block.text.startsWith("The first")).anchorId).toBe(
      firstParagraph.anchorId,
    );
    // Only the edited paragraph is "changed" (a substring check would also be satisfied by "unchanged").
    const editedParagraph = v1.blocks.find((block: { text: string }) => block.text.includes("politely"));
    const fates = v2.mapping.blocks as { status: string; oldAnchorId: string }[];
    expect(fates).toHaveLength(v1.blocks.length);
    expect(fates.filter((fate) => fate.status !== "unchanged")).toEqual([
      expect.objectContaining({ status: "changed", oldAnchorId: editedParagraph.anchorId }),
    ]);
    expect(v2.mapping.added).toEqual([]);
  });

  it("only the owning group's owners and instructors add versions", async () => {
    const { owner, other, groupId } = await groupWith("member");
    const documentId = (await upload(owner.agent, groupId, shortText).expect(201)).body.document.id;
    await other.agent
      .post(`/api/documents/${documentId}/versions`)
      .set("Content-Type", "text/plain")
      .send(shortText + "\n\nMore.")
      .expect(403);
    const stranger = await signUp(app);
    await stranger.agent.get(`/api/documents/${documentId}`).expect(404);
    await stranger.agent.get(`/api/documents/${documentId}/versions/1`).expect(404);
    await owner.agent.get(`/api/documents/${documentId}/versions/9`).expect(404);
  });
});

describe("rooms", () => {
  it("attaches a document to a group once; members list rooms; members cannot attach", async () => {
    const { owner, other, groupId } = await groupWith("member");
    const documentId = (await upload(owner.agent, groupId, shortText).expect(201)).body.document.id;
    const created = await owner.agent.post(`/api/groups/${groupId}/rooms`).send({ documentId }).expect(201);
    expect(created.body.room).toMatchObject({ groupId, version: 1, document: { id: documentId } });
    const again = await owner.agent.post(`/api/groups/${groupId}/rooms`).send({ documentId }).expect(200);
    expect(again.body.room.id).toBe(created.body.room.id);
    const rooms = await other.agent.get(`/api/groups/${groupId}/rooms`).expect(200);
    expect(rooms.body.rooms).toHaveLength(1);
    await other.agent.post(`/api/groups/${groupId}/rooms`).send({ documentId }).expect(403);
  });

  it("attaching the same document many times at once makes one room and answers every request with it", async () => {
    const { owner, groupId } = await groupWith("member");
    const documentId = (await upload(owner.agent, groupId, shortText).expect(201)).body.document.id;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => owner.agent.post(`/api/groups/${groupId}/rooms`).send({ documentId })),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((res) => res.body.room.id)).size).toBe(1);
    expect(await prisma.room.count({ where: { groupId, documentId } })).toBe(1);
  });

  it("a group reading another group's document can read it, but not change it", async () => {
    const a = await groupWith("member");
    const documentId = (await upload(a.owner.agent, a.groupId, shortText).expect(201)).body.document.id;
    // a.owner also owns group B and attaches the document there; B's member can now read it.
    const b = await a.owner.agent.post("/api/groups").send({ name: "Other readers" }).expect(201);
    const token = (await a.owner.agent.post(`/api/groups/${b.body.group.id}/invites`).send({}).expect(201))
      .body.invite.token;
    const reader = await signUp(app);
    await reader.agent.post(`/api/invites/${token}/accept`).expect(201);
    await reader.agent.get(`/api/documents/${documentId}`).expect(404);
    await a.owner.agent.post(`/api/groups/${b.body.group.id}/rooms`).send({ documentId }).expect(201);
    await reader.agent.get(`/api/documents/${documentId}/versions/1`).expect(200);
    await reader.agent
      .post(`/api/documents/${documentId}/versions`)
      .set("Content-Type", "text/plain")
      .send("Changed.")
      .expect(403);
  });
});
