// Server memory per idle sync connection: the server process's RSS and JS heap before and after opening many idle,
// synced read replicas. Reference in the same run: the bare @y/websocket-server 0.1.1 holding the same replicas.
import { randomUUID } from "node:crypto";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { currentLoad, loadNote, progress } from "./lib/measure.ts";
import { ReaderPool } from "./lib/reader-pool.ts";
import { report } from "./lib/report.ts";
import {
  inspectEnv,
  inspectServer,
  mib,
  settleLimitMs,
  settledMemory,
  stableKiB,
  stableWindow,
} from "./lib/settled-memory.ts";
import {
  buildGroup,
  openBareWriter,
  postThread,
  readerCookies,
  startBareServer,
  startScholia,
  type BenchGroup,
  type ServerProcess,
} from "./lib/scholia-fixture.ts";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 1000);
/** Opened first and kept, so the baseline already has the room loaded and the connection code paths warm. */
const warmConnections = 20;
const readerProcesses = Number(process.env.BENCH_READER_PROCESSES ?? 2);
const targetBytes = 50 * 1024;
/** Threads written before measuring, so each replica holds a non-trivial document. */
const threadsInRoom = 50;

/**
 * Opens `warmConnections` replicas, reads the baseline, opens `connections` more, reads again, closes them all
 * and reads once more (to see whether the memory is given back).
 */
async function measure(
  server: ServerProcess,
  pool: ReaderPool,
  open: (cookies: string[]) => Promise<void>,
  cookies: string[],
) {
  const inspector = await inspectServer(server);
  try {
    await settledMemory(server, inspector); // start-up's memory given back first
    await open(cookies.slice(0, warmConnections));
    const before = await settledMemory(server, inspector);
    progress(`  opening ${connections} more replicas…`);
    await open(cookies.slice(warmConnections));
    const after = await settledMemory(server, inspector);
    await pool.close();
    const released = await settledMemory(server, inspector);
    return { before, after, released };
  } finally {
    inspector.close();
  }
}

/** `measure` on the bare server, whose room a writer touches every 10 s so that idle replicas stay connected. */
async function measureBare(server: ServerProcess, pool: ReaderPool, cookies: string[]) {
  const room = `bench-memory-${randomUUID()}`;
  // y-websocket clients drop a connection that has been silent for 30 s. Scholia sends a keep-alive every 15 s;
  // the bare server sends nothing by itself.
  const keeper = await openBareWriter(server, room);
  const touch = setInterval(() => keeper.doc.getMap("keep-alive").set("at", Date.now()), 10_000);
  try {
    return await measure(server, pool, (some) => pool.open(server.wsBase, room, some), cookies);
  } finally {
    clearInterval(touch);
    keeper.close();
  }
}

/** Builds the group and room (with `threadsInRoom` threads) through a server process of its own, then stops it. */
async function buildRoomInOtherProcess(databaseUrl: string): Promise<BenchGroup> {
  const builder = await startScholia(databaseUrl);
  try {
    const group = await buildGroup(builder.base, {
      rooms: 1,
      readerConnections: connections + warmConnections,
    });
    const room = group.rooms[0]!;
    for (let i = 0; i < threadsInRoom; i += 1) {
      await postThread(
        builder.base,
        group.owner.cookie,
        room.roomId,
        room.anchorIds[i % room.anchorIds.length]!,
      );
    }
    return group;
  } finally {
    await builder.stop();
  }
}

const inspect = inspectEnv();
const loadAtStart = currentLoad();
const rows: Record<string, string | number>[] = [];
const database = await createScratchDatabase("scholia_bench");
const pool = ReaderPool.start(readerProcesses);
let scholia: ServerProcess | undefined;
let bare: ServerProcess | undefined;
try {
  progress("Scholia (Postgres): building the room…");
  // Built by one server process and measured in a fresh one: password hashing (argon2) during sign-up leaves
  // native memory that the allocator returns to the system only slowly, which would blur the baseline.
  const group = await buildRoomInOtherProcess(database.url);
  const room = group.rooms[0]!;
  const cookies = readerCookies(group.readers, connections + warmConnections);
  progress("Scholia (Postgres): measuring in a fresh process…");
  scholia = await startScholia(database.url, inspect);
  const ours = await measure(
    scholia,
    pool,
    (some) => pool.open(`${scholia!.wsBase}/yjs/rooms`, room.roomId, some),
    cookies,
  );
  await scholia.stop();
  scholia = undefined;

  progress("bare @y/websocket-server 0.1.1…");
  bare = await startBareServer(inspect);
  const reference = await measureBare(bare, pool, cookies);
  for (const [name, result] of [
    ["Scholia", ours],
    ["bare @y/websocket-server 0.1.1 (reference)", reference],
  ] as const) {
    // A fresh process keeps giving start-up memory back for a while, which can leave "before" reading high; the
    // lower of "before" and "after closing" is the baseline (closing gives back less than opening took, if anything).
    const baselineKiB = Math.min(result.before.rssKiB, result.released.rssKiB);
    const rssPer = ((result.after.rssKiB - baselineKiB) * 1024) / connections;
    const heapPer = (result.after.heapBytes - result.before.heapBytes) / connections;
    rows.push({
      server: name,
      "RSS before MiB": mib(result.before),
      [`RSS with +${connections} MiB`]: mib(result.after),
      "RSS after closing MiB": mib(result.released),
      "RSS KB / connection": (rssPer / 1000).toFixed(1),
      "JS heap KB / connection": (heapPer / 1000).toFixed(1),
    });
  }

  await report("Server memory per idle sync connection", rows, [
    `${connections} idle read replicas (y-websocket WebsocketProvider, no awareness state) opened after ${warmConnections} warm ones, in ${readerProcesses} reader processes. Each reading waits until the server's RSS has moved by ≤ ${stableKiB / 1024} MiB over ${stableWindow} one-second readings, each after a full GC forced through the inspector (the server runs with --inspect=127.0.0.1:0), at most ${settleLimitMs / 1000} s (a reading marked "unsettled" hit that limit). RSS from /proc/<pid>/status VmRSS (kernel socket buffers are not in it); JS heap = heapUsed + external, the steadier figure. Scholia's room holds ${threadsInRoom} threads; the bare server's room only a keep-alive key that a writer touches every 10 s (y-websocket clients reconnect after 30 s of silence; Scholia sends its own keep-alive every 15 s).`,
    `Per-connection cost: RSS (with − the lower of before and after closing) / ${connections}, since a fresh server process goes on returning start-up memory for a while and "before" can read high; JS heap (with − before) / ${connections}. Scholia's includes the ws socket and its buffers, the SyncConnection and the per-user counter; the bare server's includes a ws socket and an awareness entry.`,
    `Target: ≤ ${targetBytes / 1024} KB per idle connection.`,
    loadNote(loadAtStart),
  ]);
} finally {
  pool.stop();
  await scholia?.stop();
  await bare?.stop();
  await dropDatabase(database.name);
}
