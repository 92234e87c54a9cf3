// Cold load of a large room (10,000 threads, 30,000 comments): a fresh server process's first sync of the room
// from Postgres, and its first GET of the threads list. References in the same run: decoding the same state in
// the bench process, and the bare @y/websocket-server 0.1.1 serving the same state from memory.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import WebSocket from "ws";
import { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { RoomDoc, type CommentRecord, type ThreadRecord } from "../shared/room-doc.ts";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { currentLoad, loadNote, median, ms, processCpuMs, progress, sleep } from "./lib/measure.ts";
import { report } from "./lib/report.ts";
import { storeRoom, type BuiltRoom } from "./lib/store-room.ts";
import {
  buildGroup,
  buildThreadRecord,
  call,
  openBareWriter,
  startBareServer,
  startScholia,
  type BenchUser,
  type ServerProcess,
} from "./lib/scholia-fixture.ts";

const threadCount = Number(process.env.BENCH_THREADS ?? 10_000);
const commentsPerThread = 3;
const repetitions = Number(process.env.BENCH_REPETITIONS ?? 3);
const targetMs = 500;

/** The essay's words: bodies drawn from them compress like prose, not like one repeated sentence. */
const vocabulary = (await readFile("server/demo/communization-in-the-present-tense.txt", "utf8"))
  .split(/\s+/)
  .filter((word) => word.length > 0);
/** A deterministic body of roughly `length` characters: words picked by a small PRNG seeded with `seed`. */
function text(seed: number, length: number): string {
  const out: string[] = [];
  let state = (seed * 2654435761) >>> 0;
  for (let size = 0; size < length;) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const word = vocabulary[state % vocabulary.length]!;
    out.push(word);
    size += word.length + 1;
  }
  return out.join(" ");
}

/** The room document as the server would have built it: threads, replies, some threads resolved (replaced). */
function buildRoomState(authors: { id: string; name: string }[], anchorIds: string[]): BuiltRoom {
  const doc = new Y.Doc({ gc: true });
  const room = new RoomDoc(doc);
  const threads: ThreadRecord[] = [];
  const comments: CommentRecord[] = [];
  const start = Date.parse("2026-01-01T00:00:00Z");
  const at = (i: number) => new Date(start + i * 60_000).toISOString();
  doc.transact(() => {
    for (let i = 0; i < threadCount; i += 1) {
      const author = authors[i % authors.length]!;
      const thread = buildThreadRecord({
        id: randomUUID(),
        anchor: { blockId: anchorIds[i % anchorIds.length]! },
        authorId: author.id,
        authorName: author.name,
        createdAt: at(i * 4),
        body: text(i, 120 + (i % 7) * 40),
      });
      room.putThread(thread);
      threads.push(thread);
      for (let c = 0; c < commentsPerThread; c += 1) {
        const replier = authors[(i + c + 1) % authors.length]!;
        const comment: CommentRecord = {
          id: randomUUID(),
          threadId: thread.id,
          parentId: null,
          authorId: replier.id,
          authorName: replier.name,
          body: text(i * 3 + c, 60 + ((i + c) % 5) * 30),
          createdAt: at(i * 4 + c + 1),
          editedAt: null,
          deleted: false,
          hidden: null,
        };
        room.putComment(comment);
        comments.push(comment);
      }
    }
  });
  // A tenth of the threads were resolved later: replaced map values leave deleted items, as in real rooms.
  doc.transact(() => {
    for (let i = 0; i < threadCount; i += 10) {
      const thread = threads[i]!;
      const author = authors[0]!;
      const resolved: ThreadRecord = {
        ...thread,
        status: "resolved",
        resolvedBy: { id: author.id, name: author.name, at: at(i * 4 + 5) },
      };
      threads[i] = resolved;
      room.putThread(resolved);
    }
  });
  return { state: Y.encodeStateAsUpdate(doc), threads, comments };
}

/** Connects one replica and resolves with the milliseconds until it has synced, checking the thread count. */
async function timeFirstSync(serverUrl: string, room: string, cookie: string | undefined): Promise<number> {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  const started = performance.now();
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, cookie ? { headers: { cookie } } : {});
      }
    } as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    awareness,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("first sync took over 60 s")), 60_000);
      provider.once("sync", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const elapsed = performance.now() - started;
    const size = doc.getMap("threads").size;
    if (size !== threadCount) throw new Error(`synced ${size} threads, expected ${threadCount}`);
    return elapsed;
  } finally {
    provider.destroy();
    awareness.destroy();
    doc.destroy();
  }
}

/** Milliseconds until GET /api/rooms/:roomId/threads has been answered and parsed. */
async function timeThreadList(base: string, roomId: string, cookie: string, query = ""): Promise<number> {
  const started = performance.now();
  const body = await call<{ threads: unknown[] }>(base, "GET", `/api/rooms/${roomId}/threads${query}`, {
    cookie,
  });
  const elapsed = performance.now() - started;
  if (body.threads.length === 0) throw new Error("the thread list came back empty");
  return elapsed;
}

/** Repeated wall times of one measurement, and the server process's CPU time during each. */
interface Series {
  label: string;
  wall: number[];
  serverCpu: number[];
}

const series = (label: string): Series => ({ label, wall: [], serverCpu: [] });

/** Runs `measure` (which returns its wall time) and records it with the server's CPU time meanwhile. */
async function sample(into: Series, server: ServerProcess, measure: () => Promise<number>): Promise<void> {
  const before = processCpuMs(server.pid);
  into.wall.push(await measure());
  into.serverCpu.push(processCpuMs(server.pid) - before);
}

/** The loadMs the server logged when it loaded the room document (one structured log line per load). */
function loggedLoadMs(output: string): number {
  const line = output.split("\n").find((entry) => entry.includes("loaded room document"));
  const loadMs = line ? (JSON.parse(line) as { loadMs?: unknown }).loadMs : undefined;
  if (typeof loadMs !== "number") throw new Error("the server did not log loading the room document");
  return loadMs;
}

const timed = <T>(fn: () => T): [T, number] => {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
};

const loadAtStart = currentLoad();
const database = await createScratchDatabase("scholia_bench");
let server: ServerProcess | undefined;
let bare: ServerProcess | undefined;
try {
  progress("building the group and the room through the API…");
  server = await startScholia(database.url);
  const group = await buildGroup(server.base, { rooms: 1, readerConnections: 4 * 20 });
  await server.stop();
  server = undefined;
  const room = group.rooms[0]!;
  const people: BenchUser[] = [group.owner, ...group.readers];
  const authors = people.map((user, i) => ({
    id: user.id,
    name: i === 0 ? "Bench Owner" : `Bench Reader ${i}`,
  }));

  progress(
    `building a room document with ${threadCount} threads and ${threadCount * commentsPerThread} comments…`,
  );
  const [built, buildMs] = timed(() => buildRoomState(authors, room.anchorIds));
  progress(
    `  ${(built.state.byteLength / 2 ** 20).toFixed(1)} MiB encoded, built in ${ms(buildMs)} ms; storing…`,
  );
  const storedBytes = await storeRoom(database.url, room.roomId, built);

  const decode = series("reference: Y.applyUpdate of the state in the bench process (the client's share)");
  const encode = series("reference: Y.encodeStateAsUpdate of that document");
  for (let i = 0; i < repetitions; i += 1) {
    const doc = new Y.Doc();
    decode.wall.push(timed(() => Y.applyUpdate(doc, built.state))[1]);
    encode.wall.push(timed(() => Y.encodeStateAsUpdate(doc))[1]);
    doc.destroy();
  }

  const cookie = group.owner.cookie;
  const firstSync = series(
    "Scholia: first sync of the room by a fresh process (load from Postgres, send the stored state, client applies)",
  );
  const serverLoad = series(
    "Scholia server: cold load of the room document (Postgres query, inflate), from its log line",
  );
  const secondSync = series("Scholia: second sync (room in memory, encoded state shared)");
  const firstList = series(
    "Scholia: first GET /api/rooms/:roomId/threads of a fresh process (first 2,000 threads)",
  );
  const secondList = series("Scholia: second GET /api/rooms/:roomId/threads");
  const listWithComments = series(
    "Scholia: GET …/threads?include=comments (2,000 threads + their 6,000 comments)",
  );
  for (let i = 0; i < repetitions; i += 1) {
    progress(`fresh Scholia process ${i + 1}/${repetitions}: first GET of the thread list, first sync…`);
    const fresh: ServerProcess = await startScholia(database.url);
    server = fresh;
    // Warm the session lookup and the database pool, so that what follows measures the room, not the boot.
    await call(fresh.base, "GET", "/api/me", { cookie });
    const syncUrl = `${fresh.wsBase}/yjs/rooms`;
    await sample(firstList, fresh, () => timeThreadList(fresh.base, room.roomId, cookie));
    await sample(secondList, fresh, () => timeThreadList(fresh.base, room.roomId, cookie));
    await sample(listWithComments, fresh, () =>
      timeThreadList(fresh.base, room.roomId, cookie, "?include=comments"),
    );
    await sample(firstSync, fresh, () => timeFirstSync(syncUrl, room.roomId, cookie));
    await sample(secondSync, fresh, () => timeFirstSync(syncUrl, room.roomId, cookie));
    serverLoad.wall.push(loggedLoadMs(fresh.output()));
    await fresh.stop();
    server = undefined;
  }

  progress("bare @y/websocket-server 0.1.1 with the same state in memory…");
  const reference: ServerProcess = await startBareServer();
  bare = reference;
  const bareRoom = `bench-cold-${randomUUID()}`;
  // A client that holds the state pushes it to the bare server in its sync step 2, and stays connected.
  const holderDoc = new Y.Doc();
  Y.applyUpdate(holderDoc, built.state);
  const holder = await openBareWriter(reference, bareRoom, holderDoc);
  let holding = false;
  for (let attempt = 0; attempt < 50 && !holding; attempt += 1) {
    // Until the server has applied the holder's state, a reader syncs fewer threads: try again.
    holding = await timeFirstSync(reference.wsBase, bareRoom, undefined).then(
      () => true,
      () => sleep(200).then(() => false),
    );
  }
  const bareSync = series("reference: bare @y/websocket-server sync of the same state from memory");
  for (let i = 0; i < repetitions; i += 1) {
    await sample(bareSync, reference, () => timeFirstSync(reference.wsBase, bareRoom, undefined));
  }
  holder.close();

  const range = (values: number[]) =>
    `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;
  const rows = [
    firstSync,
    serverLoad,
    secondSync,
    firstList,
    secondList,
    listWithComments,
    bareSync,
    decode,
    encode,
  ].map((measured) => ({
    measurement: measured.label,
    "median ms (min–max)": range(measured.wall),
    "server CPU ms (median)": measured.serverCpu.length > 0 ? median(measured.serverCpu) : "–",
  }));
  await report("Cold load of a large room", rows, [
    `${threadCount.toLocaleString("en")} threads (a tenth resolved later), ${(threadCount * commentsPerThread).toLocaleString("en")} comments; room state ${(built.state.byteLength / 2 ** 20).toFixed(1)} MiB encoded, stored deflated (${(storedBytes / 2 ** 20).toFixed(1)} MiB, as compaction stores it; bodies are words drawn at random from the essay, so they compress like prose) as the room's RoomSnapshot row with matching Thread and Comment rows (written directly with pg; building it through the mutation path would take too long). ${repetitions} fresh server processes; in each, one GET /api/me first warms the session lookup and the database pool, then the thread list is fetched and the room synced in that order.`,
    `Sync times run from creating the WebsocketProvider to its "synced" event in the bench process, so they include the client's decoding of the state (the applyUpdate row) as well as the handshake (session and membership lookups), the server's load of the room from Postgres (query and inflate; a cold room's first reader is sent the stored state as it is, before the server builds its own Y.Doc). "server CPU" is the server process's CPU time during the measurement (/proc, 10 ms ticks, all its threads): less sensitive than wall time to other work on the machine.`,
    `Target: ≤ ${targetMs} ms for the first sync and for the first thread list of a fresh process.`,
    loadNote(loadAtStart),
  ]);
} finally {
  await server?.stop();
  await bare?.stop();
  await dropDatabase(database.name);
}
