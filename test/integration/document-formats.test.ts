// Word, EPUB and web-page uploads through the real routes and import worker: blocks, marks and notes stored; bombs refused.
import { strToU8, zipSync } from "fflate";
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

  it("refuses a damaged or hostile Word file or EPUB with 422 naming the reason, and stores nothing", async () => {
    const { owner, groupId } = await ownGroup();
    const word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const docx = (documentXml: string) =>
      Buffer.from(
        zipSync({
          "[Content_Types].xml": strToU8(
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
          ),
          "word/document.xml": strToU8(documentXml),
        }),
      );
    const wordBody = (inner: string) =>
      `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${inner}</w:body></w:document>`;
    // Entities are never expanded: a billion laughs, or a file's contents, is an entity the parser does not know.
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
      wordBody("<w:p><w:r><w:t>&b;&x;</w:t></w:r></w:p>");
    const epub = (href: string, spine = 1) =>
      Buffer.from(
        zipSync({
          mimetype: [strToU8("application/epub+zip"), { level: 0 }],
          "META-INF/container.xml": strToU8(
            '<container><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>',
          ),
          "content.opf": strToU8(
            `<package><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Spine</dc:title></metadata>` +
              `<manifest><item id="c" href="${href}" media-type="application/xhtml+xml"/></manifest>` +
              `<spine>${'<itemref idref="c"/>'.repeat(spine)}</spine></package>`,
          ),
          "c.xhtml": strToU8("<html><body><p>The one chapter.</p></body></html>"),
        }),
      );
    const cases: [Buffer, string, number, RegExp][] = [
      [
        docx(laughs),
        word,
        422,
        /^This Word file is damaged and could not be read \(.*entity.*\)\. Save it again/u,
      ],
      [
        epub("%E0%A4%A"),
        "application/epub+zip",
        422,
        /^This EPUB is damaged and could not be read \(URI malformed\)/u,
      ],
      [epub("../../etc/passwd"), "application/epub+zip", 422, /^Nothing to read was found in this EPUB/u],
      [
        docx(wordBody("<w:p/>")),
        word,
        422,
        /^Nothing to read was found in this Word file.*nothing was stored/u,
      ],
    ];
    for (const [body, type, status, message] of cases) {
      const res = await owner.agent
        .post(`/api/documents?groupId=${groupId}`)
        .set("Content-Type", type)
        .send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await prisma.document.count({ where: { groupId } })).toBe(0);
    // A spine naming its one chapter 20,000 times reads it once (epubcheck OPF-034), not 20,000 times.
    const repeated = await owner.agent
      .post(`/api/documents?groupId=${groupId}&preview=true`)
      .set("Content-Type", "application/epub+zip")
      .send(epub("c.xhtml", 20_000))
      .expect(200);
    expect(repeated.body.blocks.map((block: StoredBlock) => block.text)).toEqual([
      "Spine",
      "The one chapter.",
    ]);
  });

  it("refuses a page or a Markdown text with nothing to read (422), and stores nothing", async () => {
    const { owner, groupId } = await ownGroup();
    const cases: [string, string][] = [
      [
        "<!doctype html><html><body><script>alert(1)</script><img src=x onerror=alert(2)></body></html>",
        "text/html",
      ],
      ["---\n\n***\n", "text/markdown"],
    ];
    for (const [body, type] of cases) {
      const res = await owner.agent
        .post(`/api/documents?groupId=${groupId}`)
        .set("Content-Type", type)
        .send(body)
        .expect(422);
      expect(res.body.error.message).toMatch(
        /^Nothing to read was found in this (web page|Markdown text): no paragraph or heading/u,
      );
    }
    expect(await prisma.document.count({ where: { groupId } })).toBe(0);
  });
});
