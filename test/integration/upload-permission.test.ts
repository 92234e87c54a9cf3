// An upload is refused before its body is read: someone who may not upload to the group (observer, member,
// outsider) gets 403/404 while still sending, and the server closes the connection instead of taking in the rest.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRoom, type Person } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
});
afterAll(async () => {
  await server.close();
});

/** A 5 MB body announced in full, of which only the first `sent` bytes are ever sent. */
const announced = 5 * 1024 * 1024 - 1024;
const sent = 64 * 1024;

interface Answer {
  status: number;
  connection: string | undefined;
  body: { error?: { code: string } };
  /** Whether the server closed the connection while the body was still unsent. */
  closed: boolean;
}

/**
 * Sends the headers and the first `sent` bytes of `prefix` + padding, then waits for the answer (never sending the
 * rest). A server that reads the body before checking permission never answers; the test then fails on its deadline.
 */
function sendPartially(path: string, person: Person, contentType: string, prefix = ""): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = request(url, {
      method: "POST",
      headers: { cookie: person.cookie, "content-type": contentType, "content-length": announced },
    });
    req.on("error", () => undefined); // the server may close while we would still be sending: expected
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => {
        const socket = req.socket;
        const finish = (closed: boolean) =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            body: JSON.parse(text) as Answer["body"],
            closed,
          });
        if (!socket || socket.destroyed) finish(true);
        else socket.once("close", () => finish(true));
      });
    });
    const head = Buffer.from(prefix);
    req.write(Buffer.concat([head, Buffer.alloc(sent - head.length, "a")]));
    setTimeout(
      () => reject(new Error("no answer while the body was unsent: the server waits to read it")),
      20_000,
    );
  });
}

function multipartPrefix(boundary: string, groupId: string): string {
  return [
    `--${boundary}`,
    'Content-Disposition: form-data; name="groupId"',
    "",
    groupId,
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="big.txt"',
    "Content-Type: text/plain",
    "",
    "",
  ].join("\r\n");
}

describe("an upload without permission", () => {
  it("to a group: observers and members get 403, outsiders 404, before the body is read", async () => {
    const cases: [Person, number][] = [
      [room.observer, 403],
      [room.member, 403],
      [room.outsider, 404],
    ];
    for (const [person, status] of cases) {
      const raw = await sendPartially(`/api/documents?groupId=${room.groupId}`, person, "text/plain");
      expect(raw).toMatchObject({ status, connection: "close", closed: true });
      const boundary = "scholiaboundary";
      const multipart = await sendPartially(
        "/api/documents",
        person,
        `multipart/form-data; boundary=${boundary}`,
        multipartPrefix(boundary, room.groupId),
      );
      expect(multipart).toMatchObject({ status, connection: "close", closed: true });
    }
    expect(await server.prisma.document.count({ where: { groupId: room.groupId } })).toBe(1);
  });

  it("as a new version: members get 403, outsiders 404, before the body is read", async () => {
    const path = `/api/documents/${room.documentId}/versions`;
    expect(await sendPartially(path, room.member, "text/plain")).toMatchObject({ status: 403, closed: true });
    expect(await sendPartially(path, room.outsider, "text/plain")).toMatchObject({
      status: 404,
      closed: true,
    });
    expect(await server.prisma.documentVersion.count({ where: { documentId: room.documentId } })).toBe(1);
  });

  it("a multipart upload must name its group before the file, so that it can be checked first", async () => {
    const res = await room.owner.agent
      .post("/api/documents")
      .attach("file", Buffer.from("A Title\n\nSome text."), "text.txt")
      .field("groupId", room.groupId)
      .expect(400);
    expect(res.body.error.details).toEqual([{ field: "groupId", message: "is required" }]);
  });

  it("a multipart upload cut off in the middle of its file harms nothing (the server carries on)", async () => {
    const boundary = "scholiaboundary";
    const url = new URL("/api/documents", server.url);
    const req = request(url, {
      method: "POST",
      headers: {
        cookie: room.owner.cookie,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": announced,
      },
    });
    req.on("error", () => undefined);
    req.write(Buffer.concat([Buffer.from(multipartPrefix(boundary, room.groupId)), Buffer.alloc(sent, "a")]));
    // Cut the connection once the server has started on the file (its check passed: the owner may upload).
    await new Promise((resolve) => setTimeout(resolve, 200));
    req.destroy();
    await fetch(`${server.url}/healthz`).then((res) => expect(res.status).toBe(200));
    await room.owner.agent.get("/api/documents").expect(200);
  });
});
