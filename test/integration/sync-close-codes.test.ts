// Sync sockets end with the close code that tells the client what to do: 4429 for one connection too many (stop),
// 4500 for a private-notes change the database did not take, 4508 for a reader too far behind (reconnect).
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import * as Y from "yjs";
import { limits } from "../../shared/limits.ts";
import { closeCode } from "../../shared/sync-protocol.ts";
import { createLogger } from "../../server/logger.ts";
import { createDatabaseClients } from "../../server/data/database.ts";
import { encodeUpdateMessage } from "../../server/realtime/sync-messages.ts";
import { NotesRegistry } from "../../server/services/room-store/notes-registry.ts";
import { RoomRegistry } from "../../server/services/room-store/room-registry.ts";
import { waitFor } from "../helpers/processes.ts";
import { startCuttableProxy, type CuttableProxy } from "../helpers/cuttable-proxy.ts";
import { openRawSyncClient, type RawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";

let proxy: CuttableProxy;
let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
const opened: RawSyncClient[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  // The server's database is reached through a proxy a test can cut: an outage on demand.
  proxy = await startCuttableProxy(inject("databaseUrl"));
  const { db } = createDatabaseClients(proxy.url, 4);
  server = await startTestServer({
    logger: createLogger(
      "warn",
      new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          logLines.push(chunk.toString("utf8"));
          done();
        },
      }),
    ),
    ctx: {
      db,
      rooms: new RoomRegistry(db, pino({ level: "silent" }), encodeUpdateMessage),
      notes: new NotesRegistry(db, encodeUpdateMessage),
    },
  });
  room = await buildRoom(server.app);
});

afterAll(async () => {
  for (const client of opened) client.socket.close();
  await proxy.restore().catch(() => undefined);
  await server.close();
  await proxy.close();
});

/** Text of `size` characters that does not compress to nothing. */
const prose = (size: number, seed: string) =>
  Array.from({ length: Math.ceil(size / 8) }, (_, i) => `${seed}${(i * 7919).toString(36)}`.slice(-8))
    .join("")
    .slice(0, size);

function open(path: string, cookie: string) {
  const client = openRawSyncClient(`${server.wsUrl}${path}`, cookie);
  opened.push(client);
  return client;
}

describe("sync close codes", () => {
  it("one connection over the per-user limit is closed with 4429; the others stay open", async () => {
    const path = `/yjs/rooms/${room.roomId}`;
    const allowed = Array.from({ length: limits.syncConnectionsPerUser }, () =>
      open(path, room.other.cookie),
    );
    await Promise.all(allowed.map((client) => client.synced));
    const extra = open(path, room.other.cookie);
    expect((await extra.closed).code).toBe(closeCode.tooManyConnections);
    expect(closeCode.tooManyConnections).toBe(4429);
    expect(allowed.every((client) => client.socket.readyState === client.socket.OPEN)).toBe(true);
    // Someone else is not held to this user's limit.
    const someoneElse = open(path, room.member.cookie);
    await someoneElse.synced;
    for (const client of [...allowed, someoneElse]) client.socket.close();
  });

  it("a reader that stops reading is closed with 4508 once too much waits for it; others stay", async () => {
    // A room of about 1 MB: each full-state answer is that large.
    const bodies = Array.from({ length: 100 }, (_, i) => prose(limits.bodyMax, `t${i}-`));
    for (let i = 0; i < bodies.length; i += 10) {
      await Promise.all(
        bodies.slice(i, i + 10).map((body) =>
          room.member.agent
            .post(`/api/rooms/${room.roomId}/threads`)
            .set("Idempotency-Key", crypto.randomUUID())
            .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body })
            .expect(201),
        ),
      );
    }
    const path = `/yjs/rooms/${room.roomId}`;
    const keepingUp = open(path, room.member.cookie);
    const stalled = open(path, room.observer.cookie);
    await Promise.all([keepingUp.synced, stalled.synced]);
    const tcp = (stalled.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause(); // it still sends; it no longer reads
    // Asking for the whole document again and again: answers pile up unread, past the send-buffer limit.
    const requests = Math.ceil((3 * limits.syncSendBufferBytes) / (1024 * 1024));
    for (let i = 0; i < requests; i++) stalled.requestSync(new Y.Doc());
    await waitFor(
      () => (logLines.some((line) => line.includes("too far behind")) ? true : undefined),
      20_000,
      "the server to give up on the stalled reader",
    );
    tcp.resume();
    const closed = await stalled.closed;
    expect(closed.code).toBe(closeCode.slowReader);
    expect(closeCode.slowReader).toBe(4508);
    await keepingUp.roundTrip();
    expect(keepingUp.socket.readyState).toBe(keepingUp.socket.OPEN);
  });

  it("a private-notes change the database does not take closes the socket with 4500 (try again later)", async () => {
    const writer = open(`/yjs/notes/${room.roomId}`, room.instructor.cookie);
    await writer.synced;
    await proxy.cut();
    try {
      const before = Y.encodeStateVector(writer.doc);
      writer.doc.getMap("notes").set("during the outage", "typed while the database was away");
      writer.sendUpdate(Y.encodeStateAsUpdate(writer.doc, before));
      const closed = await writer.closed;
      expect(closed.code).toBe(closeCode.notStored);
      expect(closeCode.notStored).toBe(4500);
      expect(closed.reason).toMatch(/could not be stored/);
    } finally {
      await proxy.restore();
    }
  });
});
