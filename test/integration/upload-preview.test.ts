// Previewing an upload stores nothing; publishing it with corrections stores the corrected blocks and records them.
import { describe, expect, it } from "vitest";
import { buildTestApp, signUp } from "../helpers/test-app.ts";

const { app, prisma } = buildTestApp();

const text = [
  "On Raeding Together",
  "",
  "A first paragraph about reading. It goes on a little.",
  "",
  "A second paragraph that the import kept apart.",
  "",
  "Reading Aloud",
  "",
  "The last paragraph.",
  "",
].join("\n");

async function ownerOfGroup() {
  const owner = await signUp(app);
  const groupId = (await owner.agent.post("/api/groups").send({ name: "Readers" }).expect(201)).body.group
    .id as string;
  return { owner, groupId };
}

// Rows of one group only: other test files write to the same database at the same time.
const rowCounts = async (groupId: string) => ({
  documents: await prisma.document.count({ where: { groupId } }),
  versions: await prisma.documentVersion.count({ where: { document: { groupId } } }),
  blocks: await prisma.block.count({ where: { version: { document: { groupId } } } }),
  audit: await prisma.auditEvent.count({ where: { groupId } }),
});

interface PreviewBlock {
  kind: string;
  text: string;
  anchorId: string;
  ordinal: number;
}

describe("previewing an upload", () => {
  it("answers the blocks and report of a new document, and stores nothing", async () => {
    const { owner, groupId } = await ownerOfGroup();
    const before = await rowCounts(groupId);
    const res = await owner.agent
      .post(`/api/documents?groupId=${groupId}&preview=true`)
      .set("Content-Type", "text/plain")
      .send(text)
      .expect(200);
    expect(res.body.preview).toBe(true);
    expect(res.body.document.title).toBe("On Raeding Together");
    const blocks = res.body.blocks as PreviewBlock[];
    expect(blocks.map((block) => block.kind)).toContain("paragraph");
    expect(res.body.report.format).toBe("text");
    expect(await rowCounts(groupId)).toEqual(before);
  });

  it("applies corrections sent with the preview, and refuses them as the upload would", async () => {
    const { owner, groupId } = await ownerOfGroup();
    const res = await owner.agent
      .post("/api/documents")
      .field("groupId", groupId)
      .field("preview", "true")
      .field("corrections", JSON.stringify([{ op: "edit", block: 0, text: "On Reading Together" }]))
      .attach("file", Buffer.from(text), "reading.txt")
      .expect(200);
    expect(res.body.document.title).toBe("On Reading Together");
    expect(res.body.report.corrections).toHaveLength(1);

    // A corrections field past the form's field limit is named as too long, not as JSON cut short.
    const long = await owner.agent
      .post("/api/documents")
      .field("groupId", groupId)
      .field("preview", "true")
      .field("corrections", `[${"1,".repeat(600_000)}1]`)
      .attach("file", Buffer.from(text), "reading.txt")
      .expect(413);
    expect(long.body.error.message).toBe('The form field "corrections" is longer than 1048576 bytes.');

    const member = await signUp(app);
    await member.agent
      .post(`/api/documents?groupId=${groupId}&preview=true`)
      .set("Content-Type", "text/plain")
      .send(text)
      .expect(404);
  });

  it("previews a new version of a document without adding one", async () => {
    const { owner, groupId } = await ownerOfGroup();
    const created = await owner.agent
      .post(`/api/documents?groupId=${groupId}`)
      .set("Content-Type", "text/plain")
      .send(text)
      .expect(201);
    const before = await rowCounts(groupId);
    const res = await owner.agent
      .post(`/api/documents/${created.body.document.id}/versions?preview=true`)
      .set("Content-Type", "text/plain")
      .send(`${text}\nA new closing paragraph.\n`)
      .expect(200);
    expect((res.body.blocks as PreviewBlock[]).at(-1)?.text).toBe("A new closing paragraph.");
    expect(await rowCounts(groupId)).toEqual(before);
  });
});

describe("publishing with corrections", () => {
  it("stores the corrected blocks the preview showed, with their anchors, and records the corrections", async () => {
    const { owner, groupId } = await ownerOfGroup();
    const preview = await owner.agent
      .post(`/api/documents?groupId=${groupId}&preview=true`)
      .set("Content-Type", "text/plain")
      .send(text)
      .expect(200);
    const blocks = preview.body.blocks as PreviewBlock[];
    const first = blocks.findIndex((block) => block.text.startsWith("A first paragraph"));
    const corrections = [
      { op: "edit", block: 0, text: "On Reading Together" },
      { op: "merge", block: first },
      { op: "split", block: first, offset: "A first paragraph about reading.".length },
      { op: "kind", block: blocks.length - 1, kind: "colophon" },
    ];
    const corrected = await owner.agent
      .post("/api/documents")
      .field("groupId", groupId)
      .field("preview", "true")
      .field("corrections", JSON.stringify(corrections))
      .attach("file", Buffer.from(text), "reading.txt")
      .expect(200);

    const published = await owner.agent
      .post("/api/documents")
      .field("groupId", groupId)
      .field("corrections", JSON.stringify(corrections))
      .attach("file", Buffer.from(text), "reading.txt")
      .expect(201);
    expect(published.body.document.title).toBe("On Reading Together");
    const documentId = published.body.document.id as string;
    const version = await owner.agent.get(`/api/documents/${documentId}/versions/1`).expect(200);
    const stored = version.body.version.blocks as PreviewBlock[];
    expect(stored.map(({ kind, text, anchorId, ordinal }) => ({ kind, text, anchorId, ordinal }))).toEqual(
      (corrected.body.blocks as PreviewBlock[]).map(({ kind, text, anchorId, ordinal }) => ({
        kind,
        text,
        anchorId,
        ordinal,
      })),
    );
    expect(stored[first]?.text).toBe("A first paragraph about reading.");
    expect(stored[first + 1]?.text).toBe(
      "It goes on a little. A second paragraph that the import kept apart.",
    );
    expect(stored.at(-1)?.kind).toBe("colophon");
    expect(new Set(stored.map((block) => block.anchorId)).size).toBe(stored.length);
    expect(
      version.body.version.report.corrections.map((entry: { operation: unknown }) => entry.operation),
    ).toEqual(corrections);
    expect(version.body.version.report.corrections[0].before[0].text).toBe("On Raeding Together");

    // The uncorrected file is a different version of the text, not "identical".
    const again = await owner.agent
      .post(`/api/documents/${documentId}/versions`)
      .set("Content-Type", "text/plain")
      .send(text)
      .expect(201);
    expect(again.body.version.number).toBe(2);
  });

  it.each([
    [
      "a block that is not there",
      [{ op: "merge", block: 99 }],
      /Correction 1 \(merge block 99\) names no block/u,
    ],
    [
      "a cut past the text",
      [{ op: "split", block: 0, offset: 5000 }],
      /Correction 1 \(split block 0\) cuts at 5000/u,
    ],
    ["an unknown operation", [{ op: "delete", block: 0 }], /corrections/u],
    ["JSON that is not JSON", "[{", /corrections/u],
  ])("refuses %s with 400 and stores nothing", async (_name, corrections, message) => {
    const { owner, groupId } = await ownerOfGroup();
    const before = await rowCounts(groupId);
    const res = await owner.agent
      .post("/api/documents")
      .field("groupId", groupId)
      .field("corrections", typeof corrections === "string" ? corrections : JSON.stringify(corrections))
      .attach("file", Buffer.from(text), "reading.txt")
      .expect(400);
    expect(`${res.body.error.message} ${JSON.stringify(res.body.error.details ?? [])}`).toMatch(message);
    expect(await rowCounts(groupId)).toEqual(before);
  });
});

describe("a text that gives no title", () => {
  const untitled = Array.from(
    { length: 40 },
    (_, n) => `Paragraph ${n + 1} of a text without a title, said plainly.`,
  ).join("\n\n");

  it("is named after its file, tidied; a title given, or the text's own, comes first", async () => {
    const { owner, groupId } = await ownerOfGroup();
    const upload = (name: string, fields: Record<string, string> = {}, body = untitled) => {
      let request = owner.agent.post("/api/documents").field("groupId", groupId);
      for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
      return request.attach("file", Buffer.from(body), name);
    };
    const preview = await upload("plain40.txt", { preview: "true" }).expect(200);
    expect(preview.body.document.title).toBe("plain40");
    expect((preview.body.blocks as PreviewBlock[]).some((block) => block.kind === "title")).toBe(false);
    const published = await upload("my_river  notes.md").expect(201);
    expect(published.body.document.title).toBe("my river notes");
    const given = await upload("plain40.txt", { title: "Forty" }).expect(201);
    expect(given.body.document.title).toBe("Forty");
    const own = await upload("reading.txt", {}, text).expect(201);
    expect(own.body.document.title).toBe("On Raeding Together");
    // A raw upload has no file name: it stays untitled.
    const raw = await owner.agent
      .post(`/api/documents?groupId=${groupId}`)
      .set("Content-Type", "text/plain")
      .send(untitled)
      .expect(201);
    expect(raw.body.document.title).toBe("Untitled");
  });
});
