// Frame-level fuzzing of the sync endpoints: a few thousand random, truncated, oversized and protocol-breaking
// frames (and random y-websocket messages in well-formed frames), with and without a session. The server must stay
// up and a well-behaved reader must keep converging. The seed is in the test's name; replay with FUZZ_SEED=<seed>.
import * as encoding from "lib0/encoding";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { syncPaths } from "../../shared/sync-protocol.ts";
import { openRawSyncClient, type RawSyncClient } from "../helpers/raw-sync-client.ts";
import { encodeFrame, opcode, openRawUpgrade } from "../helpers/raw-websocket.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";
import { expectStillServing, watchUncaughtErrors } from "../helpers/server-health.ts";

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const sessions = 200;
/** Sessions run at once (each its own connection). */
const parallel = 8;

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
let watcher: RawSyncClient;
const uncaught = watchUncaughtErrors();

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
  watcher = openRawSyncClient(`${server.wsUrl}${syncPaths.room(room.roomId)}`, room.member.cookie);
  await watcher.synced;
});
afterAll(async () => {
  watcher.socket.close();
  await server.close();
});

const varUint = (value: number) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
};
const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);

/** A real Yjs update: what a notes client sends (stored) and a room client must not (refused). */
const yjsUpdate = fc
  .array(fc.tuple(fc.string({ maxLength: 12 }), fc.nat({ max: 20 })), { minLength: 1, maxLength: 4 })
  .map((edits) => {
    const doc = new Y.Doc();
    for (const [text, at] of edits)
      doc.getText("note").insert(Math.min(at, doc.getText("note").length), text);
    return Y.encodeStateAsUpdate(doc);
  });

/** y-websocket messages: well-formed, with lying lengths, of unknown types, or plain noise. */
const message = fc.oneof(
  fc
    .tuple(fc.nat({ max: 6 }), fc.uint8Array({ maxLength: 48 }))
    .map(([type, body]) => concat(varUint(type), body)),
  fc
    .tuple(fc.nat({ max: 3 }), fc.uint8Array({ maxLength: 48 }), fc.option(fc.nat({ max: 2 ** 31 })))
    .map(([step, body, announced]) =>
      concat(varUint(0), varUint(step), varUint(announced ?? body.length), body),
    ),
  fc
    .array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 })
    .map((entries) =>
      concat(
        varUint(0),
        varUint(0),
        varUint(1 + entries.length * 10),
        varUint(entries.length),
        ...entries.flat().map(varUint),
      ),
    ),
  fc
    .tuple(fc.constantFrom(1, 2), yjsUpdate)
    .map(([step, update]) => concat(varUint(0), varUint(step), varUint(update.length), update)),
  fc.uint8Array({ maxLength: 64 }),
);

/** One frame, from a well-formed binary frame carrying a random message to bytes that are not a frame at all. */
const frame = fc.oneof(
  { weight: 6, arbitrary: message.map((payload) => encodeFrame({ opcode: opcode.binary, payload })) },
  {
    weight: 3,
    arbitrary: fc
      .record({
        opcode: fc.nat({ max: 15 }),
        fin: fc.boolean(),
        rsv: fc.nat({ max: 7 }),
        masked: fc.boolean(),
        payload: fc.uint8Array({ maxLength: 200 }),
      })
      .map(encodeFrame),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(message, fc.integer({ min: 1, max: 2 ** 40 }))
      .map(([payload, extra]) =>
        encodeFrame({ opcode: opcode.binary, payload, announcedLength: payload.length + extra }),
      ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 32 }).map((bytes) => Buffer.from(bytes)) },
);

const session = fc.record({
  endpoint: fc.constantFrom("room", "instructors", "notes"),
  signedIn: fc.boolean(),
  /** Sent with the upgrade request, so the server reads it while it checks the session. */
  early: fc.boolean(),
  frames: fc.array(frame, { minLength: 1, maxLength: 30, size: "max" }),
});

type Session = typeof session extends fc.Arbitrary<infer T> ? T : never;

/** Plays one session on its own connection; fails if the server has not let go 10 s after the client did. */
async function play(script: Session, index: number): Promise<void> {
  const path =
    script.endpoint === "notes"
      ? syncPaths.notes(room.roomId)
      : syncPaths.room(room.roomId, script.endpoint === "room" ? "group" : "instructors");
  const bytes = Buffer.concat(script.frames);
  const client = openRawUpgrade(server.url, path, {
    cookie: script.signedIn ? room.other.cookie : undefined,
    early: script.early ? bytes : undefined,
  });
  if (!script.early && (await client.answered) === 101) for (const one of script.frames) client.write(one);
  client.socket.end(); // whatever the server made of it, it must let go once the client has
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.closed,
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`session ${index} (${script.endpoint}) was never closed`)),
        10_000,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

describe("sync endpoints under frame fuzzing", () => {
  it(
    `stay up and keep a watcher converging (seed ${seed}; replay with FUZZ_SEED=${seed})`,
    { timeout: 60_000 },
    async () => {
      const scripts = fc.sample(session, { seed, numRuns: sessions });
      const queue = [...scripts.entries()];
      let frames = 0;
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            frames += next[1].frames.length;
            await play(next[1], next[0]);
          }
        }),
      );
      expect(frames).toBeGreaterThan(2_000);
      await expectStillServing({
        url: server.url,
        uncaught,
        roomId: room.roomId,
        blockId: room.paragraphs[0]!.anchorId,
        author: room.member,
        watcher,
      });
      // The watcher holds exactly what a reader joining now is sent.
      const fresh = openRawSyncClient(`${server.wsUrl}${syncPaths.room(room.roomId)}`, room.observer.cookie);
      await fresh.synced;
      expect(Y.encodeStateVector(watcher.doc)).toEqual(Y.encodeStateVector(fresh.doc));
      expect(watcher.doc.getMap("threads").toJSON()).toEqual(fresh.doc.getMap("threads").toJSON());
      fresh.socket.close();
    },
  );
});
