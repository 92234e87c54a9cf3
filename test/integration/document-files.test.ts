// Uploading files (PDF) as documents and versions: stored with their bytes, refused with clear errors and nothing
// stored when they cannot be read, and imported off the event loop.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import supertest from "supertest";
import { describe, expect, it } from "vitest";
import { limits } from "../../shared/limits.ts";
import { buildTestApp, signUp } from "../helpers/test-app.ts";
import { textPageObjects, tinyPdf } from "../helpers/tiny-pdf.ts";

const { app, prisma } = buildTestApp();
const fixture = (name: string) => readFile(new URL(`../fixtures/pdf/${name}`, import.meta.url));
const browserPdf = await fixture("browser.pdf");
const texPdf = await fixture("pdftex.pdf");
const scan = await fixture("scan.pdf");
const encrypted = await fixture("encrypted.pdf");
const truncated = await fixture("truncated.pdf");

async function ownGroup() {
  const owner = await signUp(app);
  const groupId = (await owner.agent.post("/api/groups").send({ name: "Readers" }).expect(201)).body.group
    .id as string;
  return { owner, groupId };
}

const uploadRaw = (agent: supertest.Agent, groupId: string, body: Buffer, type = "application/pdf") =>
  agent.post(`/api/documents?groupId=${groupId}`).set("Content-Type", type).send(body);

const storedVersions = (groupId: string) =>
  prisma.documentVersion.count({ where: { document: { groupId } } });

describe("uploading a PDF", () => {
  it("imports its layout, keeps the file and its SHA-256, and takes an identical file again as nothing new", async () => {
    const { owner, groupId } = await ownGroup();
    const res = await uploadRaw(owner.agent, groupId, browserPdf).expect(201);
    expect(res.body.document).toMatchObject({ title: "A Short Essay on Reading", author: "Jane Doe" });
    expect(res.body.report).toMatchObject({
      format: "pdf",
      blocks: { title: 1, author: 1, heading: 1, paragraph: 2 },
    });
    const documentId = res.body.document.id as string;

    const version = await owner.agent.get(`/api/documents/${documentId}/versions/1`).expect(200);
    expect(version.body.version).toMatchObject({
      format: "pdf",
      sha256: createHash("sha256").update(browserPdf).digest("hex"),
    });
    const stored = await prisma.documentVersion.findFirstOrThrow({ where: { documentId } });
    expect(Buffer.from(stored.sourceFile!).equals(browserPdf)).toBe(true);
    expect(stored.sourceText).toContain(
      "The office of the reader is to find the difficult efficient affluent flow",
    );
    expect(stored.sourceText).toBe(stored.normalizedText);

    // The same file again, as a multipart form this time: nothing new.
    const again = await owner.agent
      .post(`/api/documents/${documentId}/versions`)
      .attach("file", browserPdf, { filename: "essay.pdf", contentType: "application/pdf" })
      .expect(200);
    expect(again.body).toMatchObject({ created: false, version: { number: 1 } });
    // Another PDF, sent as application/octet-stream: its bytes say what it is.
    const next = await owner.agent
      .post(`/api/documents/${documentId}/versions`)
      .attach("file", texPdf, { filename: "self-reliance", contentType: "application/octet-stream" })
      .expect(201);
    expect(next.body).toMatchObject({
      created: true,
      version: { number: 2 },
      report: { format: "pdf", footnoteMarkersSeparated: 3 },
    });
  });

  it("refuses a scanned, encrypted, damaged, mislabelled, unknown or oversized file, and stores nothing", async () => {
    const { owner, groupId } = await ownGroup();
    // A zip holding one text file (Python's zipfile), neither a .docx nor an EPUB.
    const zip = Buffer.from(
      "504b030414000000000099887e5d86a610360500000005000000090000006e6f7465732e74787468" +
        "656c6c6f504b0102140314000000000099887e5d86a6103605000000050000000900000000000000" +
        "000000008001000000006e6f7465732e747874504b05060000000001000100370000002c0000000000",
      "hex",
    );
    const big = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(6 * 1024 * 1024 - 9, 0x20)]);
    const cases: [Buffer, string, number, RegExp][] = [
      [scan, "application/pdf", 422, /^This PDF has no text; run OCR on it first\.$/],
      [encrypted, "application/pdf", 422, /encrypted with a password.*Remove the password/],
      [truncated, "application/pdf", 422, /damaged and could not be read/],
      [browserPdf, "text/markdown", 415, /claims to be Markdown but its content is a PDF/],
      [
        zip,
        "application/octet-stream",
        415,
        /zip archive that is neither a Word document nor an EPUB.*Upload plain text/,
      ],
      [big, "application/pdf", 413, /larger than 5 MB/],
    ];
    expect(big.length).toBeGreaterThan(limits.documentUploadBytes);
    for (const [body, type, status, message] of cases) {
      const res = await uploadRaw(owner.agent, groupId, body, type).expect(status);
      expect(res.body.error.message).toMatch(message);
    }
    // A page tree that loops, and one naming a page 2^30 times in a few kilobytes (its nodes share their kids).
    const catalog = "<< /Type /Catalog /Pages 2 0 R >>";
    const looping = tinyPdf([catalog, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]);
    const shared = Array.from(
      { length: 30 },
      (_, level) =>
        `<< /Type /Pages /Kids [${level + 3} 0 R ${level + 3} 0 R] /Count ${2 ** (30 - level)} >>`,
    );
    const page = textPageObjects("A page.").map((object) =>
      object.replace("/Parent 2 0 R", "").replace("4 0 R", "33 0 R").replace("5 0 R", "34 0 R"),
    );
    const billion = tinyPdf([catalog, ...shared, ...page]);
    const hostile: [Buffer, number, RegExp][] = [
      [
        looping,
        422,
        /^This PDF is damaged and could not be read \(.*circular.*\)\. Open it in a PDF reader/u,
      ],
      [billion, 413, /^This PDF has 1073741824 pages; Scholia imports at most 2000\. Upload the part/u],
    ];
    for (const [body, status, message] of hostile) {
      const started = Date.now();
      const res = await uploadRaw(owner.agent, groupId, body).expect(status);
      expect(res.body.error.message).toMatch(message);
      expect(Date.now() - started).toBeLessThan(1500);
    }
    const multipart = await owner.agent
      .post("/api/documents")
      .field("groupId", groupId)
      .attach("file", scan, "scan.pdf")
      .expect(422);
    expect(multipart.body.error.code).toBe("unprocessable_content");
    expect(await storedVersions(groupId)).toBe(0);
    expect(await prisma.document.count({ where: { groupId } })).toBe(0);
  });

  it("imports on the worker thread: /healthz answers while a PDF is being read", async () => {
    const { owner, groupId } = await ownGroup();
    const order: string[] = [];
    const upload = uploadRaw(owner.agent, groupId, texPdf).then((res) => {
      order.push("upload");
      return res;
    });
    // The upload's import takes the worker a second or more; the health check needs the event loop only.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await supertest(app).get("/healthz").expect(200);
    order.push("healthz");
    expect((await upload).status).toBe(201);
    expect(order).toEqual(["healthz", "upload"]);
  });
});
