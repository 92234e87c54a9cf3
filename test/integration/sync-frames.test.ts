// Frames no WebSocket library would send close only the connection that sent them, signed in or not: the process
// keeps serving, other readers keep receiving, and each bad connection is logged once.
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncPaths } from "../../shared/sync-protocol.ts";
import { openRawSyncClient, type RawSyncClient } from "../helpers/raw-sync-client.ts";
import { encodeFrame, opcode, openRawUpgrade } from "../helpers/raw-websocket.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";
import { expectStillServing, watchUncaughtErrors } from "../helpers/server-health.ts";

const logs: { msg: string; level: number }[] = [];
let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
let watcher: RawSyncClient;
const uncaught = watchUncaughtErrors();

beforeAll(async () => {
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  server = await startTestServer({ logger });
  room = await buildRoom(server.app);
  watcher = openRawSyncClient(`${server.wsUrl}${syncPaths.room(room.roomId)}`, room.member.cookie);
  await watcher.synced;
});
afterAll(async () => {
  watcher.socket.close();
  await server.close();
});

const payload = Uint8Array.from([0, 0, 1, 0]);
/** Frames each broken in one way; a server must close the connection that sent any of them. */
const badFrames: Record<string, Buffer> = {
  "a header announcing 3 MiB": Buffer.concat([Buffer.from("82ff0000000000300000", "hex"), randomBytes(4)]),
  "a reserved data opcode": encodeFrame({ opcode: 3, payload }),
  "a reserved control opcode": encodeFrame({ opcode: 0xb, payload }),
  "RSV1 set without an extension": encodeFrame({ opcode: opcode.binary, rsv: 4, payload }),
  "RSV2 and RSV3 set": encodeFrame({ opcode: opcode.binary, rsv: 3, payload }),
  "invalid UTF-8 in a text frame": encodeFrame({
    opcode: opcode.text,
    payload: Uint8Array.from([0xff, 0xfe]),
  }),
  "an unmasked client frame": encodeFrame({ opcode: opcode.binary, payload, masked: false }),
  "a fragmented ping": encodeFrame({ opcode: opcode.ping, fin: false }),
  "a ping longer than 125 bytes": encodeFrame({ opcode: opcode.ping, payload: new Uint8Array(200) }),
  "a continuation with nothing to continue": encodeFrame({ opcode: opcode.continuation, payload }),
  "a close frame with a reserved code": encodeFrame({
    opcode: opcode.close,
    payload: Uint8Array.from([3, 237]),
  }),
  "a truncated frame, then the end of the stream": encodeFrame({
    opcode: opcode.binary,
    payload,
    announcedLength: 100,
  }),
};

const expectServerServing = () =>
  expectStillServing({
    url: server.url,
    uncaught,
    roomId: room.roomId,
    blockId: room.paragraphs[1]!.anchorId,
    author: room.member,
    watcher,
  });

const protocolErrorLogs = () => logs.filter((line) => /protocol error/.test(line.msg)).length;

describe("malformed WebSocket frames", () => {
  for (const signedIn of [false, true]) {
    for (const endpoint of ["room", "notes"] as const) {
      it(`close only their own connection (${endpoint} endpoint, ${signedIn ? "signed in" : "no session"})`, async () => {
        const path = endpoint === "room" ? syncPaths.room(room.roomId) : syncPaths.notes(room.roomId);
        const before = protocolErrorLogs();
        const outcomes = await Promise.all(
          Object.entries(badFrames).map(async ([name, frame]) => {
            // The bad frame arrives with the upgrade request, so the server reads it while checking the session.
            const client = openRawUpgrade(server.url, path, {
              cookie: signedIn ? room.other.cookie : undefined,
              early: Buffer.concat([frame, frame]),
            });
            await client.answered;
            client.write(frame); // and again once connected: the error must not be reported per frame
            if (name.includes("truncated")) client.socket.end();
            return [name, await client.closed] as const;
          }),
        );
        for (const [name, closed] of outcomes) {
          expect(closed.upgraded, name).toBe(true);
          if (closed.code !== undefined) expect([1002, 1007, 1009, 4401], name).toContain(closed.code);
        }
        // At most one line per connection, however many bad frames it sent (some were refused before reading any).
        expect(protocolErrorLogs() - before).toBeLessThanOrEqual(Object.keys(badFrames).length);
        if (signedIn) expect(protocolErrorLogs() - before).toBeGreaterThan(0);
        await expectServerServing();
      });
    }
  }

  it("a signed-in reader's oversized frame closes with 1009 and names the limit in the log once", async () => {
    const client = openRawUpgrade(server.url, syncPaths.room(room.roomId), { cookie: room.other.cookie });
    expect(await client.answered).toBe(101);
    const before = protocolErrorLogs();
    client.write(badFrames["a header announcing 3 MiB"]!);
    expect((await client.closed).code).toBe(1009);
    expect(protocolErrorLogs() - before).toBe(1);
    await expectServerServing();
  });
});
