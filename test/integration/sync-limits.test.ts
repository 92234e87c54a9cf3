// Limits of the sync endpoints: oversized messages, clients asking for the document in a loop, awareness floods,
// malformed notes, the private-notes size limit, and notes that outlive the server's memory with their content intact.
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { limits } from "../../shared/limits.ts";
import { RoomClient } from "../../shared/room-client/room-client.ts";
import { closeCode, messageType } from "../../shared/sync-protocol.ts";
import { encodeUpdateMessage } from "../../server/realtime/sync-messages.ts";
import { NotesRegistry } from "../../server/services/room-store/notes-registry.ts";
import { waitFor } from "../helpers/processes.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { startTestServer, webSocketWithCookie } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
  await room.member.agent
    .post(`/api/rooms/${room.roomId}/threads`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "Something to sync." })
    .expect(201);
});
afterAll(async () => {
  await server.close();
});

const roomUrl = () => `${server.wsUrl}/yjs/rooms/${room.roomId}`;
const notesUrl = () => `${server.wsUrl}/yjs/notes/${room.roomId}`;

/** Text of `size` characters that does not compress to nothing. */
const prose = (size: number, seed: string) =>
  Array.from({ length: Math.ceil(size / 8) }, (_, i) => `${seed}${(i * 7919).toString(36)}`.slice(-8))
    .join("")
    .slice(0, size);

describe("sync limits", () => {
  it("refuses a message over the size limit with a close code that tells the client not to resend it", async () => {
    const client = openRawSyncClient(roomUrl(), room.member.cookie);
    await client.synced;
    client.socket.send(new Uint8Array(limits.syncMessageBytes + 1024));
    const closed = await client.closed;
    expect(closed.code).toBe(closeCode.messageTooLarge);
    expect(closed.reason).toMatch(/limited to 1 MiB/);
  });

  it("answers a client that asks once, and disconnects one that asks for the document in a loop", async () => {
    const client = openRawSyncClient(roomUrl(), room.member.cookie);
    await client.synced;
    expect(client.doc.getMap("threads").size).toBe(1);
    // A made-up state vector knowing nothing of the room's writers still gets the whole state, once per request.
    const stranger = new Y.Doc();
    stranger.getMap("local").set("mine", true);
    for (let i = 0; i < 120; i++) client.requestSync(stranger); // the limit is per user, across connections
    expect((await client.closed).code).toBe(closeCode.tooManyRequests);
  });

  it("a RoomClient refused by the server says why and stops reconnecting", async () => {
    const client = new RoomClient({
      baseUrl: server.url,
      roomId: room.roomId,
      user: { id: room.outsider.id, name: room.outsider.displayName },
      headers: { cookie: room.outsider.cookie },
      WebSocket: webSocketWithCookie(room.outsider.cookie),
    });
    try {
      const state = await waitFor(
        () => (client.state().status === "closed" ? client.state() : undefined),
        5_000,
        "the refusal",
      );
      expect(state.reason).toMatch(/not found/);
      // Deliberately a quiet period, not a wait for something: no reconnect may start in it (longer than the first
      // reconnect delay).
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(client.provider.ws).toBeNull();
      expect(client.state().status).toBe("closed");
    } finally {
      client.destroy();
    }
  });
});

/** A y-websocket message of `type` whose body is `size` bytes (an awareness update, say, or something unknown). */
function messageOf(type: number, size: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, new Uint8Array(size).fill(7));
  return encoding.toUint8Array(encoder);
}

describe("messages the server does not use", () => {
  // Presence travels over socket.io: awareness on sync sockets is neither relayed nor allowed to cost anything.
  for (const [name, url] of [
    ["room", roomUrl],
    ["notes", notesUrl],
  ] as const) {
    it(`a flood of small awareness messages closes the ${name} connection with 4529`, async () => {
      const client = openRawSyncClient(url(), room.observer.cookie);
      await client.synced;
      const small = messageOf(messageType.awareness, 20);
      for (let i = 0; i < 5_000; i++) client.socket.send(small);
      expect((await client.closed).code).toBe(closeCode.tooManyRequests);
    });
  }

  it("an awareness message of 1 MiB closes the connection with 4413 at the first", async () => {
    const client = openRawSyncClient(roomUrl(), room.observer.cookie);
    await client.synced;
    const huge = messageOf(messageType.awareness, limits.syncMessageBytes - 16);
    for (let i = 0; i < 60; i++) client.socket.send(huge);
    const closed = await client.closed;
    expect(closed.code).toBe(closeCode.messageTooLarge);
    expect(closed.reason).toMatch(/presence does not use this connection/);
  });

  it("query-awareness and auth messages are bounded the same way; an unknown message type closes with 4400", async () => {
    const querying = openRawSyncClient(roomUrl(), room.observer.cookie);
    await querying.synced;
    for (let i = 0; i < 5_000; i++) querying.socket.send(messageOf(messageType.queryAwareness, 0));
    expect((await querying.closed).code).toBe(closeCode.tooManyRequests);

    const authing = openRawSyncClient(roomUrl(), room.observer.cookie);
    await authing.synced;
    authing.socket.send(messageOf(messageType.auth, limits.syncAwarenessBytes + 1));
    expect((await authing.closed).code).toBe(closeCode.messageTooLarge);

    const unknown = openRawSyncClient(roomUrl(), room.observer.cookie);
    await unknown.synced;
    unknown.socket.send(messageOf(7, 4));
    expect(await unknown.closed).toMatchObject({
      code: closeCode.malformed,
      reason: "Unknown message type 7.",
    });
  });
});

describe("private notes storage", () => {
  it("compacts replaced text away, refuses notes past their size limit, and reloads what was kept", async () => {
    const writer = openRawSyncClient(notesUrl(), room.other.cookie);
    await writer.synced;
    const text = writer.doc.getText("note");
    const edit = (change: () => void) => {
      const before = Y.encodeStateVector(writer.doc);
      change();
      writer.sendUpdate(Y.encodeStateAsUpdate(writer.doc, before));
    };
    const chunk = Math.floor(limits.notesBytes * 0.45);
    // Two drafts written and deleted: stored, they alone would use up most of the limit.
    for (const draft of ["first", "second"]) {
      edit(() => text.insert(0, prose(chunk, draft)));
      edit(() => text.delete(0, text.length));
    }
    edit(() => text.insert(0, prose(chunk, "kept-a"))); // fits only once compaction drops the drafts
    edit(() => text.insert(text.length, prose(chunk, "kept-b")));
    edit(() => text.insert(text.length, prose(chunk, "too-much")));
    const closed = await writer.closed;
    expect(closed.code).toBe(closeCode.messageTooLarge);
    expect(closed.reason).toMatch(/reached the 2 MiB limit/);

    const reloaded = await new NotesRegistry(server.ctx.db, encodeUpdateMessage).open(
      room.roomId,
      room.other.id,
    );
    expect(reloaded.doc.getText("note").toString()).toBe(prose(chunk, "kept-a") + prose(chunk, "kept-b"));
    const rows = await server.prisma.noteUpdate.findMany({
      where: { roomId: room.roomId, userId: room.other.id },
      select: { update: true },
    });
    const stored = rows.reduce((sum, row) => sum + row.update.byteLength, 0);
    expect(stored).toBeLessThan(limits.notesBytes);
    expect(stored).toBeGreaterThan(2 * chunk);
  });

  it("a malformed notes update closes with 4400 (the client does not resend it) and stores nothing", async () => {
    const stored = () =>
      server.prisma.noteUpdate.count({ where: { roomId: room.roomId, userId: room.owner.id } });
    const before = await stored();
    // Not updates at all; the second announces 7,031 clients and millions of structs in seven bytes.
    for (const garbage of ["1c8df24df22e50d66c95603501e64546a761a0", "f736ac97a50f00", "00"]) {
      const writer = openRawSyncClient(notesUrl(), room.owner.cookie);
      await writer.synced;
      writer.sendUpdate(Buffer.from(garbage, "hex"));
      expect(await writer.closed, garbage).toMatchObject({ code: closeCode.malformed });
    }
    expect(await stored()).toBe(before);
  });

  it("compaction keeps rows that another copy of the same notes wrote", async () => {
    const owner = room.instructor.id;
    const listener = { sendUpdate: () => undefined };
    const edit = (doc: Y.Doc, key: string) => {
      const before = Y.encodeStateVector(doc);
      doc.getMap("notes").set(key, key);
      return Y.encodeStateAsUpdate(doc, before);
    };
    // Two copies, as after a reconnect while the old one still had writes queued.
    const stale = await new NotesRegistry(server.ctx.db, encodeUpdateMessage).open(room.roomId, owner);
    const current = await new NotesRegistry(server.ctx.db, encodeUpdateMessage).open(room.roomId, owner);
    await current.write(edit(new Y.Doc(), "typed after reconnecting"), listener);
    const typist = new Y.Doc();
    for (let i = 0; i < 200; i++) await stale.write(edit(typist, `queued ${i}`), listener); // compacts
    expect(await server.prisma.noteUpdate.count({ where: { roomId: room.roomId, userId: owner } })).toBe(1);
    const reloaded = await new NotesRegistry(server.ctx.db, encodeUpdateMessage).open(room.roomId, owner);
    expect(reloaded.doc.getMap("notes").get("typed after reconnecting")).toBe("typed after reconnecting");
    expect(reloaded.doc.getMap("notes").get("queued 199")).toBe("queued 199");
  });

  it("connections opened together share one notes document", async () => {
    const registry = new NotesRegistry(server.ctx.db, encodeUpdateMessage);
    const [a, b] = await Promise.all([
      registry.open(room.roomId, room.member.id),
      registry.open(room.roomId, room.member.id),
    ]);
    expect(a).toBe(b);
    registry.release(a); // one connection closes before the other has subscribed
    expect(await registry.open(room.roomId, room.member.id)).toBe(b);
  });
});
