// Malformed multipart uploads are each answered with a 4xx that says what was wrong, and store nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { buildRoom } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app, prisma } = buildTestApp();
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  room = await buildRoom(app);
});

const boundary = "scholia-edge-boundary";

/** One part of a multipart body: a file when `filename` is given, else a plain field. */
function part(name: string, content: string | Buffer, filename?: string): Buffer {
  const disposition = `form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}`;
  const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${filename ? "Content-Type: text/plain\r\n" : ""}\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from("\r\n")]);
}

const closing = Buffer.from(`--${boundary}--\r\n`);

function send(body: Buffer) {
  return room.owner.agent
    .post(`/api/documents?groupId=${room.groupId}`)
    .set("Content-Type", `multipart/form-data; boundary=${boundary}`)
    .send(body);
}

const documentsStored = () => prisma.document.count({ where: { groupId: room.groupId } });

describe("a multipart upload", () => {
  it("is stored when well formed (the baseline the cases below break)", async () => {
    const before = await documentsStored();
    await send(Buffer.concat([part("file", "A title\n\nA paragraph.", "ok.txt"), closing])).expect(201);
    expect(await documentsStored()).toBe(before + 1);
  });

  it.each([
    ["without a file part", [part("title", "Only a title")], 400, { field: "file", message: "is required" }],
    [
      "with the file under another field name",
      [part("document", "A title\n\nA paragraph.", "wrong.txt")],
      400,
      { field: "file", message: 'must be the field named "file" (got "document")' },
    ],
    ["with an empty file", [part("file", "", "empty.txt")], 400, { field: "file", message: "is empty" }],
    [
      "with a file that is not UTF-8",
      [
        part(
          "file",
          Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x0a, 0x63, 0x61, 0x66, 0xe9]),
          "latin1.txt",
        ),
      ],
      400,
      { field: "file", message: "is not valid UTF-8" },
    ],
  ])("%s is refused, naming the field and why", async (_case, parts, status, detail) => {
    const before = await documentsStored();
    const res = await send(Buffer.concat([...parts, closing])).expect(status);
    expect(res.body.error.details).toEqual([detail]);
    expect(await documentsStored()).toBe(before);
  });

  it("with two files is refused: one file at a time", async () => {
    const before = await documentsStored();
    const res = await send(
      Buffer.concat([
        part("file", "First\n\nText.", "a.txt"),
        part("file", "Second\n\nText.", "b.txt"),
        closing,
      ]),
    ).expect(400);
    expect(res.body.error.message).toBe("Upload one file at a time.");
    expect(await documentsStored()).toBe(before);
  });

  it("that ends before its closing boundary is refused as unreadable", async () => {
    const before = await documentsStored();
    const whole = Buffer.concat([part("file", "A title\n\nA paragraph that goes on", "cut.txt"), closing]);
    const res = await send(whole.subarray(0, whole.length - closing.length - 10)).expect(400);
    expect(res.body.error.message).toMatch(/^The multipart body could not be read: .*end of form/i);
    expect(await documentsStored()).toBe(before);
  });

  it("over the size limit is refused with 413 naming the limit", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, "a");
    const res = await send(Buffer.concat([part("file", big, "big.txt"), closing])).expect(413);
    expect(res.body.error.message).toBe("The file is larger than 5 MB.");
  });
});
