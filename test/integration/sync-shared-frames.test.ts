// A committed update is framed once and the same bytes are written to every reader's socket (byte for byte what
// ws.send would have written), in order with ws's own sends on each socket, and a reader that stops reading is still
// dropped once too much waits for it.
import net from "node:net";
import type { AddressInfo } from "node:net";
import * as encoding from "lib0/encoding";
import { pino } from "pino";
import * as syncProtocol from "y-protocols/sync";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as wsModule from "ws";
import WebSocket, { WebSocketServer } from "ws";
import * as Y from "yjs";
import { limits } from "../../shared/limits.ts";
import { closeCode, messageType, syncPaths } from "../../shared/sync-protocol.ts";
import { acceptsSharedFrames } from "../../server/realtime/shared-frames.ts";
import { SyncConnection, UserRates } from "../../server/realtime/sync-connection.ts";
import type { UpdateListener } from "../../server/services/room-store/room-document.ts";
import { waitFor } from "../helpers/processes.ts";
import {
  encodeFrame,
  opcode,
  openRawUpgrade,
  serverFrames,
  type RawUpgrade,
} from "../helpers/raw-websocket.ts";
import { buildRoom, startThread } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";

/** ws's own framing, independent of the server's code (ws exports Sender by name; its typings do not declare it). */
const Sender = (
  wsModule as unknown as {
    Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] };
  }
).Sender;
const framedByWs = (payload: Uint8Array) =>
  Buffer.concat(
    Sender.frame(Buffer.from(payload), { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }),
  );

const syncStep1 = () => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.sync);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
};
const isSync = (payload: Buffer, step: number) => payload[0] === messageType.sync && payload[1] === step;

describe("a committed update sent to a room's readers", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let room: Awaited<ReturnType<typeof buildRoom>>;
  const readers: RawUpgrade[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    room = await buildRoom(server.app);
  });
  afterAll(async () => {
    for (const reader of readers) reader.socket.destroy();
    await server.close();
  });
  afterEach(() => vi.restoreAllMocks());

  it("is one frame, written as the same bytes to every reader, identical to ws's framing", async () => {
    for (const person of [room.member, room.observer, room.instructor]) {
      readers.push(
        openRawUpgrade(server.url, syncPaths.room(room.roomId), {
          cookie: person.cookie,
          early: encodeFrame({ opcode: opcode.binary, payload: syncStep1() }),
        }),
      );
    }
    expect(await Promise.all(readers.map((reader) => reader.answered))).toEqual([101, 101, 101]);
    const framesOf = (reader: RawUpgrade) => serverFrames(reader.sent());
    await waitFor(
      () =>
        readers.every((reader) =>
          framesOf(reader).some((frame) => isSync(frame.payload, syncProtocol.messageYjsSyncStep2)),
        ) || undefined,
      10_000,
      "every reader's first sync",
    );
    // Every chunk the process writes to a TCP socket from here on (the server's and the readers' alike).
    const written: unknown[] = [];
    const write = net.Socket.prototype.write;
    vi.spyOn(net.Socket.prototype, "write").mockImplementation(function (this: net.Socket, ...args) {
      written.push(args[0]);
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    });

    const marker = `marker-${crypto.randomUUID()}`;
    await startThread(room.owner, room.roomId, marker, { blockId: room.paragraphs[0]!.anchorId });
    const updateFrame = (reader: RawUpgrade) =>
      framesOf(reader).find(
        (frame) =>
          isSync(frame.payload, syncProtocol.messageYjsUpdate) && frame.payload.includes(Buffer.from(marker)),
      );
    await waitFor(() => readers.every(updateFrame) || undefined, 10_000, "the update at every reader");

    const [first, ...others] = readers.map((reader) => updateFrame(reader)!);
    expect(first!.opcode).toBe(opcode.binary);
    for (const frame of others) expect(frame.raw.equals(first!.raw)).toBe(true);
    expect(first!.raw.equals(framedByWs(first!.payload))).toBe(true);
    // One buffer, the whole frame, handed to each reader's socket: framed once, not per reader.
    const sameFrame = written.filter((chunk) => Buffer.isBuffer(chunk) && chunk.equals(first!.raw));
    expect(sameFrame).toHaveLength(readers.length);
    expect(new Set(sameFrame).size).toBe(1);
  });
});

describe("a sync connection writing shared frames", () => {
  let wss: WebSocketServer;
  let port: number;
  const clients: WebSocket[] = [];
  const warnings: string[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
    await new Promise((resolve) => wss.once("listening", resolve));
    port = (wss.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const client of clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });

  /** A client connected to `server` and the server's end of it. */
  async function connect(server = wss, serverPort = port, options: WebSocket.ClientOptions = {}) {
    const accepted = new Promise<WebSocket>((resolve) => server.once("connection", resolve));
    const client = new WebSocket(`ws://127.0.0.1:${serverPort}`, options);
    clients.push(client);
    await new Promise((resolve) => client.once("open", resolve));
    return { client, socket: await accepted };
  }

  function attach(socket: WebSocket, listeners: Set<UpdateListener>) {
    const target = { doc: new Y.Doc(), encodedState: () => new Uint8Array([0, 0]), listeners };
    return new SyncConnection(socket, "user", target, new UserRates(), logger);
  }

  it("goes out in order with what ws itself sends on the same socket (messages, pings, the keep-alive)", async () => {
    const { client, socket } = await connect();
    expect(acceptsSharedFrames(socket)).toBe(true);
    const connection = attach(socket, new Set());
    const seen: string[] = [];
    client.on("message", (data: Buffer) => seen.push(data.toString()));
    client.on("ping", () => seen.push("ping"));
    const text = (value: string) => new TextEncoder().encode(value);
    connection.sendUpdate(text("a"));
    socket.send(text("b"));
    connection.send(text("c"));
    socket.ping();
    connection.sendUpdate(text("d".repeat(100_000))); // a frame written as a header and a payload
    socket.send(text("e"));
    connection.keepAlive(text("kept")); // a ping and a message, in one write
    connection.send(text("f"));
    await waitFor(() => (seen.length === 9 ? true : undefined), 10_000, "every message");
    expect(seen).toEqual(["a", "b", "c", "ping", "d".repeat(100_000), "e", "ping", "kept", "f"]);
  });

  it("drops a reader that stops reading once the shared frames waiting for it pass the limit; others get them all", async () => {
    const listeners = new Set<UpdateListener>();
    const keeping = await connect();
    const stalled = await connect();
    const received: Buffer[] = [];
    keeping.client.on("message", (data: Buffer) => received.push(data));
    attach(keeping.socket, listeners);
    const slow = attach(stalled.socket, listeners);
    (stalled.client as unknown as { _socket: net.Socket })._socket.pause(); // it no longer reads
    const update = new Uint8Array(1024 * 1024).map((_, i) => i % 251);
    const sends = Math.ceil((2 * limits.syncSendBufferBytes) / update.byteLength);
    for (let i = 0; i < sends; i++) {
      for (const listener of listeners) listener.sendUpdate(update);
      // Lets the kernel take what it will, so the backlog is what a real room would leave in the process.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(listeners.has(slow)).toBe(false);
    expect(stalled.socket.readyState).toBe(WebSocket.CLOSING);
    expect(warnings.some((line) => line.includes("too far behind"))).toBe(true);
    await waitFor(() => (received.length === sends ? true : undefined), 20_000, "every update at the reader");
    expect(received.every((data) => data.equals(update))).toBe(true);
    expect(keeping.socket.readyState).toBe(WebSocket.OPEN);
    // The close frame was queued behind the backlog; once the reader reads again it gets the reason.
    const closed = new Promise<number>((resolve) => stalled.client.once("close", resolve));
    (stalled.client as unknown as { _socket: net.Socket })._socket.resume();
    expect(await closed).toBe(closeCode.slowReader);
  });

  it("falls back to ws.send on a socket with permessage-deflate, whose frames cannot be shared", async () => {
    const deflating = new WebSocketServer({
      port: 0,
      host: "127.0.0.1",
      perMessageDeflate: { threshold: 0 },
    });
    try {
      await new Promise((resolve) => deflating.once("listening", resolve));
      const { client, socket } = await connect(deflating, (deflating.address() as AddressInfo).port, {
        perMessageDeflate: true,
      });
      expect(socket.extensions).toContain("permessage-deflate");
      expect(acceptsSharedFrames(socket)).toBe(false);
      const got = new Promise<Buffer>((resolve) => client.once("message", resolve));
      attach(socket, new Set()).sendUpdate(new TextEncoder().encode("compressed"));
      expect((await got).toString()).toBe("compressed");
    } finally {
      for (const socket of deflating.clients) socket.terminate();
      await new Promise((resolve) => deflating.close(resolve));
    }
  });
});
