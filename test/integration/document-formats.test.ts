// Word, EPUB and web-page uploads through the real routes and import worker: blocks, marks and notes stored; bombs refused.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildTestApp, signUp } from "../helpers/test-app.ts";
import { declareSize, fixtureText, zipFixture } from "../unit/import-formats/zip-fixture.ts";

const { app, prisma } = buildTestApp();

async function ownGroup() {
  const owner = await signUp(app);
  const groupId = (await owner.agent.post("/api/groups").send({ name: "Readers" }).expect(201)).body.group
    .id as string;
  return { owner, groupId };
}

type StoredBlock = { kind: string; text: string; footnotes: { marker: string; note?: { text: string } }[] };

async function uploadAndRead(file: Buffer, type: string) {
  const { owner, groupId } = await ownGroup();
  const res = await owner.agent
    .post(`/api/documents?groupId=${groupId}`)
    .set("Content-Type", type)
    .send(file);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const version = await owner.agent.get(`/api/documents/${res.body.document.id}/versions/1`).expect(200);
  return { res, blocks: version.body.version.blocks as StoredBlock[] };
}

describe("uploading Word, EPUB and HTML files", () => {
  it("imports a .docx with its title, author, quote, list items and notes", async () => {
    const { res, blocks } = await uploadAndRead(
      Buffer.from(zipFixture("docx")),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(res.body.document.title).toBe("Notes on Slow Reading");
    expect(res.body.report.format).toBe("docx");
    expect(blocks.map((block) => block.kind)).toEqual([
      "title",
      "author",
      "heading",
      "paragraph",
      "quote",
      "item",
      "item",
      "paragraph",
    ]);
    expect(blocks[1]?.text).toBe("Mara Quell");
    expect(blocks[3]?.footnotes.map((ref) => ref.note?.text)).toEqual([
      "First said in a letter, never printed.",
      "The group met on Thursdays.",
    ]);
  });

  it("imports an EPUB in spine order with its notes", async () => {
    const { res, blocks } = await uploadAndRead(
      Buffer.from(zipFixture("epub", "mimetype")),
      "application/epub+zip",
    );
    expect(res.body.document.title).toBe("The Patient Reader");
    expect(blocks.map((block) => block.text)).toContain(
      "Begin at the beginning, and go on till you come to the end.",
    );
    expect(blocks.flatMap((block) => block.footnotes.map((ref) => ref.note?.text))).toEqual([
      "Or anywhere, as the saying goes.",
      "Endnotes once lived at the back of the book.",
    ]);
  });

  it("imports a saved web page without its navigation", async () => {
    const { res, blocks } = await uploadAndRead(Buffer.from(fixtureText("saved-page.html")), "text/html");
    expect(res.body.document.title).toBe("Marginalia and the Common Reader");
    const text = blocks.map((block) => block.text).join("\n");
    expect(text).toContain("the margin becomes a meeting place");
    expect(text).not.toMatch(/Subscribe|Popular this week|All rights reserved|track/u);
  });

  it("refuses a zip bomb posing as a .docx, stores nothing and stays responsive", async () => {
    const { owner, groupId } = await ownGroup();
    const bomb = Buffer.from(
      declareSize(zipSync({ "word/document.xml": new Uint8Array(1000) }), 4_000_000_000),
    );
    const res = await owner.agent
      .post(`/api/documents?groupId=${groupId}`)
      .set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
      .send(bomb)
      .expect(413);
    expect(res.body.error.message).toMatch(
      /would unpack to 4000000000 bytes.*refused without being unpacked/u,
    );
    expect(await prisma.document.count({ where: { groupId } })).toBe(0);
    await owner.agent.get("/healthz").expect(200);
  });
});
