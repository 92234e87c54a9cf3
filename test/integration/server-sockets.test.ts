// Broken HTTP requests are answered as Node would (400, 431) and closed; the server keeps serving.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** Writes `request` on a fresh connection; resolves with what the server sent once it has closed it. */
function exchange(request: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(server.url);
  const socket = net.connect(Number(port), hostname, () => socket.write(request));
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  socket.on("error", () => undefined);
  return new Promise((resolve) => socket.on("close", () => resolve(Buffer.concat(chunks).toString())));
}

describe("broken HTTP requests", () => {
  it("a request line that is not HTTP gets 400 and the connection closes", async () => {
    expect(await exchange("HELLO THERE\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 Bad Request/);
  });

  it("headers past Node's limit get 431", async () => {
    const request = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`;
    expect(await exchange(request)).toMatch(/^HTTP\/1\.1 431/);
  });

  it("a connection reset in the middle of a request leaves the server serving", async () => {
    const { hostname, port } = new URL(server.url);
    const socket = net.connect(Number(port), hostname, () => {
      socket.write("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
      socket.resetAndDestroy();
    });
    await new Promise((resolve) => socket.on("close", resolve));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
